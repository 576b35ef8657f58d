/**
 * The wire: the packets of a demo's run, captured in its private network. Protocol
 * words (SYN, ACK, FIN, RST, PSH, seq, ack, win, mss, UDP, ICMP) are TCP/IP's own
 * names: keep them as they are in every language.
 */
export const wire = {
  // Why a run's packets are not shown, and what would let them be. {why} is a reason from the sandbox or the capture.
  "wire.unavailable.noSandbox": "Packets cannot be shown: runs have no private network here ({why}). The capture runs inside one, which Linux gives without root where unprivileged user namespaces are allowed.",
  "wire.unavailable.sharedNetwork": "Packets cannot be shown for this demo: it runs on this machine's own loopback (a program in it must meet the kernel as an ordinary user), and capturing there would need root.",
  "wire.unavailable.noPython": "Packets cannot be shown: the capture needs Python 3.8 or newer ({why}). Install python3 to see them.",
  "wire.unavailable.failed": "Packets cannot be shown: the capture could not start in the run's private network ({why}).",
  "wire.unavailable.ended": "The packet capture stopped ({why}): later packets are not shown.",
  "wire.capture.timeout": "it did not answer within {seconds} s",
  "wire.capture.exited": "it exited with status {code}",
  // "client → server": who sent a packet and to whom (process names or addresses).
  "wire.ends": "{from} → {to}",
  "wire.tcp.seq": "seq {seq}",
  "wire.tcp.ack": "ack {ack}",
  "wire.tcp.win": "win {win}",
  "wire.tcp.mss": "mss {mss}",
  // The data a packet carries: "5 bytes b'hello'"; {preview} is already escaped and quoted.
  "wire.data": "{n, plural, one {# byte} other {# bytes}} {preview}",
  "wire.retransmission": "(retransmission)",
  "wire.retransmissionAfter": "(retransmission, {seconds} s after the last)",
  "wire.udp": "UDP",
  "wire.icmp.portUnreachable": "ICMP port unreachable: the UDP datagram {from} → {to} found no socket there",
  "wire.icmp.unreachable": "ICMP destination unreachable (code {code}) for {from} → {to}",
  "wire.icmp.other": "ICMP type {type} code {code}",
  "wire.other": "IP protocol {proto}, {size}",
  // A packet's label on an arrow of the timeline: "SYN (retransmission)".
  "wire.label.retransmission": "{label} (retransmission)",
  "wire.gap.budget": "{n, plural, one {# packet} other {# packets}} ({size} of data) not shown one by one: more a second than anyone can read",
  "wire.gap.kernel": "{n, plural, one {# packet} other {# packets}} dropped by the kernel before the capture could read them",
  "wire.notKept": "({n, plural, one {# earlier packet} other {# earlier packets}} not kept)",
} as const;
