import { mkdirSync, readFileSync, renameSync, writeFileSync, unlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface LessonProgress {
  /** Index of the step the learner last had on screen. */
  step: number;
  completed: boolean;
  updatedAt: string;
}

export interface ExerciseProgress {
  passed: boolean;
  passedAt?: string;
  attempts: number;
  hintsShown: number;
  /** The learner confirmed they want to see the solution before passing. */
  solutionUnlocked?: boolean;
}

export type Runtime = "python" | "node";

export interface Progress {
  version: 1;
  lessons: Record<string, LessonProgress>;
  exercises: Record<string, ExerciseProgress>;
  settings: { runtime?: Runtime };
}

export function emptyProgress(): Progress {
  return { version: 1, lessons: {}, exercises: {}, settings: {} };
}

/** SOCKET_TUTOR_HOME wins (tests set it so they never touch the learner's own file), then XDG. */
export function progressDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SOCKET_TUTOR_HOME) return env.SOCKET_TUTOR_HOME;
  const xdg = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(os.homedir(), ".config");
  return path.join(xdg, "socket-tutor");
}

export function progressFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(progressDir(env), "progress.json");
}

export interface Loaded {
  progress: Progress;
  /** Set when the file could not be used and was moved aside: tell the learner. */
  notice?: string;
}

export function loadProgress(file: string = progressFile()): Loaded {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { progress: emptyProgress() };
    return { progress: emptyProgress(), notice: `Could not read your progress file ${file} (${code ?? String(err)}); continuing without saved progress.` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return moveAside(file, "is not valid JSON");
  }
  const progress = sanitize(parsed);
  if (!progress) return moveAside(file, "is not a socket-tutor progress file");
  return { progress };
}

function moveAside(file: string, why: string): Loaded {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const backup = `${file}.corrupt-${stamp}`;
  try {
    renameSync(file, backup);
    return { progress: emptyProgress(), notice: `Your progress file ${why}. It was moved to ${backup}; starting with fresh progress.` };
  } catch (err) {
    return { progress: emptyProgress(), notice: `Your progress file ${file} ${why}, and could not be moved aside (${(err as NodeJS.ErrnoException).code ?? String(err)}); starting with fresh progress.` };
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Keeps what is well-formed; anything else about the file means it is not ours. */
function sanitize(v: unknown): Progress | undefined {
  if (!isRecord(v) || v.version !== 1) return undefined;
  const out = emptyProgress();
  if (isRecord(v.lessons)) {
    for (const [id, l] of Object.entries(v.lessons)) {
      if (isRecord(l) && typeof l.step === "number" && Number.isInteger(l.step) && l.step >= 0) {
        out.lessons[id] = { step: l.step, completed: l.completed === true, updatedAt: typeof l.updatedAt === "string" ? l.updatedAt : "" };
      }
    }
  }
  if (isRecord(v.exercises)) {
    for (const [id, e] of Object.entries(v.exercises)) {
      if (!isRecord(e)) continue;
      out.exercises[id] = {
        passed: e.passed === true,
        ...(typeof e.passedAt === "string" ? { passedAt: e.passedAt } : {}),
        attempts: typeof e.attempts === "number" ? e.attempts : 0,
        hintsShown: typeof e.hintsShown === "number" ? e.hintsShown : 0,
        ...(e.solutionUnlocked === true ? { solutionUnlocked: true } : {}),
      };
    }
  }
  if (isRecord(v.settings) && (v.settings.runtime === "python" || v.settings.runtime === "node")) out.settings.runtime = v.settings.runtime;
  return out;
}

/** Temp file + rename, so a crash mid-write never leaves half a file. */
export function saveProgress(progress: Progress, file: string = progressFile()): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(progress, null, 2) + "\n", { mode: 0o644 });
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean up
    }
    throw err;
  }
}

/**
 * Read, change, write: re-reads the file first so two tutor processes (a lesson
 * in one terminal, `verify` in another) do not overwrite each other's progress.
 * Returns a notice to show when saving failed; progress is a convenience, never a crash.
 */
export function updateProgress(change: (p: Progress) => void, file: string = progressFile()): { progress: Progress; notice?: string } {
  const loaded = loadProgress(file);
  change(loaded.progress);
  try {
    saveProgress(loaded.progress, file);
    return loaded.notice ? { progress: loaded.progress, notice: loaded.notice } : { progress: loaded.progress };
  } catch (err) {
    const why = `Could not save progress to ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)}).`;
    return { progress: loaded.progress, notice: loaded.notice ? `${loaded.notice}\n${why}` : why };
  }
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
