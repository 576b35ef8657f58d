import type { Lesson } from "../lessons/types.js";
import { exerciseStatus, lessonStatus, type Progress } from "../progress/store.js";
import type { Styler } from "../util/style.js";
import type { MenuItem } from "./prompts.js";

export type MenuChoice = { kind: "lesson"; id: string } | { kind: "exercise"; id: string } | { kind: "progress" } | { kind: "quit" };

export interface MenuExercise {
  id: string;
  title: string;
  summary: string;
}

/** The menu as data (tested without a terminal): chapters, lessons with status, and the cursor's start. */
export function buildMenu(lessons: readonly Lesson[], progress: Progress, s: Styler, exercises: readonly MenuExercise[] = []): { items: MenuItem<MenuChoice>[]; initial: MenuChoice } {
  const items: MenuItem<MenuChoice>[] = [];
  let chapter: string | undefined;
  let initial: MenuChoice | undefined;
  for (const l of lessons) {
    if (l.meta.chapter !== chapter) {
      chapter = l.meta.chapter;
      items.push({ separator: `── ${chapter} ──` });
    }
    const status = lessonStatus(progress, l.meta.id);
    const step = progress.lessons[l.meta.id]?.step ?? 0;
    const mark = status === "done" ? s.green("✓") : status === "in progress" ? s.yellow("▸") : " ";
    const tag = status === "done" ? s.green("done") : status === "in progress" ? s.yellow(`in progress, step ${Math.min(step + 1, l.steps.length)} of ${l.steps.length}`) : s.dim("new");
    const value: MenuChoice = { kind: "lesson", id: l.meta.id };
    items.push({ name: `${mark} ${String(l.meta.order).padStart(2)}. ${l.meta.title}  ${s.dim("·")} ${tag}`, value, description: l.meta.summary });
    if (!initial && status !== "done") initial = value;
  }
  if (exercises.length) {
    items.push({ separator: "── Exercises ──" });
    for (const e of exercises) {
      const status = exerciseStatus(progress, e.id);
      const mark = status === "done" ? s.green("✓") : status === "in progress" ? s.yellow("▸") : " ";
      const tag = status === "done" ? s.green("passed") : status === "in progress" ? s.yellow("tried") : s.dim("new");
      items.push({ name: `${mark} ${e.title}  ${s.dim("·")} ${tag}`, value: { kind: "exercise", id: e.id }, description: `${e.summary} (socket-tutor verify ${e.id} <file>)` });
    }
  }
  items.push({ separator: "──────" });
  items.push({ name: "  Your progress", value: { kind: "progress" }, description: "Lessons done, exercises passed, and where progress is stored." });
  const quit: MenuChoice = { kind: "quit" };
  items.push({ name: "  Quit", value: quit, description: "Your place in each lesson is saved." });
  return { items, initial: initial ?? items.find((i): i is { name: string; value: MenuChoice } => "value" in i)?.value ?? quit };
}
