import { demoIds, listDemos } from "../demo/load.js";
import { loadExercises } from "../exercises/catalog.js";
import { findLesson, formatProblem, loadLessons } from "../lessons/load.js";
import { checkReferences } from "../lessons/references.js";
import type { Lesson, LessonProblem } from "../lessons/types.js";
import { loadProgress, type Progress } from "../progress/store.js";
import { didYouMean } from "../util/suggest.js";
import { makeStyle, colourEnabled } from "../util/style.js";
import { UsageError } from "./errors.js";

export interface Context {
  lessons: Lesson[];
  problems: LessonProblem[];
  progress: Progress;
}

/**
 * Lessons and progress, with anything wrong said once on stderr: a broken lesson
 * is named with file:line and skipped; a corrupt progress file was moved aside.
 */
export function loadContext(): Context {
  const loaded = loadLessons();
  const demoSet = listDemos();
  const exerciseSet = loadExercises();
  const validDemos = demoSet.demos.map((d) => d.spec.id);
  const checked = checkReferences(
    loaded.lessons,
    { demos: validDemos, exercises: exerciseSet.exercises.map((e) => e.id) },
    { demos: demoIds().filter((id) => !validDemos.includes(id)), exercises: exerciseSet.broken.map((b) => b.id) },
  );
  const lessons = checked.lessons;
  // Causes first: a lesson skipped because its demo or exercise is broken comes after that demo's or exercise's own problems.
  const problems = [
    ...loaded.problems,
    ...demoSet.problems.map((p) => ({ file: p.file, line: p.line ?? 0, message: p.field ? `${p.field}: ${p.message}` : p.message })),
    ...exerciseSet.problems,
    ...checked.problems,
  ];
  const { progress, notice } = loadProgress();
  const s = makeStyle(colourEnabled(process.stderr));
  if (notice) process.stderr.write(`${s.yellow("note:")} ${notice}\n`);
  if (problems.length) {
    const files = new Set(problems.map((p) => p.file)).size;
    process.stderr.write(`${s.yellow("warning:")} ${files === 1 ? "a lesson, demo or exercise file has" : `${files} lesson, demo or exercise files have`} problems (what is broken is skipped):\n`);
    for (const p of problems) process.stderr.write(`  ${formatProblem(p)}\n`);
  }
  return { lessons, problems, progress };
}

export function requireLesson(lessons: readonly Lesson[], query: string | undefined, command: string): Lesson {
  if (!query) throw new UsageError(`which lesson? Give its id or number, e.g. 'socket-tutor ${command} ${lessons[0]?.meta.id ?? "1"}'. 'socket-tutor list' shows them all.`, command);
  const lesson = findLesson(lessons, query);
  if (!lesson) throw new UsageError(`no lesson '${query}'.${didYouMean(query, lessons.map((l) => l.meta.id))} 'socket-tutor list' shows them all.`, command);
  return lesson;
}

export function helpText(usage: string, summary: string, details: string[] = []): string {
  return [`Usage: socket-tutor ${usage}`, "", summary, ...(details.length ? ["", ...details] : [])].join("\n") + "\n";
}
