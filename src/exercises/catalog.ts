import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { EXERCISE_FRONT_MATTER, frontMatterKeys } from "../lessons/front-matter-schema.js";
import { patternOf } from "../lessons/json-schema.js";
import { readFrontMatter, tokenProblem } from "../lessons/parse.js";
import { unknownTokens } from "../lessons/tokens.js";
import { checkFileInside, readTextInside } from "../lessons/read.js";
import type { LessonProblem } from "../lessons/types.js";
import { lessonsDir, packageRoot } from "../paths.js";
import { currentLanguage, t } from "../text/catalog.js";
import { isLanguage, type Language } from "../text/language.js";
import type { TranslationInfo, TranslationNote } from "../lessons/translation.js";
import { translateHints, translateTask } from "./translation.js";
import { escapeTerminal } from "../text/escape.js";
import { checkerProblems } from "./checker-modules.js";
import { parseHints } from "./hints.js";

/**
 * An exercise is a folder under lessons/exercises/<id>/ holding task.md
 * (front matter + the task text), hints.md, starters and reference solutions.
 * Only the metadata is read here, so `list` stays cheap.
 */
export interface ExerciseInfo {
  id: string;
  title: string;
  /** The lesson that teaches what the exercise needs. */
  lesson: string;
  order: number;
  summary: string;
  dir: string;
  /** The task text (Markdown), after the front matter. */
  task: string;
  /** The language the title, summary and task are in, when not English (task.<language>.md). */
  translation?: TranslationInfo;
  /** The language the exercise was loaded for (absent: English): hints are read in it (hints.<language>.md) when they can be. */
  language?: Language;
}

// From the one definition that schemas/exercise.schema.json publishes.
const KEYS = frontMatterKeys(EXERCISE_FRONT_MATTER);
const ID = patternOf(EXERCISE_FRONT_MATTER.properties?.id);

/**
 * The code files every exercise ships: `exercise` copies the starters, `solution` shows the rest.
 * `what` is the catalog key that names the file in a problem ("the Python starter").
 */
export const EXERCISE_CODE = [
  { base: "starter", ext: ".py", language: "python", what: "lessons.code.pythonStarter" },
  { base: "starter", ext: ".mjs", language: "javascript", what: "lessons.code.javascriptStarter" },
  { base: "starter", ext: ".c", language: "c", what: "lessons.code.cStarter" },
  { base: "solution", ext: ".py", language: "python", what: "lessons.code.pythonSolution" },
  { base: "solution", ext: ".mjs", language: "javascript", what: "lessons.code.javascriptSolution" },
  { base: "solution", ext: ".c", language: "c", what: "lessons.code.cSolution" },
] as const;

/** An exercise folder that cannot be used (its task.md is broken): kept so commands can say why. */
export interface BrokenExercise {
  /** The folder name, which is the id the learner types. */
  id: string;
  problems: LessonProblem[];
}

export interface ExerciseSet {
  exercises: ExerciseInfo[];
  /** Everything wrong: the broken exercises' problems and the usable ones' missing files. */
  problems: LessonProblem[];
  broken: BrokenExercise[];
  /** About the translations read (stale, or not used): for authors and tests. */
  translations: TranslationNote[];
}

export function exercisesDir(): string {
  return path.join(lessonsDir(), "exercises");
}

export function loadExercises(dir: string = exercisesDir(), language: Language = uiLanguage()): ExerciseSet {
  const problems: LessonProblem[] = [];
  const broken: BrokenExercise[] = [];
  const translations: TranslationNote[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir).filter((name) => !name.startsWith(".") && isDir(path.join(dir, name)));
  } catch {
    return { exercises: [], problems, broken, translations };
  }
  const exercises: ExerciseInfo[] = [];
  for (const name of entries.sort()) {
    const exDir = path.join(dir, name);
    const found = readExercise(name, exDir, language, translations);
    if ("problems" in found) {
      broken.push({ id: name, problems: found.problems });
      problems.push(...found.problems);
      continue;
    }
    exercises.push(found);
    problems.push(...missingFiles(exDir), ...hintProblems(exDir, language, translations));
  }
  // One folder, one checker module (checker-modules.ts); a module without a folder only in the tutor's own lessons.
  const own = path.resolve(dir) === path.join(packageRoot, "lessons", "exercises");
  problems.push(...checkerProblems(exercises, own ? entries : undefined));
  exercises.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { exercises, problems, broken, translations };
}

function uiLanguage(): Language {
  const l = currentLanguage();
  return isLanguage(l) ? l : "en";
}

function readExercise(name: string, exDir: string, language: Language, notes: TranslationNote[]): ExerciseInfo | { problems: LessonProblem[] } {
  const problems: LessonProblem[] = [];
  const file = path.join(exDir, "task.md");
  const read = readTextInside(file, exDir, t("lessons.root.exercise"), { kind: t("lessons.kind.task") });
  if (!read.ok) return { problems: [{ file, line: read.line ?? 0, message: read.missing ? t("lessons.exercise.noTask") : t("lessons.file.reason", { file: "task.md", reason: read.reason }) }] };
  const lines = read.text.replace(/\r\n?/g, "\n").split("\n");
  const front = readFrontMatter(lines, KEYS.required, (line, message) => problems.push({ file, line, message }), KEYS.optional);
  if (!front || !front.ok || problems.length > 0) return { problems };
  const v = (k: string): string => front.values.get(k)!.value;
  if (!ID.test(v("id"))) return { problems: [{ file, line: front.values.get("id")!.line, message: t("lessons.parse.idNotKebab", { id: escapeTerminal(v("id")) }) }] };
  if (v("id") !== name) return { problems: [{ file, line: front.values.get("id")!.line, message: t("lessons.exercise.idNotFolder", { id: escapeTerminal(v("id")), folder: escapeTerminal(name) }) }] };
  if (!/^\d+$/.test(v("order"))) return { problems: [{ file, line: front.values.get("order")!.line, message: t("lessons.parse.orderNotNumber", { value: escapeTerminal(v("order")) }) }] };
  const tokens = unknownTokens(lines.slice(front.bodyStart).join("\n"), front.bodyStart + 1);
  if (tokens.length) return { problems: tokens.map((u) => ({ file, line: u.line, message: tokenProblem(u.name) })) };
  const english: ExerciseInfo = {
    id: v("id"),
    title: v("title"),
    lesson: v("lesson"),
    order: Number(v("order")),
    summary: v("summary"),
    dir: exDir,
    task: lines.slice(front.bodyStart).join("\n").trim(),
    language,
  };
  if (language === "en") return english;
  const tr = translateTask(exDir, file, read.text, language, notes);
  return tr ? { ...english, ...tr } : english;
}

/**
 * Starters and solutions that are missing or unusable. The exercise still loads
 * (verify and hint need neither), but `list` says so and `exercise` names the
 * starter it could not write.
 */
function missingFiles(exDir: string): LessonProblem[] {
  const out: LessonProblem[] = [];
  for (const c of EXERCISE_CODE) {
    const name = c.base + c.ext;
    const file = path.join(exDir, name);
    const check = checkFileInside(file, exDir, t("lessons.root.exercise"));
    if (check.ok) continue;
    out.push(check.missing ? { file: exDir, line: 0, message: t("lessons.exercise.codeMissing", { what: t(c.what), name }) } : { file, line: 0, message: t("lessons.file.reason", { file: name, reason: check.reason }) });
  }
  return out;
}

/** What is wrong in hints.md (ids, blocks): the hints still work, but the author should know. */
function hintProblems(exDir: string, language: Language, notes: TranslationNote[]): LessonProblem[] {
  const file = path.join(exDir, "hints.md");
  const read = readTextInside(file, exDir, t("lessons.root.exercise"), { kind: t("lessons.kind.exerciseFile", { name: "hints.md" }) });
  if (!read.ok) return read.missing ? [] : [{ file, line: read.line ?? 0, message: t("lessons.file.reason", { file: "hints.md", reason: read.reason }) }];
  const parsed = parseHints(read.text);
  if (language !== "en") translateHints(exDir, file, read.text, parsed.hints, language, notes);
  return parsed.problems.map((p) => ({ file, ...p }));
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
