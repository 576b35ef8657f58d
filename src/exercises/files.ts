import path from "node:path";
import { UsageError, UserError } from "../commands/errors.js";
import { formatProblem } from "../lessons/load.js";
import { readTextInside } from "../lessons/read.js";
import { envValue } from "../paths.js";
import { didYouMean } from "../util/suggest.js";
import { EXERCISE_CODE, exercisesDir, loadExercises, type ExerciseInfo } from "./catalog.js";

/**
 * The files of an exercise beyond its task text: hints, starters, reference
 * solutions. Read on demand (by exercise/hint/solution), never by `list`.
 */

export interface Hint {
  title: string;
  body: string;
}

export interface CodeFileText {
  /** e.g. starter.py */
  name: string;
  language: "python" | "javascript";
  text: string;
}

/** hints.md: each hint starts with a '## ' heading (a short title), in the order they are given. */
export function parseHints(text: string): Hint[] {
  const hints: Hint[] = [];
  let current: Hint | undefined;
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const m = /^## +(.*)$/.exec(line);
    if (m) {
      current = { title: m[1]!.trim(), body: "" };
      hints.push(current);
    } else if (current) current.body += `${line}\n`;
  }
  for (const h of hints) h.body = h.body.trim();
  return hints.filter((h) => h.body || h.title);
}

/** A file of the exercise folder, or undefined when it does not exist; anything else wrong stops the command. */
function readExerciseFile(ex: ExerciseInfo, name: string): string | undefined {
  const file = path.join(ex.dir, name);
  const read = readTextInside(file, ex.dir, "the exercise folder", { kind: `an exercise's ${name}` });
  if (read.ok) return read.text;
  if (read.missing) return undefined;
  throw new UserError(`the exercise '${ex.id}' cannot be used:\n  ${formatProblem({ file, line: read.line ?? 0, message: `${name} ${read.reason}` })}`);
}

export function readHints(ex: ExerciseInfo): Hint[] {
  const text = readExerciseFile(ex, "hints.md");
  return text === undefined ? [] : parseHints(text);
}

/** A code file the exercise should have and does not: what it is, and the name it would have had. */
export interface MissingCode {
  name: string;
  what: string;
  /** The folder it should be in. */
  dir: string;
}

/** The starters or the solutions: those present (read whole, so nothing is written from a broken set) and those missing. */
export function codeFiles(ex: ExerciseInfo, base: "starter" | "solution"): { files: CodeFileText[]; missing: MissingCode[] } {
  const files: CodeFileText[] = [];
  const missing: MissingCode[] = [];
  for (const c of EXERCISE_CODE) {
    if (c.base !== base) continue;
    const name = c.base + c.ext;
    const text = readExerciseFile(ex, name);
    if (text === undefined) missing.push({ name, what: c.what, dir: ex.dir });
    else files.push({ name, language: c.language, text });
  }
  return { files, missing };
}

export function starterFiles(ex: ExerciseInfo): CodeFileText[] {
  return codeFiles(ex, "starter").files;
}

export function solutionFiles(ex: ExerciseInfo): CodeFileText[] {
  return codeFiles(ex, "solution").files;
}

/** The name a starter gets in the learner's folder: tcp-echo.py, tcp-echo.mjs. */
export function learnerFileName(ex: ExerciseInfo, starter: { name: string }): string {
  return ex.id + path.extname(starter.name);
}

export function requireExercise(query: string | undefined, command: string): ExerciseInfo {
  const { exercises, broken } = loadExercises();
  const ids = exercises.map((e) => e.id);
  if (ids.length === 0 && broken.length === 0) throw new UserError(`no exercises were found in ${exercisesDir()}${envValue("SOCKET_TUTOR_LESSONS") ? " (SOCKET_TUTOR_LESSONS chose that lessons folder)" : ""}`);
  if (!query) throw new UsageError(`which exercise? One of: ${ids.join(", ")}. 'socket-tutor list' shows them with your status.`, command);
  const ex = exercises.find((e) => e.id === query);
  // It exists but its task.md is broken: say what is wrong with it, not "no exercise".
  const bad = ex ? undefined : broken.find((b) => b.id === query);
  if (bad) throw new UserError(`the exercise '${bad.id}' cannot be used:\n${bad.problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
  if (!ex) throw new UsageError(`no exercise '${query}'.${didYouMean(query, ids)} Exercises: ${ids.join(", ")}.`, command);
  return ex;
}
