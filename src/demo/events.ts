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
}

export interface OutputEvent {
  type: "output";
  proc: string;
  stream: "stdout" | "stderr";
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
}

export interface TableEvent {
  type: "table";
  snapshot: SocketTableSnapshot;
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

export type DemoEvent = CallEvent | OutputEvent | ProcessEvent | TableEvent | SyscallEvent | NoteEvent;
