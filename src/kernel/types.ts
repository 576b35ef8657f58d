/** One row of the kernel's socket table, as `ss` would show it. Read from the kernel, never guessed. */
export type SocketProto = "tcp" | "tcp6" | "udp" | "udp6" | "unix";

export interface SocketRow {
  proto: SocketProto;
  /**
   * "127.0.0.1:8000", "[::1]:8000", "[::ffff:127.0.0.1]:8000"; a wildcard as ss prints it:
   * "0.0.0.0:*" / "[::]:*" (port 0 is "*"). Unix: the path ("@name" for abstract, "" unnamed).
   * For a Unix socket, remote is the peer's path ("" when the peer is unnamed or there is none).
   */
  local: string;
  remote: string;
  /**
   * TCP: LISTEN, SYN_SENT, SYN_RECV, ESTABLISHED, FIN_WAIT1, FIN_WAIT2, TIME_WAIT,
   * CLOSE, CLOSE_WAIT, LAST_ACK, CLOSING. UDP: UNCONN or ESTABLISHED (connected).
   * Unix: LISTEN, CONNECTED, UNCONNECTED, CONNECTING, DISCONNECTING.
   */
  state: string;
  /**
   * For a LISTEN socket: connections completed and waiting for accept(). Otherwise bytes queued
   * (UDP: receive-buffer memory in use, as ss shows it). Meaningless when listed in `unknown`.
   */
  recvQ: number;
  /**
   * For a LISTEN socket: the backlog limit, min(listen() backlog, somaxconn), as ss shows it.
   * /proc/net/tcp does not carry it: on Linux it comes from `ss` (netlink sock_diag) when ss is
   * installed, otherwise it is 0 and "sendQ" is listed in `unknown`: never show that 0.
   * Otherwise: bytes not yet acknowledged (TCP) or send-buffer memory in use (UDP, Unix).
   */
  sendQ: number;
  inode: number;
  /** Unix sockets: STREAM, DGRAM or SEQPACKET. */
  unixType?: string;
  /** UDP: datagrams the kernel dropped on this socket (receive buffer full). */
  drops?: number;
  /** Owner, when the socket is still in some process's fd table (TIME_WAIT has none). */
  pid?: number;
  fd?: number;
  /**
   * Fields this source could not read, which a view should show as "?":
   * /proc/net/unix has no queues and no peer (ss fills them when installed);
   * /proc/net/tcp has no backlog; lsof has no Unix queues (nor, on macOS, Unix states).
   */
  unknown?: Array<"recvQ" | "sendQ" | "remote" | "state">;
  /** Unix sockets: the inode of the connected peer socket (from ss), to pair the two ends. */
  peerInode?: number;
}

export interface SocketTableSnapshot {
  /** ms since epoch when read. */
  t: number;
  rows: SocketRow[];
  /** Where the rows came from ("/proc/net", "lsof"), or why there are none. */
  source: string;
  error?: string;
  /**
   * Why some rows list fields in `unknown` (a view shows them as "?" and says this):
   * "/proc/net does not show it and ss is not installed". Absent when nothing is unknown.
   */
  unknownReason?: string;
}
