import path from "node:path";
import { UsageError, UserError } from "../util/errors.js";
import { formatProblem } from "../lessons/load.js";
import { readTextInside } from "../lessons/read.js";
import { envValue } from "../paths.js";
import { t, type MessageKey } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { tutor } from "../util/invocation.js";
import { didYouMean } from "../util/suggest.js";
import { EXERCISE_CODE, exercisesDir, loadExercises, type ExerciseInfo } from "./catalog.js";
import { parseHints, type Hint } from "./hints.js";
import { translateHints } from "./translation.js";
import { listOf } from "../text/list.js";

export type { Hint } from "./hints.js";

/**
 * The files of an exercise beyond its task text: hints, starters, reference
 * solutions. Read on demand (by exercise/hint/solution), never by `list`.
 */

export interface CodeFileText {
  /** e.g. starter.py */
  name: string;
  language: "python" | "javascript" | "c";
  text: string;
}

/** A file of the exercise folder, or undefined when it does not exist; anything else wrong stops the command. */
function readExerciseFile(ex: ExerciseInfo, name: string): string | undefined {
  const file = path.join(ex.dir, name);
  const read = readTextInside(file, ex.dir, t("lessons.root.exercise"), { kind: t("lessons.kind.exerciseFile", { name }) });
  if (read.ok) return read.text;
  if (read.missing) return undefined;
  const problem = formatProblem({ file, line: read.line ?? 0, message: t("lessons.file.reason", { file: name, reason: read.reason }) });
  throw new UserError(t("exercise.cannotUse", { id: escapeTerminal(ex.id), problems: `  ${problem}` }));
}

/** The exercise's hints (see hints.ts for the format); a hints.md with problems still gives the hints it can. */
export function readHints(ex: ExerciseInfo): Hint[] {
  const text = readExerciseFile(ex, "hints.md");
  if (text === undefined) return [];
  const hints = parseHints(text).hints;
  if (ex.language === undefined || ex.language === "en") return hints;
  // In the learner's language when hints.<language>.md has the same hints; the notes are for authors (list, tests).
  return translateHints(ex.dir, path.join(ex.dir, "hints.md"), text, hints, ex.language, [])?.hints ?? hints;
}

/** A code file the exercise should have and does not: what it is, and the name it would have had. */
export interface MissingCode {
  name: string;
  /** What it is ("the Python starter"), in words. */
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
    if (text === undefined) missing.push({ name, what: t(c.what), dir: ex.dir });
    else files.push({ name, language: c.language, text });
  }
  return { files, missing };
}

/** The heading over a reference solution, by its language. */
export const SOLUTION_HEADER = {
  python: "exercise.solution.headerPython",
  javascript: "exercise.solution.headerJavaScript",
  c: "exercise.solution.headerC",
} as const satisfies Record<CodeFileText["language"], MessageKey>;

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
  if (ids.length === 0 && broken.length === 0) {
    const dir = escapeTerminal(exercisesDir());
    throw new UserError(envValue("SOCKET_TUTOR_LESSONS") ? t("exercise.noneFoundChosen", { dir }) : t("exercise.noneFound", { dir }));
  }
  if (!query) throw new UsageError(t("exercise.which", { ids: shownIds(ids), list: tutor("list") }), command);
  const ex = exercises.find((e) => e.id === query);
  // It exists but its task.md is broken: say what is wrong with it, not "no exercise".
  const bad = ex ? undefined : broken.find((b) => b.id === query);
  if (bad) throw new UserError(t("exercise.cannotUse", { id: escapeTerminal(bad.id), problems: bad.problems.map((p) => `  ${formatProblem(p)}`).join("\n") }));
  if (!ex) throw new UsageError(t("exercise.unknown", { query: escapeTerminal(query), suggestion: didYouMean(query, ids), ids: shownIds(ids) }), command);
  return ex;
}

/** Exercise ids are folder names from the lesson tree: escaped before they are shown. */
function shownIds(ids: readonly string[]): string {
  return listOf(ids.map((id) => escapeTerminal(id)));
}
