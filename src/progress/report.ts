import type { ExerciseInfo } from "../exercises/catalog.js";
import type { Lesson } from "../lessons/types.js";
import { t } from "../text/catalog.js";
import { displayWidth, padEnd } from "../text/width.js";
import { tutor } from "../util/invocation.js";
import { terminalWidth, type Styler } from "../util/style.js";
import { wrapColumns } from "../text/wrap.js";
import { passedBeforeChecksChanged } from "./checks.js";
import { lessonStatus, type Progress } from "./store.js";
import { labelled } from "../text/label.js";

/** The learner's progress as text: used by `progress` and by the menu's "Your progress". */
export function formatProgress(lessons: readonly Lesson[], exercises: readonly ExerciseInfo[], progress: Progress, file: string, s: Styler, width = terminalWidth()): string {
  const done = lessons.filter((l) => lessonStatus(progress, l.meta.id) === "done");
  const going = lessons.filter((l) => lessonStatus(progress, l.meta.id) === "in progress");
  const passed = exercises.filter((e) => progress.exercises[e.id]?.passed);
  const out: string[] = [];
  out.push(labelled(t("progress.report.lessons"), `${t("progress.report.lessonsDone", { done: done.length, total: lessons.length })}${going.length ? t("progress.report.inProgressCount", { n: going.length }) : ""}${t("progress.report.end")}`, s.bold));
  // The status words form a column, whatever their length in this language.
  const doneWord = t("progress.report.done");
  const goingWord = t("progress.report.inProgress");
  const column = Math.max(displayWidth(doneWord), displayWidth(goingWord));
  for (const l of done) out.push(`  ${s.green(padEnd(doneWord, column))}  ${t("progress.report.lessonLine", { order: l.meta.order, title: l.meta.title })}`);
  for (const l of going) {
    const step = Math.min((progress.lessons[l.meta.id]?.step ?? 0) + 1, l.steps.length);
    out.push(`  ${s.yellow(padEnd(goingWord, column))}  ${t("progress.report.lessonStep", { order: l.meta.order, title: l.meta.title, step, steps: l.steps.length })}`);
  }
  if (exercises.length) {
    out.push(labelled(t("progress.report.exercises"), t("progress.report.exercisesPassed", { passed: passed.length, total: exercises.length }), s.bold));
    const passedWord = t("progress.report.passed");
    const triedWord = t("progress.report.tried");
    const width = Math.max(displayWidth(passedWord), displayWidth(triedWord));
    for (const e of exercises) {
      const ep = progress.exercises[e.id];
      if (!ep) continue;
      const word = ep.passed ? s.green(padEnd(passedWord, width)) : s.yellow(padEnd(triedWord, width));
      const stale = passedBeforeChecksChanged(progress, e.id) ? ` ${s.yellow(t("progress.report.passedBefore"))}` : "";
      out.push(`  ${word}  ${t("progress.report.exerciseLine", { id: e.id, attempts: ep.attempts, hints: ep.hintsShown })}${stale}`);
    }
  }
  const next = lessons.find((l) => lessonStatus(progress, l.meta.id) !== "done");
  out.push("", next ? t("progress.report.next", { order: next.meta.order, title: next.meta.title, command: tutor(`lesson ${next.meta.id}`) }) : t("progress.report.allDone"));
  out.push(s.dim(t("progress.report.stored", { file })));
  // Fitted to the terminal: a long line (the next lesson's command) was cut mid-word at the edge.
  return wrapColumns(out.join("\n"), width) + "\n";
}
