/** One row of the kernel's socket table, as `ss` would show it. Read from the kernel, never guessed. */
export type SocketProto = "tcp" | "tcp6" | "udp" | "udp6" | "unix";

export interface SocketRow {
  proto: SocketProto;
  /** "127.0.0.1:8000", "[::1]:8000", "*:*", or a Unix path ("@name" for abstract, "" unnamed). */
  local: string;
  remote: string;
  /**
   * TCP: LISTEN, SYN_SENT, SYN_RECV, ESTABLISHED, FIN_WAIT1, FIN_WAIT2, TIME_WAIT,
   * CLOSE, CLOSE_WAIT, LAST_ACK, CLOSING. UDP: UNCONN or ESTABLISHED (connected).
   * Unix: LISTEN, CONNECTED, UNCONNECTED, CONNECTING, DISCONNECTING.
   */
  state: string;
  /** For a LISTEN socket: connections completed and waiting for accept(). Otherwise bytes queued. */
  recvQ: number;
  /** For a LISTEN socket: the backlog limit (as ss shows it). Otherwise bytes not yet acknowledged/sent. */
  sendQ: number;
  inode: number;
  /** Unix sockets: STREAM, DGRAM or SEQPACKET. */
  unixType?: string;
  /** UDP: datagrams the kernel dropped on this socket (receive buffer full). */
  drops?: number;
  /** Owner, when the socket is still in some process's fd table (TIME_WAIT has none). */
  pid?: number;
  fd?: number;
}

export interface SocketTableSnapshot {
  /** ms since epoch when read. */
  t: number;
  rows: SocketRow[];
  /** Where the rows came from ("/proc/net", "lsof"), or why there are none. */
  source: string;
  error?: string;
}
