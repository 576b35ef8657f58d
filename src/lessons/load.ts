import { lstatSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { lessonsDir } from "../paths.js";
import { parseLesson } from "./parse.js";
import { readTextInside, reasonFor, reasonWithLine } from "./read.js";
import { currentLanguage, t } from "../text/catalog.js";
import { isLanguage, type Language } from "../text/language.js";
import { translatedName, translateLesson, type TranslationNote } from "./translation.js";
import { escapeTerminal } from "../text/escape.js";
import type { Lesson, LessonProblem } from "./types.js";

export interface LessonSet {
  lessons: Lesson[];
  /** Lessons that failed validation; the tutor runs the rest and reports these. */
  problems: LessonProblem[];
  /** About the translations read (stale, or not used because they do not match the English): for authors and tests. */
  translations: TranslationNote[];
}

/** Folders under lessons/ that hold something other than a lesson. */
const NOT_LESSONS = new Set(["exercises", "shared"]);

/**
 * A file with more problems than this shows the first ones and a count: past the first
 * few, the rest are usually caused by them, and a screenful of errors hides the cause.
 */
export const MAX_PROBLEMS_PER_FILE = 10;

/**
 * The lessons, in `language` where a translation (lesson.<language>.md) exists and
 * matches the English; in English otherwise.
 */
export function loadLessons(dir: string = lessonsDir(), language: Language = uiLanguage()): LessonSet {
  const problems: LessonProblem[] = [];
  const translations: TranslationNote[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch (err) {
    return { lessons: [], problems: [{ file: dir, line: 0, message: t("lessons.load.cannotReadFolder", { reason: folderReason(err) }) }], translations };
  }
  const lessons: Lesson[] = [];
  for (const folder of entries) {
    if (NOT_LESSONS.has(folder) || folder.startsWith(".") || folder.startsWith("_")) continue;
    const lessonDir = path.join(dir, folder);
    const kind = entryKind(lessonDir);
    if (kind === "dangling") problems.push({ file: lessonDir, line: 0, message: t("lessons.load.danglingFolder") });
    if (kind !== "dir") continue;
    const file = path.join(lessonDir, "lesson.md");
    const read = readTextInside(file, lessonDir, t("lessons.root.lesson"), { kind: t("lessons.kind.lesson") });
    if (!read.ok) {
      problems.push({ file, line: read.line ?? 0, message: read.missing ? t("lessons.load.noLessonMd") : t("lessons.file.reason", { file: "lesson.md", reason: read.reason }) });
      continue;
    }
    const result = parseLesson(read.text, file, { readFile: (rel) => readBeside(lessonDir, rel) });
    problems.push(...capped(result.problems, file));
    if (!result.lesson) continue;
    const english: Lesson = { ...result.lesson, folder, dir: lessonDir };
    lessons.push(language === "en" ? english : inLanguage(english, read.text, language, translations));
  }
  return { ...dedupe(lessons, problems), translations };
}

function uiLanguage(): Language {
  const l = currentLanguage();
  return isLanguage(l) ? l : "en";
}

/** The lesson from its translation, if there is one and it can be used; the English lesson otherwise. */
function inLanguage(english: Lesson, englishText: string, language: Language, notes: TranslationNote[]): Lesson {
  const file = translatedName(english.file, language);
  const read = readTextInside(file, english.dir, t("lessons.root.lesson"), { kind: t("lessons.kind.lesson") });
  if (!read.ok) {
    if (!read.missing) notes.push({ file, english: english.file, line: read.line ?? 0, kind: "mismatch", message: t("lessons.file.reason", { file: path.basename(file), reason: read.reason }) });
    return english;
  }
  const tr = translateLesson(english, englishText, read.text, file, language, { readFile: (rel) => readBeside(english.dir, rel) });
  notes.push(...tr.notes);
  return tr.lesson ?? english;
}

function capped(problems: LessonProblem[], file: string): LessonProblem[] {
  if (problems.length <= MAX_PROBLEMS_PER_FILE) return problems;
  const more = problems.length - MAX_PROBLEMS_PER_FILE;
  return [...problems.slice(0, MAX_PROBLEMS_PER_FILE), { file, line: 0, message: t("lessons.load.moreProblems", { n: more }) }];
}

/** Why a folder could not be listed, in words. */
function folderReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return t("lessons.folder.missing");
  if (code === "ENOTDIR") return t("lessons.folder.notFolder");
  if (code === "EACCES" || code === "EPERM") return t("lessons.folder.denied");
  return t("lessons.folder.other", { reason: reasonFor(err) });
}

function dedupe(lessons: Lesson[], problems: LessonProblem[]): Omit<LessonSet, "translations"> {
  const byId = new Map<string, Lesson>();
  const kept: Lesson[] = [];
  for (const lesson of lessons.sort((a, b) => a.meta.order - b.meta.order || a.folder.localeCompare(b.folder))) {
    const first = byId.get(lesson.meta.id);
    if (first) {
      problems.push({ file: lesson.file, line: 2, message: t("lessons.load.duplicateId", { id: lesson.meta.id, file: escapeTerminal(path.relative(path.dirname(first.dir), first.file)) }) });
      continue;
    }
    byId.set(lesson.meta.id, lesson);
    kept.push(lesson);
  }
  return { lessons: kept, problems };
}

/** A folder, something else, or a link that leads nowhere (worth saying: it looks like a lesson). */
function entryKind(p: string): "dir" | "other" | "dangling" {
  try {
    return statSync(p).isDirectory() ? "dir" : "other";
  } catch {
    try {
      return lstatSync(p).isSymbolicLink() ? "dangling" : "other";
    } catch {
      return "other";
    }
  }
}

/** A `::: code` file: the text, or why it cannot be shown. Links may not lead out of the lesson folder. */
function readBeside(dir: string, rel: string): string | { problem: string; missing: boolean } {
  const read = readTextInside(path.join(dir, rel), dir, t("lessons.root.lesson"), { kind: t("lessons.kind.code") });
  return read.ok ? read.text : { problem: reasonWithLine(read), missing: read.missing };
}

/** The names a learner may type for a lesson: its id, its folder, or its number. */
export function findLesson(lessons: readonly Lesson[], query: string): Lesson | undefined {
  const q = query.trim().toLowerCase().replace(/\/+$/, "");
  return lessons.find(
    (l) => l.meta.id === q || l.folder.toLowerCase() === q || String(l.meta.order) === q.replace(/^0+(?=\d)/, "") || l.folder.replace(/^\d+-/, "") === q,
  );
}

/**
 * "file:line: message", the form editors and compilers use. The file's name and the
 * message (which quotes the lesson's own text) are escaped: a lesson tree may come from anyone.
 */
export function formatProblem(p: LessonProblem, base = process.cwd()): string {
  const rel = path.relative(base, p.file);
  const shown = escapeTerminal(rel && !rel.startsWith("..") ? rel : p.file);
  const message = escapeTerminal(p.message);
  return p.line > 0 ? `${shown}:${p.line}: ${message}` : `${shown}: ${message}`;
}
