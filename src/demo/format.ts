/**
 * Words for what the engine records, shared by the plain view and the full-screen
 * view so both say the same thing: a call as a learner would write it with its
 * result, what an errno means, a kernel table row, an exit.
 */
import type { SocketRow } from "../kernel/types.js";
import { t, type MessageKey } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { resultWords } from "./result-words.js";
import type { CallView, DemoState, ProcView } from "./state.js";

/** `bind(fd 3, ('127.0.0.1', 8000))`; Node calls whose fd is known only at the end show it in the result. */
export function callText(c: Pick<CallView, "call" | "args" | "fd" | "status" | "kind" | "api">): string {
  const args = c.args.slice();
  const fdKnownBefore = c.fd !== undefined && c.call !== "socket" && c.kind !== "stdin" && !(c.api && (c.call === "listen" || c.call === "connect" || c.call === "bind"));
  if (fdKnownBefore) args.unshift(`fd ${c.fd}`);
  // Escaped here, where both views get it: a traced program can write anything into its event pipe.
  return escapeTerminal(`${c.call}(${args.join(", ")})`);
}

/** A failed call's short label: its errno, else "timed out" or "error". */
export function failureLabel(c: Pick<CallView, "errno" | "timedOut">): string {
  return c.errno ?? (c.timedOut ? t("demo.call.timedOut") : t("demo.call.error"));
}

/** What the call returned, or where it is: "→ fd 3", "→ ECONNREFUSED (Connection refused)", "… waiting", "paused". */
export function outcomeText(c: Pick<CallView, "status" | "result" | "errno" | "error" | "timedOut" | "call" | "fd" | "api" | "kind">): string {
  switch (c.status) {
    case "pending":
      return t("demo.call.paused");
    case "running":
      return c.kind === "stdin" ? t("demo.call.waitingInput") : t("demo.call.waiting");
    case "failed": {
      const label = failureLabel(c);
      return escapeTerminal(`→ ${label}${c.error && c.error !== label ? ` (${c.error})` : ""}`);
    }
    case "done": {
      // The tracers' English words, said in the learner's language (the data in them as it was).
      let r = c.result !== undefined ? resultWords(c.result) : t("demo.call.ok");
      if (c.api && c.fd !== undefined && (c.call === "listen" || c.call === "connect" || c.call === "bind") && !r.includes("fd ")) r = t("demo.call.withFd", { result: r, fd: c.fd });
      return escapeTerminal(`→ ${r}`);
    }
  }
}

/** "350 ms", "13.4 s". */
export function durationWords(ms: number): string {
  return ms < 1000 ? t("clock.ms", { n: Math.max(0, Math.round(ms)) }) : t("clock.seconds", { n: (ms / 1000).toFixed(1) });
}

/** A call that took at least this long (really or on the demo clock) shows its time. */
export const SHOWN_DURATION_MS = 100;

/**
 * How long a finished call took: "took 13.4 s" (real time), and ", 0.2 s on the demo
 * clock" when the learner's pauses made the two differ. Undefined for a quick call.
 */
export function durationText(c: Pick<CallView, "status" | "tStart" | "tEnd" | "dStart" | "dEnd">, short = false): string | undefined {
  const d = callDurations(c);
  if (!d) return undefined;
  const real = durationWords(d.real);
  if (d.demo === undefined) return short ? t("clock.paneTook", { real }) : t("clock.took", { real });
  const demo = durationWords(d.demo);
  return short ? t("clock.paneTookDemo", { real, demo }) : t("clock.tookDemo", { real, demo });
}

/** A finished call's real time and (when the pauses made it differ) its demo-clock time; undefined for a quick call. */
export function callDurations(c: Pick<CallView, "status" | "tStart" | "tEnd" | "dStart" | "dEnd">): { real: number; demo?: number } | undefined {
  if ((c.status !== "done" && c.status !== "failed") || c.tStart === undefined || c.tEnd === undefined) return undefined;
  const real = Math.max(0, c.tEnd - c.tStart);
  const demo = c.dStart !== undefined && c.dEnd !== undefined ? Math.max(0, c.dEnd - c.dStart) : undefined;
  const differs = demo !== undefined && Math.abs(real - demo) >= SHOWN_DURATION_MS;
  if (real < SHOWN_DURATION_MS && !differs) return undefined;
  return differs ? { real, demo: demo! } : { real };
}

export function callLine(c: CallView): string {
  return `${callText(c)} ${outcomeText(c)}`;
}

/**
 * What the common socket errnos mean for a learner, with the man page to read
 * next. Written out so the catalog test sees every key in use.
 */
const ERRNO_MEANING: Record<string, Extract<MessageKey, `demo.errno.${string}`>> = {
  ECONNREFUSED: "demo.errno.ECONNREFUSED",
  EADDRINUSE: "demo.errno.EADDRINUSE",
  EADDRNOTAVAIL: "demo.errno.EADDRNOTAVAIL",
  EPERM: "demo.errno.EPERM",
  EACCES: "demo.errno.EACCES",
  ECONNRESET: "demo.errno.ECONNRESET",
  ECONNABORTED: "demo.errno.ECONNABORTED",
  EPIPE: "demo.errno.EPIPE",
  ETIMEDOUT: "demo.errno.ETIMEDOUT",
  ENOENT: "demo.errno.ENOENT",
  ENOTCONN: "demo.errno.ENOTCONN",
  EISCONN: "demo.errno.EISCONN",
  EINVAL: "demo.errno.EINVAL",
  EAFNOSUPPORT: "demo.errno.EAFNOSUPPORT",
  EPROTONOSUPPORT: "demo.errno.EPROTONOSUPPORT",
  EMSGSIZE: "demo.errno.EMSGSIZE",
  EAGAIN: "demo.errno.EAGAIN",
  // The same errno on Linux, under its other name.
  EWOULDBLOCK: "demo.errno.EAGAIN",
  EINPROGRESS: "demo.errno.EINPROGRESS",
  ENETUNREACH: "demo.errno.ENETUNREACH",
  EHOSTUNREACH: "demo.errno.EHOSTUNREACH",
  EBADF: "demo.errno.EBADF",
  ENOTSOCK: "demo.errno.ENOTSOCK",
};

export function errnoMeaning(errno: string | undefined, call?: string): string | undefined {
  // ECONNREFUSED outside connect(): a connected UDP socket told of an ICMP port unreachable.
  if (errno === "ECONNREFUSED" && call !== undefined && !/^connect/.test(call)) return t("demo.errno.ECONNREFUSEDdatagram");
  const key = errno !== undefined && Object.hasOwn(ERRNO_MEANING, errno) ? ERRNO_MEANING[errno] : undefined;
  return key ? t(key) : undefined;
}

/** "127.0.0.1:8000"; the kernel's "0.0.0.0:*" for "no peer" shown as "*:*" only when it is one. */
export function tableRowText(r: SocketRow, owner?: string, all: readonly SocketRow[] = []): string[] {
  const q = (f: "recvQ" | "sendQ") => rowField(r, f);
  const queue = r.state === "LISTEN" ? t("demo.row.acceptQueue", { recvQ: q("recvQ"), sendQ: q("sendQ") }) : t("demo.row.queues", { recvQ: q("recvQ"), sendQ: q("sendQ") });
  const who = r.pid !== undefined ? t("demo.row.ownerFd", { owner: owner ?? t("demo.row.ownerPid", { pid: r.pid }), fd: r.fd ?? "?" }) : unownedText(r, all);
  const drops = r.drops ? t("demo.row.drops", { n: r.drops }) : "";
  // A Unix socket's path comes from the kernel's table, as its program named it: escaped.
  return [r.proto, r.state, escapeTerminal(r.local) || t("demo.row.unnamed"), r.unknown?.includes("remote") ? "?" : escapeTerminal(r.remote) || "-", queue + drops, who];
}

/** A queue size as a table shows it: "?" when the source could not read it (a listener's backlog without ss), never its placeholder 0. */
export function rowField(r: SocketRow, field: "recvQ" | "sendQ"): string {
  return r.unknown?.includes(field) ? "?" : String(r[field]);
}

/** The line under a table that says what its "?" mean, or undefined when it shows none. */
export function unknownLegend(rows: readonly SocketRow[], reason: string | undefined): string | undefined {
  if (!rows.some((r) => r.unknown?.some((u) => u !== "state"))) return undefined;
  return t("demo.row.unknown", { reason: reason ?? t("demo.row.unknownWhy") });
}

/** Why a row has no owner: waiting in an accept queue, or kept by the kernel after close. */
export function unownedText(r: SocketRow, all: readonly SocketRow[]): string {
  if (r.state === "ESTABLISHED" || r.state === "SYN_RECV" || r.state === "CLOSE_WAIT") {
    if (all.some((l) => l.state === "LISTEN" && l.proto === r.proto && l.local === r.local)) return t("demo.row.queued");
  }
  // A Unix connection in the accept queue: the kernel lists its server end as CONNECTING,
  // under the listener's path, with no inode (no process holds it yet).
  if (r.proto === "unix" && r.state === "CONNECTING" && all.some((l) => l.state === "LISTEN" && l.proto === "unix" && l.local === r.local)) return t("demo.row.queued");
  if (r.state === "TIME_WAIT") return t("demo.row.timeWait");
  return t("demo.row.noProcess");
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
  if (e.stopped) return t("demo.exit.stopped");
  if (e.code === null) return e.signal ? t("demo.exit.killed", { signal: e.signal }) : t("demo.exit.killedUnknown");
  if (e.code === 0) return t("demo.exit.zero");
  return p.expectFailure ? t("demo.exit.statusExpected", { code: e.code }) : t("demo.exit.status", { code: e.code });
}
