import { t } from "../text/catalog.js";
import { didYouMean } from "../util/suggest.js";
import type { Lesson, LessonProblem } from "./types.js";

/**
 * Demo and exercise directives name things that live elsewhere (demo.json files,
 * exercise folders). A lesson that names one that does not exist is reported with
 * the directive's line and left out, like any other malformed lesson.
 *
 * One that exists but is broken (`broken`: its own problems are reported on its own
 * file) is not called missing: the lesson's line says that the demo or exercise it
 * runs is broken, so the reader looks at the real cause.
 */
export function checkReferences(
  lessons: readonly Lesson[],
  known: { demos: readonly string[]; exercises: readonly string[] },
  broken: { demos?: readonly string[]; exercises?: readonly string[] } = {},
): { lessons: Lesson[]; problems: LessonProblem[] } {
  const demos = new Set(known.demos);
  const exercises = new Set(known.exercises);
  const brokenDemos = new Set(broken.demos ?? []);
  const brokenExercises = new Set(broken.exercises ?? []);
  const problems: LessonProblem[] = [];
  const ok: Lesson[] = [];
  for (const lesson of lessons) {
    const before = problems.length;
    for (const step of lesson.steps) {
      for (const block of step.blocks) {
        if (block.kind === "demo" && !demos.has(block.demo) && brokenDemos.has(block.demo)) {
          problems.push({ file: lesson.file, line: block.line, message: t("lessons.ref.brokenDemo", { demo: block.demo }) });
        } else if (block.kind === "demo" && !demos.has(block.demo)) {
          problems.push({ file: lesson.file, line: block.line, message: t("lessons.ref.noDemo", { demo: block.demo, suggestion: didYouMean(block.demo, known.demos) }) });
        }
        if (block.kind === "exercise" && !exercises.has(block.exercise) && brokenExercises.has(block.exercise)) {
          problems.push({ file: lesson.file, line: block.line, message: t("lessons.ref.brokenExercise", { exercise: block.exercise }) });
        } else if (block.kind === "exercise" && !exercises.has(block.exercise)) {
          problems.push({ file: lesson.file, line: block.line, message: t("lessons.ref.noExercise", { exercise: block.exercise, suggestion: didYouMean(block.exercise, known.exercises) }) });
        }
      }
    }
    if (problems.length === before) ok.push(lesson);
  }
  return { lessons: ok, problems };
}
