import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { lessonsDir } from "../paths.js";
import { parseLesson } from "./parse.js";
import type { Lesson, LessonProblem } from "./types.js";

export interface LessonSet {
  lessons: Lesson[];
  /** Lessons that failed validation; the tutor runs the rest and reports these. */
  problems: LessonProblem[];
}

/** Folders under lessons/ that hold something other than a lesson. */
const NOT_LESSONS = new Set(["exercises", "shared"]);

export function loadLessons(dir: string = lessonsDir()): LessonSet {
  const problems: LessonProblem[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch (err) {
    return { lessons: [], problems: [{ file: dir, line: 0, message: `cannot read the lessons folder: ${(err as NodeJS.ErrnoException).code ?? String(err)}` }] };
  }
  const lessons: Lesson[] = [];
  for (const folder of entries) {
    if (NOT_LESSONS.has(folder) || folder.startsWith(".") || folder.startsWith("_")) continue;
    const lessonDir = path.join(dir, folder);
    if (!isDir(lessonDir)) continue;
    const file = path.join(lessonDir, "lesson.md");
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      problems.push({ file, line: 0, message: "this lesson folder has no lesson.md" });
      continue;
    }
    const result = parseLesson(text, file, { readFile: (rel) => readBeside(lessonDir, rel) });
    problems.push(...result.problems);
    if (result.lesson) lessons.push({ ...result.lesson, folder, dir: lessonDir });
  }
  return dedupe(lessons, problems);
}

function dedupe(lessons: Lesson[], problems: LessonProblem[]): LessonSet {
  const byId = new Map<string, Lesson>();
  const kept: Lesson[] = [];
  for (const lesson of lessons.sort((a, b) => a.meta.order - b.meta.order || a.folder.localeCompare(b.folder))) {
    const first = byId.get(lesson.meta.id);
    if (first) {
      problems.push({ file: lesson.file, line: 2, message: `id '${lesson.meta.id}' is already used by ${path.relative(path.dirname(first.dir), first.file)}` });
      continue;
    }
    byId.set(lesson.meta.id, lesson);
    kept.push(lesson);
  }
  return { lessons: kept, problems };
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function readBeside(dir: string, rel: string): string | undefined {
  try {
    return readFileSync(path.join(dir, rel), "utf8");
  } catch {
    return undefined;
  }
}

/** The names a learner may type for a lesson: its id, its folder, or its number. */
export function findLesson(lessons: readonly Lesson[], query: string): Lesson | undefined {
  const q = query.trim().toLowerCase().replace(/\/+$/, "");
  return lessons.find(
    (l) => l.meta.id === q || l.folder.toLowerCase() === q || String(l.meta.order) === q.replace(/^0+(?=\d)/, "") || l.folder.replace(/^\d+-/, "") === q,
  );
}

export function formatProblem(p: LessonProblem, base = process.cwd()): string {
  const rel = path.relative(base, p.file);
  const shown = rel && !rel.startsWith("..") ? rel : p.file;
  return p.line > 0 ? `${shown}:${p.line}: ${p.message}` : `${shown}: ${p.message}`;
}
