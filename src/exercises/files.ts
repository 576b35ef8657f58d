import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../commands/errors.js";
import { didYouMean } from "../util/suggest.js";
import { loadExercises, type ExerciseInfo } from "./catalog.js";

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

const LANGS = [
  { ext: ".py", language: "python" },
  { ext: ".mjs", language: "javascript" },
] as const;

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

export function readHints(ex: ExerciseInfo): Hint[] {
  try {
    return parseHints(readFileSync(path.join(ex.dir, "hints.md"), "utf8"));
  } catch {
    return [];
  }
}

function readCode(ex: ExerciseInfo, base: string): CodeFileText[] {
  const out: CodeFileText[] = [];
  for (const { ext, language } of LANGS) {
    const file = path.join(ex.dir, base + ext);
    if (existsSync(file)) out.push({ name: base + ext, language, text: readFileSync(file, "utf8") });
  }
  return out;
}

export function starterFiles(ex: ExerciseInfo): CodeFileText[] {
  return readCode(ex, "starter");
}

export function solutionFiles(ex: ExerciseInfo): CodeFileText[] {
  return readCode(ex, "solution");
}

/** The name a starter gets in the learner's folder: tcp-echo.py, tcp-echo.mjs. */
export function learnerFileName(ex: ExerciseInfo, starter: CodeFileText): string {
  return ex.id + path.extname(starter.name);
}

export function requireExercise(query: string | undefined, command: string): ExerciseInfo {
  const { exercises } = loadExercises();
  const ids = exercises.map((e) => e.id);
  if (!query) throw new UsageError(`which exercise? One of: ${ids.join(", ")}. 'socket-tutor list' shows them with your status.`, command);
  const ex = exercises.find((e) => e.id === query);
  if (!ex) throw new UsageError(`no exercise '${query}'.${didYouMean(query, ids)} Exercises: ${ids.join(", ")}.`, command);
  return ex;
}
