/** TCP state names: the kernel's codes, and the spellings other tools use for them. */

/** include/net/tcp_states.h, as /proc/net/tcp prints them (hex codes), in the names SocketRow uses. */
export const TCP_STATES: Readonly<Record<number, string>> = {
  0x01: "ESTABLISHED",
  0x02: "SYN_SENT",
  0x03: "SYN_RECV",
  0x04: "FIN_WAIT1",
  0x05: "FIN_WAIT2",
  0x06: "TIME_WAIT",
  0x07: "CLOSE",
  0x08: "CLOSE_WAIT",
  0x09: "LAST_ACK",
  0x0a: "LISTEN",
  0x0b: "CLOSING",
  0x0c: "NEW_SYN_RECV",
};

const ALIASES: Readonly<Record<string, string>> = {
  // ss
  ESTAB: "ESTABLISHED",
  "SYN-SENT": "SYN_SENT",
  "SYN-RECV": "SYN_RECV",
  "FIN-WAIT-1": "FIN_WAIT1",
  "FIN-WAIT-2": "FIN_WAIT2",
  "TIME-WAIT": "TIME_WAIT",
  "CLOSE-WAIT": "CLOSE_WAIT",
  "LAST-ACK": "LAST_ACK",
  // BSD / macOS netstat and lsof (tcpstates[] in netinet/tcp_fsm.h)
  FIN_WAIT_1: "FIN_WAIT1",
  FIN_WAIT_2: "FIN_WAIT2",
  SYN_RCVD: "SYN_RECV",
  SYN_RECEIVED: "SYN_RECV",
  CLOSED: "CLOSE",
};

/** Any tool's spelling of a TCP state → SocketRow's (the Linux kernel's) name. */
export function normalizeTcpState(name: string): string {
  const up = name.trim().toUpperCase();
  return ALIASES[up] ?? up;
}
