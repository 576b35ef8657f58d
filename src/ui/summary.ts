import type { Lesson } from "../lessons/types.js";
import { exerciseStatus, lessonStatus, type Progress } from "../progress/store.js";
import { progressBar } from "../render/lesson.js";
import { renderMarkdown } from "../render/markdown.js";
import { t } from "../text/catalog.js";
import { wrap } from "../text/wrap.js";
import { colourEnabled, readingWidth } from "../util/style.js";
import { openExercise } from "./exercise-action.js";
import type { FinishScreen, LessonExit } from "./lesson-runner.js";
import { clearScreen, PromptResized, select, styler, type Choice } from "./prompts.js";
import { labelled } from "../text/label.js";

/** A lesson's quiz score: quizzes right at the first try, of all its quizzes, and how many were answered. */
export function quizScore(lesson: Lesson, progress: Progress): { right: number; answered: number; total: number } {
  const total = lesson.steps.reduce((n, s) => n + s.blocks.filter((b) => b.kind === "quiz").length, 0);
  const saved = Object.entries(progress.lessons[lesson.meta.id]?.quizzes ?? {}).filter(([k]) => Number(k) >= 1 && Number(k) <= total);
  return { right: saved.filter(([, tries]) => tries === 1).length, answered: saved.length, total };
}

type After = { kind: "lesson"; id: string } | { kind: "exercise"; id: string } | { kind: "menu" };

/**
 * The screen after a lesson's last step: what it showed, the quiz score, the course so
 * far, and what comes next (the next lesson first, the lesson's exercise if not passed).
 */
export function finishScreen(course: readonly Lesson[]): FinishScreen {
  return async (lesson: Lesson, progress: Progress): Promise<LessonExit> => {
    let preferred: After | undefined;
    for (;;) {
      const next = course.slice(course.indexOf(lesson) + 1).find((l) => lessonStatus(progress, l.meta.id) !== "done") ?? course.find((l) => lessonStatus(progress, l.meta.id) !== "done");
      const exercises = [...new Set(lesson.steps.flatMap((s) => s.blocks.flatMap((b) => (b.kind === "exercise" ? [b.exercise] : []))))];
      clearScreen();
      process.stdout.write(await summaryText(lesson, progress, course, next, exercises));
      const items: Choice<After>[] = [];
      if (next) items.push({ name: t("summary.nextLesson", { order: next.meta.order, title: next.meta.title }), value: { kind: "lesson", id: next.meta.id }, description: next.meta.summary });
      for (const id of exercises) {
        if (exerciseStatus(progress, id) !== "done") items.push({ name: t("summary.exercise", { id }), value: { kind: "exercise", id } });
      }
      items.push({ name: t("summary.menu"), value: { kind: "menu" } });
      let after: After;
      try {
        const start = items.find((i) => preferred && i.value.kind === preferred.kind && ("id" in preferred ? "id" in i.value && i.value.id === preferred.id : true))?.value;
        after = await select<After>(t("summary.prompt"), items, { default: start ?? items[0]!.value, pageSize: items.length, resizeThrows: true });
      } catch (err) {
        if (err instanceof PromptResized) {
          preferred = err.active as After | undefined;
          continue;
        }
        throw err;
      }
      if (after.kind === "exercise") {
        await openExercise(after.id);
        preferred = after;
        continue;
      }
      return after.kind === "lesson" ? { kind: "lesson", id: after.id } : { kind: "menu" };
    }
  };
}

async function summaryText(lesson: Lesson, progress: Progress, course: readonly Lesson[], next: Lesson | undefined, exercises: readonly string[]): Promise<string> {
  const s = styler();
  const width = readingWidth();
  const colour = colourEnabled();
  const out: string[] = [s.bold(s.green(wrap(t("summary.done", { order: lesson.meta.order, title: lesson.meta.title }), width))), ""];
  out.push(s.bold(t("summary.showed")));
  out.push(await renderMarkdown(lesson.meta.summary, { width, colour }));
  // The steps that teach (not the quiz-only "Check yourself" ones), in one paragraph: a list would push the choices off a small screen.
  const taught = lesson.steps.filter((st) => st.blocks.some((b) => b.kind !== "quiz"));
  out.push(s.dim(wrap(t("summary.steps", { steps: taught.map((st) => st.title).join(" · ") }), width)), "");
  const score = quizScore(lesson, progress);
  if (score.total > 0) {
    out.push(labelled(t("summary.quizLabel"), t("summary.quiz", { right: score.right, total: score.total, missed: score.total - score.answered }), s.bold));
  }
  for (const id of exercises) {
    const st = exerciseStatus(progress, id);
    const word = st === "done" ? s.green(t("summary.exercisePassed", { id })) : st === "in progress" ? s.yellow(t("summary.exerciseTried", { id })) : t("summary.exerciseNew", { id });
    out.push(labelled(t("summary.exerciseLabel"), word, s.bold));
  }
  const done = course.filter((l) => lessonStatus(progress, l.meta.id) === "done").length;
  out.push(labelled(t("summary.courseLabel"), t("summary.course", { bar: progressBar({ done, total: course.length }) }), s.bold), "");
  out.push(next ? wrap(t("summary.next", { order: next.meta.order, title: next.meta.title }), width) : s.green(wrap(t("summary.allDone"), width)));
  return out.join("\n") + "\n\n";
}
