import type { SocketTableSnapshot } from "../kernel/types.js";

/**
 * The one stream every view renders: what a traced demo process did, what it
 * printed, and what the kernel saw. The tracers (Python and Node) write `call`
 * events as JSON lines on fd 3; the launcher adds the rest.
 */

/** A socket call, reported up to three times: pending (paused before it), start (may block), end. */
export interface CallEvent {
  type: "call";
  /** The process's name in the demo ("server", "client", "client 2"). */
  proc: string;
  pid: number;
  /** Per-process call number: pending/start/end of one call share it. */
  seq: number;
  phase: "pending" | "start" | "end";
  /** The BSD name: socket, bind, listen, accept, connect, send, sendall, recv, sendto, recvfrom, shutdown, close, setsockopt, ... */
  call: string;
  /** The socket's file descriptor, when it has one. */
  fd?: number;
  /** Arguments as the learner would write them: ["AF_INET", "SOCK_STREAM"], ["('127.0.0.1', 8000)"]. */
  args: string[];
  /** On end: the result as text ("fd 3", "ok", "5 bytes b'hello'"). */
  result?: string;
  /** On end, when the call failed: "ECONNREFUSED". */
  errno?: string;
  /** On end, when the call failed: the OS message. */
  error?: string;
  /** Where in the demo program the call was made. */
  file?: string;
  line?: number;
  /** Addresses involved, for the timeline's arrows ("127.0.0.1:8000"). */
  local?: string;
  peer?: string;
  /** Bytes moved by send/recv-like calls. */
  bytes?: number;
  /** ms since epoch (with fractions) when this phase happened in the traced process. */
  t: number;
  /**
   * What kind of call: a socket call (the default when absent), a wait for readiness
   * (select/poll/selectors), or a read of the program's stdin (input()), which the
   * views may show as "waiting for you to type" and never pause before.
   */
  kind?: "socket" | "select" | "stdin";
  /** The runtime's own spelling of the call when it is not the BSD one: "server.listen(8000, '127.0.0.1')". */
  api?: string;
  /** One honest line about how the runtime maps to the BSD call: "Node's server.listen() does socket+bind+listen in one call". */
  note?: string;
  /** The library helper that made this call on the program's behalf: "socket.create_connection". */
  via?: string;
  /** The thread that made the call, when it is not the main one (Python threads). */
  thread?: string;
  /** accept(): the new connected socket's fd. socket(): the same as fd. */
  newFd?: number;
  /** Unix stream sockets: the peer's pid (SO_PEERCRED), which pairs the two ends of a connection. */
  peerPid?: number;
  /** On end: the call returned because the runtime gave up waiting (a timeout), not an error from the kernel. */
  timedOut?: boolean;
  /**
   * The demo clock's time at `t` (ms since the run started), added by the tutor (never
   * taken from the tracer): the clock stops while a call waits for the learner's key,
   * so a call's time on it leaves those pauses out (src/demo/clock.ts).
   */
  demoT?: number;
}

export interface OutputEvent {
  type: "output";
  proc: string;
  /** "stdin": a line typed into the process (by the learner in the view, or by the tutor in a free run). */
  stream: "stdout" | "stderr" | "stdin";
  text: string;
  t: number;
}

export interface ProcessEvent {
  type: "spawn" | "exit";
  proc: string;
  pid: number;
  /** On exit. */
  code?: number | null;
  signal?: string | null;
  t: number;
  /** On spawn: the runtime and the program file (relative to the demo folder) it runs. */
  runtime?: "python" | "node";
  file?: string;
  /** On spawn of a program run under strace (DemoProcessSpec.straced): its command line as shown. */
  command?: string;
  /** On spawn: the user it runs as, when not the tutor's own (an `unprivileged` process). */
  user?: string;
  /** On exit: the tutor ended it (stop(), restart, the demo's deadline), so it is not a crash. */
  stopped?: boolean;
}

export interface TableEvent {
  type: "table";
  snapshot: SocketTableSnapshot;
  /** When it was read (the snapshot's own t), so every event has a time. */
  t: number;
}

/** A real system call seen by strace (the syscall view), for one process. */
export interface SyscallEvent {
  type: "syscall";
  proc: string;
  pid: number;
  /** strace's line, trimmed: `bind(3<TCP:[...]>, {sa_family=AF_INET, ...}, 16) = 0`. */
  text: string;
  t: number;
}

/** Something the tutor says about the run: "port 8000 was busy, using 8001", "running as nobody". */
export interface NoteEvent {
  type: "note";
  text: string;
  level: "info" | "warn";
  t: number;
}

/**
 * The session's lifecycle, for views: "running" after launch, "done" when every
 * process that should finish has finished (or the deadline passed), "stopped" after
 * stop(). `ok` on done: the demo ran as designed (exit codes as expected, no deadline
 * hit, and the lesson's outcome declared in demo.json seen: src/demo/outcome.ts).
 */
export interface StatusEvent {
  type: "status";
  status: "starting" | "running" | "done" | "stopped";
  ok?: boolean;
  /** On done, when not ok: why, in one line. */
  reason?: string;
  /**
   * On done, when a pause the learner held changed what a kernel timer decided (the
   * demo clock stops, the kernel's timers do not): which timer, in one line for the views.
   */
  kernelTimer?: KernelTimerNotice;
  t: number;
}

/** The step mode changed (setMode), so views can show it. */
export interface ModeEvent {
  type: "mode";
  mode: "step" | "run" | "slow";
  t: number;
}

/** A kernel timer that a held pause let run out (SYN retransmission, TIME_WAIT), in words for the views. */
export interface KernelTimerNotice {
  timer: "syn-retransmission" | "time-wait";
  /** A few sentences: what happened and why (the plain view, the live view's help). */
  text: string;
  /** One short sentence for the live view's notes line. */
  line: string;
}

/** A TCP segment's header as the capture decoded it: raw numbers (state.ts makes seq/ack relative, scales the window). */
export interface TcpHeader {
  /** The flags set, one letter each (F S R P A U E C), as the kernel sent them: "S", "SA", "A", "PA", "FA", "R", "RA". */
  flags: string;
  seq: number;
  ack: number;
  /** The window field as sent, before the connection's window scale is applied. */
  win: number;
  /** On a SYN: the largest segment this end accepts, and its window scale (a shift). */
  mss?: number;
  wscale?: number;
}

export interface IcmpHeader {
  type: number;
  code: number;
  /**
   * An ICMP error quotes the start of the packet it is about: for "port unreachable",
   * the UDP datagram that no socket received (why a connected UDP socket then gets ECONNREFUSED).
   */
  about?: { proto: PacketProto; src: string; dst: string };
}

export type PacketProto = "tcp" | "udp" | "icmp" | "other";

/**
 * One packet on the run's loopback (demos in a private network only), from the capture
 * helper (src/demo/capture/). Each packet is reported once (loopback shows every packet
 * twice: as sent and as received; the received copy is kept).
 */
export interface PacketEvent {
  type: "packet";
  /** The capture's number for it, from 1, counting packets not reported (PacketGapEvent) too. */
  n: number;
  /**
   * When loopback received it: the kernel's stamp, in ms since the epoch like the calls'
   * `t` (see socket_tutor_capture.py, CLOCK), so calls and packets order on one clock.
   */
  t: number;
  ip: 4 | 6;
  proto: PacketProto;
  /** "127.0.0.1:8000", "[::1]:8000"; an address alone for ICMP and other protocols. */
  src: string;
  dst: string;
  /** The IP packet's length in bytes. */
  size: number;
  /** TCP or UDP payload bytes. */
  bytes: number;
  /** The payload's first bytes (at most 24), escaped as inside a Python bytes literal: "hello\\n". */
  preview?: string;
  tcp?: TcpHeader;
  icmp?: IcmpHeader;
  /** Other protocols: the IP protocol number. */
  ipProto?: number;
}

/** Packets seen on the wire but not reported one by one. */
export interface PacketGapEvent {
  type: "packet-gap";
  count: number;
  /** Payload bytes in them, when known. */
  bytes?: number;
  /**
   * "budget": more packets a second than anyone can read (a big transfer): the capture
   * reports a burst of them, then a few hundred a second, and counts the rest.
   * "kernel": the kernel dropped them before the capture could read them.
   */
  cause: "budget" | "kernel";
  t: number;
}

/** Whether this run's packets are captured; when not, why and what would let them be. */
export interface WireEvent {
  type: "wire";
  status: "capturing" | "unavailable";
  /** On unavailable: one or two sentences for the learner. */
  reason?: string;
  t: number;
}

export type DemoEvent = CallEvent | OutputEvent | ProcessEvent | TableEvent | SyscallEvent | NoteEvent | StatusEvent | ModeEvent | PacketEvent | PacketGapEvent | WireEvent;
