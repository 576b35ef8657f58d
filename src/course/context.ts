import { demoIds, listDemos } from "../demo/load.js";
import { loadExercises } from "../exercises/catalog.js";
import { formatProblem, loadLessons } from "../lessons/load.js";
import { checkReferences } from "../lessons/references.js";
import type { Lesson, LessonProblem } from "../lessons/types.js";
import { glossaryReferenceProblems, loadGlossary, type Glossary } from "../lessons/glossary.js";
import { loadProgress, type Progress } from "../progress/store.js";
import { t } from "../text/catalog.js";
import { colourEnabled, makeStyle } from "../util/style.js";
import { labelled } from "../text/label.js";

/**
 * The course as this run sees it: the lessons that loaded (with their demos and
 * exercises checked), the problems of those that did not, and the learner's progress.
 */
export interface Context {
  lessons: Lesson[];
  problems: LessonProblem[];
  progress: Progress;
  /** The glossary (lessons/glossary.md): its entries that loaded. */
  glossary: Glossary;
  /** What was said about the progress file, for a screen that clears stderr's lines away. */
  progressNotice?: string;
}

/**
 * Lessons and progress, with anything wrong said once on stderr: a broken lesson
 * is named with file:line and skipped; a corrupt progress file was moved aside.
 */
export function loadContext(): Context {
  const { lessons, problems, glossary } = loadCourse();
  const { progress, notice } = loadProgress();
  const s = makeStyle(colourEnabled(process.stderr));
  if (notice) process.stderr.write(`${s.yellow(t("common.note"))} ${notice}\n`);
  if (problems.length) {
    const files = new Set(problems.map((p) => p.file)).size;
    process.stderr.write(`${labelled(t("common.warning"), t("cli.problems", { files }), s.yellow)}\n`);
    for (const p of problems) process.stderr.write(`  ${formatProblem(p)}\n`);
  }
  return notice ? { lessons, problems, progress, glossary, progressNotice: notice } : { lessons, problems, progress, glossary };
}

/** The lessons (with their demos and exercises checked) and the glossary, in the current language; nothing printed. */
export function loadCourse(): Pick<Context, "lessons" | "problems" | "glossary"> {
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
  const glossary = loadGlossary();
  // Causes first: a lesson skipped because its demo or exercise is broken comes after that demo's or exercise's own problems.
  const problems = [
    ...loaded.problems,
    ...demoSet.problems.map((p) => ({ file: p.file, line: p.line ?? 0, message: p.field ? `${p.field}: ${p.message}` : p.message })),
    ...exerciseSet.problems,
    ...checked.problems,
    ...glossary.problems,
    ...glossaryReferenceProblems(glossary, loaded.lessons),
  ];
  return { lessons, problems, glossary };
}
