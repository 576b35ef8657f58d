/**
 * Words for what the engine records, shared by the plain view and the full-screen
 * view so both say the same thing: a call as a learner would write it with its
 * result, what an errno means, a kernel table row, an exit.
 */
import type { SocketRow } from "../kernel/types.js";
import type { CallView, DemoState, ProcView } from "./state.js";

/** `bind(fd 3, ('127.0.0.1', 8000))`; Node calls whose fd is known only at the end show it in the result. */
export function callText(c: Pick<CallView, "call" | "args" | "fd" | "status" | "kind" | "api">): string {
  const args = c.args.slice();
  const fdKnownBefore = c.fd !== undefined && c.call !== "socket" && c.kind !== "stdin" && !(c.api && (c.call === "listen" || c.call === "connect" || c.call === "bind"));
  if (fdKnownBefore) args.unshift(`fd ${c.fd}`);
  return `${c.call}(${args.join(", ")})`;
}

/** What the call returned, or where it is: "→ fd 3", "→ ECONNREFUSED (Connection refused)", "… waiting", "paused". */
export function outcomeText(c: Pick<CallView, "status" | "result" | "errno" | "error" | "timedOut" | "call" | "fd" | "api" | "kind">): string {
  switch (c.status) {
    case "pending":
      return "paused before the call";
    case "running":
      return c.kind === "stdin" ? "… waiting for input" : "… waiting";
    case "failed": {
      const label = c.errno ?? (c.timedOut ? "timed out" : "error");
      return `→ ${label}${c.error && c.error !== label ? ` (${c.error})` : ""}`;
    }
    case "done": {
      let r = c.result ?? "ok";
      if (c.api && c.fd !== undefined && (c.call === "listen" || c.call === "connect" || c.call === "bind") && !r.includes("fd ")) r += `, fd ${c.fd}`;
      return `→ ${r}`;
    }
  }
}

export function callLine(c: CallView): string {
  return `${callText(c)} ${outcomeText(c)}`;
}

/** One line on what an errno means for a learner, for the common socket errors, with the man page to read next. */
const ERRNO_MEANING: Record<string, string> = {
  ECONNREFUSED: "nothing listens on that address and port: the kernel answered the connection request with a reset (connect(2))",
  EADDRINUSE: "another socket already holds this address and port; a connection in TIME_WAIT counts unless SO_REUSEADDR is set (bind(2))",
  EADDRNOTAVAIL: "that address does not belong to this machine, or no ephemeral port is free (bind(2))",
  EPERM: "the kernel refused: this needs a privilege the process does not have; raw sockets need CAP_NET_RAW (raw(7))",
  EACCES: "permission denied: ports below 1024 need privileges, and a Unix socket path needs write access to its folder (bind(2))",
  ECONNRESET: "the peer reset the connection: it closed with data still unread, or crashed (tcp(7))",
  ECONNABORTED: "the connection was aborted before accept() could take it (accept(2))",
  EPIPE: "the peer has closed the connection, so there is no one to send to (send(2))",
  ETIMEDOUT: "no answer came in time: the handshake's SYN was never answered (tcp(7))",
  ENOENT: "no such file: nothing is listening on that Unix socket path (unix(7))",
  ENOTCONN: "the socket is not connected (send(2))",
  EISCONN: "the socket is already connected (connect(2))",
  EINVAL: "invalid argument for this socket in its current state, e.g. bind() twice",
  EAFNOSUPPORT: "this address family is not supported here: is IPv6 disabled? (socket(2))",
  EPROTONOSUPPORT: "this protocol is not supported for that family and type (socket(2))",
  EMSGSIZE: "the datagram is larger than the socket can send in one piece (udp(7))",
  EAGAIN: "nothing to read (or no room to write) right now on a non-blocking socket",
  EWOULDBLOCK: "nothing to read (or no room to write) right now on a non-blocking socket",
  EINPROGRESS: "a non-blocking connect() has started; it completes later (connect(2))",
  ENETUNREACH: "no route to that network (ip(7))",
  EHOSTUNREACH: "no route to that host (ip(7))",
  EBADF: "that file descriptor is not open: the socket was already closed",
  ENOTSOCK: "that file descriptor is not a socket",
};

export function errnoMeaning(errno: string | undefined): string | undefined {
  return errno ? ERRNO_MEANING[errno] : undefined;
}

/** "127.0.0.1:8000"; the kernel's "0.0.0.0:*" for "no peer" shown as "*:*" only when it is one. */
export function tableRowText(r: SocketRow, owner?: string, all: readonly SocketRow[] = []): string[] {
  const q = (f: "recvQ" | "sendQ") => rowField(r, f);
  const queue = r.state === "LISTEN" ? `accept queue ${q("recvQ")}/${q("sendQ")}` : `recv-q ${q("recvQ")} send-q ${q("sendQ")}`;
  const who = r.pid !== undefined ? `${owner ?? "pid " + r.pid} fd ${r.fd ?? "?"}` : unownedText(r, all);
  const drops = r.drops ? ` drops ${r.drops}` : "";
  return [r.proto, r.state, r.local || "(unnamed)", r.unknown?.includes("remote") ? "?" : r.remote || "-", queue + drops, who];
}

/** A queue size as a table shows it: "?" when the source could not read it (a listener's backlog without ss), never its placeholder 0. */
export function rowField(r: SocketRow, field: "recvQ" | "sendQ"): string {
  return r.unknown?.includes(field) ? "?" : String(r[field]);
}

/** The line under a table that says what its "?" mean, or undefined when it shows none. */
export function unknownLegend(rows: readonly SocketRow[], reason: string | undefined): string | undefined {
  if (!rows.some((r) => r.unknown?.some((u) => u !== "state"))) return undefined;
  return `? = not known here: ${reason ?? "the kernel's table does not show it"}`;
}

/** Why a row has no owner: waiting in an accept queue, or kept by the kernel after close. */
export function unownedText(r: SocketRow, all: readonly SocketRow[]): string {
  if (r.state === "ESTABLISHED" || r.state === "SYN_RECV" || r.state === "CLOSE_WAIT") {
    if (all.some((l) => l.state === "LISTEN" && l.proto === r.proto && l.local === r.local)) return "in the accept queue (no process yet)";
  }
  if (r.state === "TIME_WAIT") return "no process (the kernel keeps it for a while)";
  return "no process";
}

/** Which demo process owns a pid, for table rows. */
export function ownerName(state: DemoState, pid: number | undefined): string | undefined {
  if (pid === undefined) return undefined;
  const p = state.processes.find((x) => x.pid === pid || x.calls.some((c) => c.pid === pid));
  return p ? p.name : undefined;
}

export function exitText(p: ProcView): string | undefined {
  const e = p.exit;
  if (!e) return undefined;
  if (e.stopped) return "stopped by the tutor";
  if (e.code === null) return `killed by ${e.signal ?? "a signal"}`;
  if (e.code === 0) return "exited (status 0)";
  return `exited with status ${e.code}${p.expectFailure ? " (as this demo expects)" : ""}`;
}
