import { demoIds, listDemos } from "../demo/load.js";
import { loadExercises } from "../exercises/catalog.js";
import { findLesson, formatProblem, loadLessons } from "../lessons/load.js";
import { checkReferences } from "../lessons/references.js";
import type { Lesson, LessonProblem } from "../lessons/types.js";
import { loadProgress, type Progress } from "../progress/store.js";
import { didYouMean } from "../util/suggest.js";
import { makeStyle, colourEnabled } from "../util/style.js";
import { UsageError } from "./errors.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { tutor } from "../util/invocation.js";

export interface Context {
  lessons: Lesson[];
  problems: LessonProblem[];
  progress: Progress;
  /** What was said about the progress file, for a screen that clears stderr's lines away. */
  progressNotice?: string;
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
  if (notice) process.stderr.write(`${s.yellow(t("common.note"))} ${notice}\n`);
  if (problems.length) {
    const files = new Set(problems.map((p) => p.file)).size;
    process.stderr.write(`${s.yellow(t("common.warning"))} ${t("cli.problems", { files })}\n`);
    for (const p of problems) process.stderr.write(`  ${formatProblem(p)}\n`);
  }
  return notice ? { lessons, problems, progress, progressNotice: notice } : { lessons, problems, progress };
}

export function requireLesson(lessons: readonly Lesson[], query: string | undefined, command: string): Lesson {
  if (!query) throw new UsageError(t("cli.whichLesson", { example: tutor(`${command} ${lessons[0]?.meta.id ?? "1"}`), list: tutor("list") }), command);
  const lesson = findLesson(lessons, query);
  if (!lesson) throw new UsageError(t("cli.noLesson", { query: escapeTerminal(query), suggestion: didYouMean(query, lessons.map((l) => l.meta.id)), list: tutor("list") }), command);
  return lesson;
}

export function helpText(usage: string, summary: string, details: string[] = []): string {
  return [t("cli.usageLine", { usage }), "", summary, ...(details.length ? ["", ...details] : [])].join("\n") + "\n";
}
