import type { ExerciseInfo } from "../exercises/catalog.js";
import { hintsFor, languageOfFile, nextHint, seenIds, type Hint, type HintLanguage } from "../exercises/hints.js";
import { updateProgress, type ExerciseProgress, type Progress } from "../progress/store.js";
import { which } from "../util/which.js";

/**
 * Giving hints, for the `hint` command and the exercise screen alike: which language
 * the learner writes in, and the next hint, claimed inside the progress lock so that
 * two tutors asking at the same moment each get their own.
 */

export function newExerciseProgress(): ExerciseProgress {
  return { passed: false, attempts: 0, hintsShown: 0 };
}

/** The file's language when there is one; else the language of the file checked last; else the learner's runtime. */
export function hintLanguage(progress: Progress, exercise: string, fromFile?: HintLanguage): HintLanguage {
  if (fromFile) return fromFile;
  const saved = progress.exercises[exercise]?.language;
  if (saved) return saved;
  const runtime = progress.settings.runtime ?? (which("python3") ? "python" : "node");
  return runtime === "python" ? "python" : "javascript";
}

export interface ClaimedHint {
  /** The hint given now; undefined when every hint had been given already. */
  hint?: Hint;
  /** Its place among the hints for this language ("hint 2 of 3"): how many have been seen, this one included. */
  number: number;
  total: number;
  /** Hints for this language not seen yet, after this one. */
  left: number;
  notice?: string;
}

export function claimHint(ex: ExerciseInfo, hints: readonly Hint[], language: HintLanguage): ClaimedHint {
  const pool = hintsFor(hints, language);
  const { value, notice } = updateProgress((p) => {
    const e = (p.exercises[ex.id] ??= newExerciseProgress());
    const seen = seenIds(hints, e);
    const hint = nextHint(pool, seen, e.failedHints ?? []);
    if (hint) {
      seen.push(hint.id);
      e.hintsSeen = seen;
      e.hintsShown = seen.length;
    }
    const seenHere = pool.filter((h) => seen.includes(h.id)).length;
    return { hint, number: seenHere, total: pool.length, left: pool.length - seenHere };
  });
  return notice ? { ...value, notice } : value;
}

/** The hints for this language that were seen, in the order they were given. */
export function seenHints(hints: readonly Hint[], saved: ExerciseProgress | undefined, language: HintLanguage): Hint[] {
  const pool = hintsFor(hints, language);
  return seenIds(hints, saved)
    .map((id) => pool.find((h) => h.id === id))
    .filter((h): h is Hint => h !== undefined);
}

/**
 * What a verify run leaves for the next hint: the hint ids its failed checks named (in
 * the order of the checks) and the language of the file it ran.
 */
export function recordRun(e: ExerciseProgress, report: { passed: boolean; checks: readonly { passed: boolean; hintId?: string }[]; command: { args: readonly string[] } }): void {
  const failed: string[] = [];
  for (const c of report.checks) if (!c.passed && c.hintId && !failed.includes(c.hintId)) failed.push(c.hintId);
  e.failedHints = failed;
  const language = languageOfFile(report.command.args[report.command.args.length - 1] ?? "");
  if (language) e.language = language;
}
