/**
 * "Ran as designed" means the lesson's outcome happened: each demo declares it in
 * demo.json (`outcome`: every UDP client got its replies; clients 4 and 5 got in; the
 * restart got EADDRINUSE without SO_REUSEADDR), and the session checks it here at the
 * end of a run, from the state the views show (calls, output). Pure functions.
 *
 * The demo clock stops while the learner holds a call; the kernel's timers do not.
 * When an expectation that names one of them (`timer`) fails and the run was held
 * long enough for that timer to matter, the verdict says so in one line.
 */
import { t } from "../text/catalog.js";
import type { KernelTimerNotice } from "./events.js";
import type { DemoExpectation, DemoOutcome, DemoRuntime, KernelTimer } from "./spec.js";
import type { CallView, DemoState, ProcView } from "./state.js";

/** What the verdict needs of the demo clock (clock.ts DemoClock). */
export interface HeldHistory {
  /** How long the clock was stopped between two wall times (events' `t`). */
  heldBetween(fromWall: number, toWall: number): number;
  wallNow(): number;
}

export interface OutcomeVerdict {
  /** What did not happen, one line each; empty when the outcome was seen (or the demo declares none). */
  failures: string[];
  /** The run's reason when something failed: the first failure and the lesson's claim. */
  reason?: string;
  /** A kernel timer a held pause let run out, when that explains a failure. */
  kernelTimer?: KernelTimerNotice;
}

/** TIME_WAIT on Linux (TCP_TIMEWAIT_LEN). */
export const TIME_WAIT_MS = 60_000;
/**
 * A pause this long while a connect() waits in SYN_SENT moves its retries off the
 * demo's time: the first retransmission comes after 1 s, later ones further apart.
 */
export const SYN_HOLD_MS = 1000;

const CONNECTS = new Set(["connect", "connect_ex"]);
const CLOSES = new Set(["close", "shutdown"]);

/**
 * Checks the outcome against the run's final state. `typed`: the tutor typed the
 * demo's scripted input lines (else the learner typed, and `scripted` expectations are skipped).
 */
export function judgeOutcome(outcome: DemoOutcome | undefined, state: DemoState, runtime: DemoRuntime, clock?: HeldHistory, typed = true): OutcomeVerdict {
  if (!outcome) return { failures: [] };
  const failed: Array<{ e: DemoExpectation; text: string }> = [];
  for (const e of outcome.expect) {
    if (e.runtime !== undefined && e.runtime !== runtime) continue;
    if (e.scripted && !typed) continue;
    const text = check(e, state);
    if (text !== undefined) failed.push({ e, text });
  }
  if (failed.length === 0) return { failures: [] };
  const failures = failed.map((f) => f.text);
  // The claim may be a translation (outcome.what of demo.zh-CN.json): its full stop goes as a period does.
  const reason = t("outcome.reason", { failure: failures[0]!, more: failures.length - 1, what: outcome.what.trim().replace(/[.。]$/u, "") });
  const kernelTimer = clock ? kernelTimerCause(failed.map((f) => f.e), state, clock) : undefined;
  return { failures, reason, ...(kernelTimer ? { kernelTimer } : {}) };
}

/** Why one expectation is not met, or undefined when it is. */
function check(e: DemoExpectation, state: DemoState): string | undefined {
  const p = state.processes.find((x) => x.name === e.process);
  if (e.oneAtATime !== undefined) return interleaving(p, e.process, e.oneAtATime);
  if (e.output !== undefined) return outputLines(p).some((l) => l.includes(e.output!)) ? undefined : t("outcome.noOutput", { process: e.process, text: e.output });
  if (e.notOutput !== undefined) return outputLines(p).some((l) => l.includes(e.notOutput!)) ? t("outcome.unwantedOutput", { process: e.process, text: e.notOutput }) : undefined;
  if (e.call === undefined) return undefined;
  const matching = matchingCalls(p, e);
  const want = e.count ?? 1;
  if (matching.length === 0) {
    if (e.errno !== undefined) return t("outcome.noErrno", { process: e.process, call: e.call, errno: e.errno });
    if (e.result !== undefined) return t("outcome.noResult", { process: e.process, call: e.call, result: e.result });
    return t("outcome.noCall", { process: e.process, call: e.call });
  }
  if (matching.length < want) return t("outcome.tooFew", { process: e.process, call: e.call, n: matching.length, count: want });
  if (e.before) {
    const first = matching[0]!;
    const other = state.processes.find((x) => x.name === e.before!.process);
    const theirs = other?.calls.filter((c) => c.call === e.before!.call && c.tEnd !== undefined).sort((a, b) => a.tEnd! - b.tEnd!)[0];
    if (theirs && theirs.tEnd! < first.tEnd!) return t("outcome.notBefore", { process: e.process, call: e.call, other: e.before.process, otherCall: e.before.call });
  }
  return undefined;
}

/** Why the process's `call` calls on different connections interleave, or undefined when they never do. */
function interleaving(p: ProcView | undefined, process: string, call: string): string | undefined {
  const spans = new Map<string, { peer: string; from: number; to: number }>();
  for (const c of p?.calls ?? []) {
    if (c.call !== call || c.tEnd === undefined || c.peer === undefined || (c.status !== "done" && c.status !== "failed")) continue;
    const span = spans.get(c.peer) ?? { peer: c.peer, from: c.tEnd, to: c.tEnd };
    span.from = Math.min(span.from, c.tEnd);
    span.to = Math.max(span.to, c.tEnd);
    spans.set(c.peer, span);
  }
  if (spans.size === 0) return t("outcome.noCall", { process, call });
  const sorted = [...spans.values()].sort((a, b) => a.from - b.from);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.from < sorted[i - 1]!.to) return t("outcome.interleaved", { process, call, first: sorted[i - 1]!.peer, second: sorted[i]!.peer });
  }
  return undefined;
}

/** The finished calls an expectation names, in the order they returned. */
function matchingCalls(p: ProcView | undefined, e: DemoExpectation): CallView[] {
  const ended = (p?.calls ?? []).filter((c) => c.call === e.call && (c.status === "done" || c.status === "failed"));
  const ok = ended.filter((c) => (e.errno !== undefined ? c.status === "failed" && c.errno === e.errno : c.status === "done" && (e.result === undefined || (c.result ?? "").includes(e.result))));
  return ok.sort((a, b) => (a.tEnd ?? 0) - (b.tEnd ?? 0));
}

/** What a process printed (stdout and stderr, not what was typed into it), line by line. */
function outputLines(p: ProcView | undefined): string[] {
  if (!p) return [];
  const lines = p.output.filter((l) => l.stream !== "stdin").map((l) => l.text);
  for (const rest of [p.partial.stdout, p.partial.stderr]) if (rest) lines.push(rest);
  return lines;
}

/**
 * The kernel timer that a held pause let run on, for the failed expectations that
 * depend on one. SYN retransmission: some connect() waited through at least
 * SYN_HOLD_MS of pauses. TIME_WAIT: from the first close to the end, more than
 * TIME_WAIT_MS passed, but not without the pauses.
 */
export function kernelTimerCause(failed: readonly DemoExpectation[], state: DemoState, clock: HeldHistory): KernelTimerNotice | undefined {
  const timers = new Set(failed.map((e) => e.timer).filter((x): x is KernelTimer => x !== undefined));
  const now = clock.wallNow();
  if (timers.has("syn-retransmission")) {
    let worst: { proc: string; held: number } | undefined;
    for (const p of state.processes) {
      for (const c of p.calls) {
        if (!CONNECTS.has(c.call) || c.tStart === undefined) continue;
        const held = clock.heldBetween(c.tStart, c.tEnd ?? now);
        if (!worst || held > worst.held) worst = { proc: p.name, held };
      }
    }
    if (worst && worst.held >= SYN_HOLD_MS) return { timer: "syn-retransmission", text: t("outcome.kernel.syn", { process: worst.proc, seconds: Math.round(worst.held / 1000) }), line: t("outcome.kernel.synLine", { process: worst.proc }) };
  }
  if (timers.has("time-wait")) {
    const closes = state.processes.flatMap((p) => p.calls.filter((c) => CLOSES.has(c.call) && c.tStart !== undefined).map((c) => c.tStart!));
    const from = closes.length ? Math.min(...closes) : undefined;
    // Up to the call the failed expectation is about (the restart's bind), else the end.
    const checked = failed
      .filter((e) => e.timer === "time-wait" && e.call !== undefined)
      .flatMap((e) => state.processes.find((p) => p.name === e.process)?.calls.filter((c) => c.call === e.call && c.tStart !== undefined).map((c) => c.tStart!) ?? []);
    const to = checked.length ? Math.min(...checked) : now;
    if (from !== undefined && to > from) {
      const real = to - from;
      const held = clock.heldBetween(from, to);
      if (real >= TIME_WAIT_MS && real - held < TIME_WAIT_MS) return { timer: "time-wait", text: t("outcome.kernel.timeWait", { seconds: Math.round(held / 1000) }), line: t("outcome.kernel.timeWaitLine") };
    }
  }
  return undefined;
}
