import type { ExerciseInfo } from "../exercises/catalog.js";
import type { Lesson } from "../lessons/types.js";
import type { Styler } from "../util/style.js";
import { lessonStatus, type Progress } from "./store.js";

/** The learner's progress as text: used by `progress` and by the menu's "Your progress". */
export function formatProgress(lessons: readonly Lesson[], exercises: readonly ExerciseInfo[], progress: Progress, file: string, s: Styler): string {
  const done = lessons.filter((l) => lessonStatus(progress, l.meta.id) === "done");
  const going = lessons.filter((l) => lessonStatus(progress, l.meta.id) === "in progress");
  const passed = exercises.filter((e) => progress.exercises[e.id]?.passed);
  const out: string[] = [];
  out.push(`${s.bold("Lessons:")} ${done.length} of ${lessons.length} done${going.length ? `, ${going.length} in progress` : ""}.`);
  for (const l of done) out.push(`  ${s.green("done")}         ${l.meta.order}. ${l.meta.title}`);
  for (const l of going) out.push(`  ${s.yellow("in progress")}  ${l.meta.order}. ${l.meta.title} (step ${Math.min((progress.lessons[l.meta.id]?.step ?? 0) + 1, l.steps.length)} of ${l.steps.length})`);
  if (exercises.length) {
    out.push(`${s.bold("Exercises:")} ${passed.length} of ${exercises.length} passed.`);
    for (const e of exercises) {
      const ep = progress.exercises[e.id];
      if (!ep) continue;
      const hints = ep.hintsShown ? `, ${ep.hintsShown} ${ep.hintsShown === 1 ? "hint" : "hints"}` : "";
      out.push(`  ${ep.passed ? s.green("passed") : s.yellow("tried ")}  ${e.id} (${ep.attempts} ${ep.attempts === 1 ? "attempt" : "attempts"}${hints})`);
    }
  }
  const next = lessons.find((l) => lessonStatus(progress, l.meta.id) !== "done");
  out.push("", next ? `Next: lesson ${next.meta.order}, ${next.meta.title} ('socket-tutor lesson ${next.meta.id}').` : "Every lesson is done. Well played.");
  out.push(s.dim(`Stored in ${file}`));
  return out.join("\n") + "\n";
}
