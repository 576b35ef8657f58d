import { mkdirSync } from "node:fs";
import path from "node:path";
import { formatSize } from "../text/units.js";
import { describeError, readRegularFile, renameAside, writeAtomically, writeCopy } from "./files.js";
import { LockBusy, withLock, type LockOptions } from "./lock.js";
import { shapeProgress } from "./shape.js";
import { t } from "../text/catalog.js";
import { stateDir } from "../paths.js";
import type { Runtime } from "../util/runtime.js";
import type { Language } from "../text/language.js";
import { listOf } from "../text/list.js";

/*
 * The progress file: readable JSON, shared by every tutor process of the learner
 * (a lesson in one terminal, `verify` in another). The rules:
 * - Every change is a read-modify-write inside a lock file (progress.json.lock),
 *   written atomically (temp file + rename), so concurrent processes lose nothing.
 * - A file that cannot be read safely (no permission, not a regular file, larger
 *   than 1 MiB) is never written over: this process keeps progress in memory only
 *   and says so once.
 * - Corrupt JSON or another version is moved aside (.corrupt-<time>); a file with
 *   wrong-typed fields is copied (.invalid-<time>) before it is rewritten.
 * Objects read from the file may carry keys this version does not know (from a
 * newer socket-tutor or a hand edit); they are kept and written back.
 */

export interface LessonProgress {
  /** Index of the step the learner last had on screen. */
  step: number;
  completed: boolean;
  updatedAt: string;
  /** Each quiz answered, by its number in the lesson ("1", "2"…): how many tries the right answer took (1: the first). */
  quizzes?: Record<string, number>;
}

export interface ExerciseProgress {
  passed: boolean;
  passedAt?: string;
  attempts: number;
  hintsShown: number;
  /** The ids of the hints shown, in the order they were shown (hintsShown is their number). */
  hintsSeen?: string[];
  /** The hint ids the failed checks of the last run named, in the order of the checks. */
  failedHints?: string[];
  /** The language of the file checked last: hints are given in it. */
  language?: "python" | "javascript";
  /** The learner confirmed they want to see the solution before passing. */
  solutionUnlocked?: boolean;
  /** The version of the checks the pass was recorded under (progress/checks.ts); absent: version 1. */
  checksVersion?: number;
}

export type { Runtime } from "../util/runtime.js";

export interface Progress {
  version: 1;
  lessons: Record<string, LessonProgress>;
  exercises: Record<string, ExerciseProgress>;
  /** runtime: the demos' runtime; language: the language chosen in the menu (text/language.ts). */
  settings: { runtime?: Runtime; language?: Language };
}

/** The most the tutor reads: a full course is a few KiB, so more is not a progress file. */
export const MAX_PROGRESS_BYTES = 1024 * 1024;

export function emptyProgress(): Progress {
  return { version: 1, lessons: {}, exercises: {}, settings: {} };
}

/** SOCKET_TUTOR_HOME wins (tests set it so they never touch the learner's own file), then XDG. */
export function progressDir(env: NodeJS.ProcessEnv = process.env): string {
  return stateDir(env);
}

export function progressFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(progressDir(env), "progress.json");
}

export interface Loaded {
  progress: Progress;
  /** Something to tell the learner (show it, e.g. on stderr). Why progress is not being saved is said once per process. */
  notice?: string;
}

export interface Updated<T> extends Loaded {
  /** What `change` returned, e.g. the hint it claimed. */
  value: T;
  /** false: the change is in this process's memory only. Why is in `notice`, unless it was already said. */
  saved: boolean;
}

/** Reads progress for display. Never writes, except to move a corrupt file aside (under the lock). */
export function loadProgress(file: string = progressFile()): Loaded {
  const off = unsavedFor(file);
  if (off) return { progress: structuredClone(off.progress), ...tell(off) };
  const r = inspect(file);
  if (r.kind !== "corrupt") return loaded(file, r);
  // Moved aside under the lock: a writer may be replacing the file right now.
  try {
    return withLock(lockPath(file), () => {
      const again = inspect(file);
      return again.kind === "corrupt" ? { progress: emptyProgress(), notice: moveAside(file, again.why).notice } : loaded(file, again);
    });
  } catch (err) {
    return { progress: emptyProgress(), notice: t("progress.cannotMoveAsideNow", { file, why: r.why, error: lockProblem(err) }) };
  }
}

function loaded(file: string, r: Exclude<Inspected, { kind: "corrupt" }>): Loaded {
  if (r.kind === "missing") return { progress: emptyProgress() };
  if (r.kind === "refused") return { progress: emptyProgress(), ...tell(stopSaving(file, r.why, emptyProgress())) };
  if (r.invalid.length === 0) return { progress: r.progress };
  return { progress: r.progress, notice: t("progress.wrongTypes", { file, fields: fieldList(r.invalid) }) };
}

/**
 * Read, change, write, all inside the lock, so concurrent tutor processes do not
 * overwrite each other. `change` edits the progress as it is on disk right then and
 * may return a value (e.g. which hint it claimed). Never throws for a file problem:
 * progress is a convenience, never a crash; `saved` and `notice` say what happened.
 */
export function updateProgress<T = void>(change: (p: Progress) => T, file: string = progressFile(), lock?: LockOptions): Updated<T> {
  const off = unsavedFor(file);
  if (off) return { value: change(off.progress), progress: structuredClone(off.progress), saved: false, ...tell(off) };
  let locked = false;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    return withLock(
      lockPath(file),
      () => {
        locked = true;
        return changeLocked(change, file);
      },
      lock,
    );
  } catch (err) {
    // An error from `change` itself is the caller's bug: never run it a second time.
    if (locked) throw err;
    // The lock could not be had: change a copy, so the caller still gets its value, and say it was not saved.
    const r = inspect(file);
    const progress = r.kind === "ok" ? r.progress : emptyProgress();
    const value = change(progress);
    const notice =
      err instanceof LockBusy
        ? t("progress.lockBusy", { seconds: Math.round(err.waitedMs / 1000), holder: err.holder ?? "none", lock: err.lockFile })
        : t("progress.cannotSave", { file, error: (err as NodeJS.ErrnoException).code ?? String(err) });
    return { value, progress, saved: false, notice };
  }
}

function changeLocked<T>(change: (p: Progress) => T, file: string): Updated<T> {
  const r = inspect(file);
  if (r.kind === "refused") {
    const off = stopSaving(file, r.why, emptyProgress());
    return { value: change(off.progress), progress: structuredClone(off.progress), saved: false, ...tell(off) };
  }
  let progress = emptyProgress();
  let before: string | undefined;
  if (r.kind === "corrupt") {
    const moved = moveAside(file, r.why);
    // Never write over a file that could not be moved aside.
    if (!moved.ok) return { value: change(progress), progress, saved: false, notice: moved.notice };
    before = moved.notice;
  } else if (r.kind === "ok") {
    progress = r.progress;
    if (r.invalid.length) {
      // Never rewrite a hand-edited file without keeping it as it was.
      const copy = keepCopy(file, r.text);
      const fields = fieldList(r.invalid);
      if ("error" in copy) {
        return { value: change(progress), progress, saved: false, notice: t("progress.wrongTypesNoCopy", { file, fields, error: copy.error }) };
      }
      before = t("progress.wrongTypesKept", { fields, copy: copy.name });
    }
  }
  const value = change(progress);
  const text = JSON.stringify(progress, null, 2) + "\n";
  const join = (n: string): string => (before ? `${before}\n${n}` : n);
  if (Buffer.byteLength(text) > MAX_PROGRESS_BYTES) {
    return { value, progress, saved: false, notice: join(t("progress.tooLargeToSave", { cap: formatSize(MAX_PROGRESS_BYTES) })) };
  }
  try {
    writeAtomically(file, text);
  } catch (err) {
    return { value, progress, saved: false, notice: join(t("progress.cannotSave", { file, error: (err as NodeJS.ErrnoException).code ?? String(err) })) };
  }
  return before ? { value, progress, saved: true, notice: before } : { value, progress, saved: true };
}

type Inspected =
  | { kind: "missing" }
  | { kind: "refused"; why: string }
  | { kind: "corrupt"; why: string }
  | { kind: "ok"; progress: Progress; invalid: string[]; text: string };

function inspect(file: string): Inspected {
  const read = readRegularFile(file, MAX_PROGRESS_BYTES);
  if (read.kind !== "text") return read;
  let parsed: unknown;
  try {
    parsed = JSON.parse(read.text);
  } catch {
    return { kind: "corrupt", why: t("progress.why.notJson") };
  }
  const shaped = shapeProgress(parsed);
  if (!shaped) return { kind: "corrupt", why: t("progress.why.notOurs") };
  return { kind: "ok", ...shaped, text: read.text };
}

/**
 * The language saved with the progress, read without any side effect (no lock, no
 * moving a corrupt file aside, no notice): every command calls it before it starts,
 * `--help` included, and the commands that use progress report its problems themselves.
 */
export function savedLanguage(file: string = progressFile()): string | undefined {
  const off = unsavedFor(file);
  if (off) return off.progress.settings.language;
  const r = inspect(file);
  return r.kind === "ok" ? r.progress.settings.language : undefined;
}

/**
 * Why this process does not save progress to `file` (a sentence to show), or undefined
 * while it does. For a last word on exit: full-screen views clear the first notice away.
 */
export function progressNotSaved(file: string = progressFile()): string | undefined {
  return unsavedFor(file)?.why;
}

/** A file this process must not write: progress stays in memory until it exits. */
interface Unsaved {
  why: string;
  progress: Progress;
  told: boolean;
}
const unsaved = new Map<string, Unsaved>();

function unsavedFor(file: string): Unsaved | undefined {
  return unsaved.get(path.resolve(file));
}

function stopSaving(file: string, why: string, progress: Progress): Unsaved {
  const off: Unsaved = {
    why: t("progress.refused", { file, why }),
    progress,
    told: false,
  };
  unsaved.set(path.resolve(file), off);
  return off;
}

/** The reason is given the first time only: every later save in this process is skipped quietly. */
function tell(off: Unsaved): { notice?: string } {
  if (off.told) return {};
  off.told = true;
  return { notice: off.why };
}

function lockPath(file: string): string {
  return `${file}.lock`;
}

function lockProblem(err: unknown): string {
  return err instanceof LockBusy ? err.message : describeError(err);
}

function moveAside(file: string, why: string): { ok: boolean; notice: string } {
  try {
    const backup = renameAside(file, "corrupt");
    return { ok: true, notice: t("progress.movedAside", { why, backup }) };
  } catch (err) {
    return { ok: false, notice: t("progress.cannotMoveAside", { file, why, error: describeError(err) }) };
  }
}

function keepCopy(file: string, text: string): { name: string } | { error: string } {
  try {
    return { name: writeCopy(file, "invalid", text) };
  } catch (err) {
    return { error: describeError(err) };
  }
}

/** "a, b, c" — at most six named, so a badly broken file does not flood the screen. */
function fieldList(fields: readonly string[]): string {
  const shown = listOf(fields.slice(0, 6));
  return fields.length > 6 ? t("progress.fieldsMore", { shown, n: fields.length - 6 }) : shown;
}

export type LessonStatus = "done" | "in progress" | "new";

export function lessonStatus(p: Progress, id: string): LessonStatus {
  const l = p.lessons[id];
  if (!l) return "new";
  return l.completed ? "done" : "in progress";
}

export function exerciseStatus(p: Progress, id: string): LessonStatus {
  const e = p.exercises[id];
  if (!e) return "new";
  return e.passed ? "done" : "in progress";
}
