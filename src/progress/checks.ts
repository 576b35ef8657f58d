import type { ExerciseProgress, Progress } from "./store.js";

/**
 * Which checks a pass was earned under. Each exercise's checks have a version; raise it
 * when they get stricter (a program that passed before could fail now). A pass is kept
 * whatever its version, but one recorded under older checks is shown as "passed before
 * the checks changed", so the learner knows to run verify again. A pass recorded before
 * versions existed has none: it was earned under version 1.
 */
export const CHECKS_VERSION: Readonly<Record<string, number>> = {
  // 2: every stream check sends through the hostile transport (pieces, seeds); the 256 KiB
  // echo tells a reply cut short at the close from one recv(); concurrent-echo's slow reader;
  // tcp-client's UTF-8 split across pieces; chat-bye's \r\n line and the client that leaves.
  "tcp-echo": 2,
  "ipv6-echo": 2,
  "unix-echo": 2,
  "concurrent-echo": 2,
  "tcp-client": 2,
  "chat-bye": 2,
  "udp-upper": 1,
};

export function checksVersion(id: string): number {
  return CHECKS_VERSION[id] ?? 1;
}

/** The exercise is passed, but under checks older than today's. */
export function passedBeforeChecksChanged(p: Progress, id: string): boolean {
  const e = p.exercises[id];
  return e?.passed === true && (e.checksVersion ?? 1) < checksVersion(id);
}

/** Records a pass under today's checks: a first pass with its time, an older pass brought up to date. */
export function recordPass(e: ExerciseProgress, id: string, now: Date): void {
  if (!e.passed) {
    e.passed = true;
    e.passedAt = now.toISOString();
  }
  e.checksVersion = Math.max(e.checksVersion ?? 1, checksVersion(id));
}
