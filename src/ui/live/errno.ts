/**
 * One line on what an errno means for the call that got it: what a learner needs
 * to read next to a red `connect → ECONNREFUSED`. Named after socket(7), tcp(7),
 * connect(2), bind(2) and friends; the man page is where to look next.
 */
const MEANINGS: Record<string, string> = {
  ECONNREFUSED: "nothing listens at that address and port: the peer's kernel answered the SYN with a RST (connect(2))",
  EADDRINUSE: "another socket already holds this address and port (or a TIME_WAIT connection does, without SO_REUSEADDR) (bind(2))",
  EADDRNOTAVAIL: "this address is not one of this host's addresses, or no ephemeral port is free (bind(2))",
  EACCES: "permission denied: ports below 1024 need privileges, or a file-system path is not writable (bind(2))",
  EPERM: "operation not permitted: raw sockets need CAP_NET_RAW (root), which this process does not have (raw(7))",
  ETIMEDOUT: "no answer in time: the handshake's SYN was never answered (tcp(7))",
  ECONNRESET: "the peer reset the connection (RST): it closed with unread data or crashed (tcp(7))",
  ECONNABORTED: "the connection was aborted before accept() could take it (accept(2))",
  EPIPE: "writing to a connection the peer has closed (send(2)); Python raises BrokenPipeError",
  ENOTCONN: "the socket is not connected: connect() first, or the peer has gone (send(2))",
  EISCONN: "the socket is already connected (connect(2))",
  EAGAIN: "would block: a non-blocking socket has nothing to read, or no room to write, right now",
  EWOULDBLOCK: "would block: a non-blocking socket has nothing to read, or no room to write, right now",
  EINPROGRESS: "a non-blocking connect() has started and will finish later (connect(2))",
  EINVAL: "invalid argument for this socket's state, e.g. listen() before bind() on some systems, or bind() twice",
  EAFNOSUPPORT: "this address family is not supported here, e.g. IPv6 disabled (socket(2))",
  EPROTONOSUPPORT: "this protocol is not supported for that family and type (socket(2))",
  ENOENT: "no such file: nothing listens at that Unix socket path (unix(7))",
  EBADF: "not an open file descriptor: the socket was already closed",
  ENOTSOCK: "that file descriptor is not a socket",
  EMSGSIZE: "the datagram is larger than the protocol allows in one message (udp(7))",
  ENETUNREACH: "no route to that network from this host (ip(7))",
  EHOSTUNREACH: "no route to that host (ip(7))",
};

export function errnoMeaning(errno: string | undefined): string | undefined {
  return errno ? MEANINGS[errno] : undefined;
}
