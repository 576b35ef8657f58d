import type { Lesson } from "../lessons/types.js";
import { exerciseStatus, lessonStatus, type Progress } from "../progress/store.js";
import { passedBeforeChecksChanged } from "../progress/checks.js";
import type { Styler } from "../util/style.js";
import type { MenuItem } from "./prompts.js";
import { currentLanguage, t } from "../text/catalog.js";
import { isLanguage, LANGUAGE_NAMES, type Language } from "../text/language.js";

function languageNow(): Language {
  const l = currentLanguage();
  return isLanguage(l) ? l : "en";
}

export type MenuChoice = { kind: "lesson"; id: string } | { kind: "exercise"; id: string } | { kind: "progress" } | { kind: "language" } | { kind: "quit" };

export interface MenuExercise {
  id: string;
  title: string;
  summary: string;
}

/**
 * The menu as data (tested without a terminal): chapters, lessons with status, and the
 * cursor's start: on `current` (the lesson or exercise just left) when given, else on the
 * first unfinished lesson.
 */
export function buildMenu(
  lessons: readonly Lesson[],
  progress: Progress,
  s: Styler,
  exercises: readonly MenuExercise[] = [],
  current?: MenuChoice,
): { items: MenuItem<MenuChoice>[]; initial: MenuChoice } {
  const items: MenuItem<MenuChoice>[] = [];
  let chapter: string | undefined;
  let initial: MenuChoice | undefined;
  for (const l of lessons) {
    if (l.meta.chapter !== chapter) {
      chapter = l.meta.chapter;
      items.push({ separator: t("menu.chapter", { chapter }) });
    }
    const status = lessonStatus(progress, l.meta.id);
    const step = progress.lessons[l.meta.id]?.step ?? 0;
    const mark = status === "done" ? s.green("✓") : status === "in progress" ? s.yellow("▸") : " ";
    const tag = status === "done" ? s.green(t("menu.lesson.done")) : status === "in progress" ? s.yellow(t("menu.lesson.inProgress", { step: Math.min(step + 1, l.steps.length), steps: l.steps.length })) : s.dim(t("menu.lesson.new"));
    const value: MenuChoice = { kind: "lesson", id: l.meta.id };
    items.push({ name: `${mark} ${String(l.meta.order).padStart(2)}. ${l.meta.title}  ${s.dim("·")} ${tag}`, value, description: l.meta.summary });
    if (!initial && status !== "done") initial = value;
  }
  if (exercises.length) {
    items.push({ separator: t("menu.exercisesChapter") });
    for (const e of exercises) {
      const status = exerciseStatus(progress, e.id);
      const mark = status === "done" ? s.green("✓") : status === "in progress" ? s.yellow("▸") : " ";
      const tag = passedBeforeChecksChanged(progress, e.id)
        ? s.yellow(t("menu.exercise.passedBefore"))
        : status === "done"
          ? s.green(t("menu.exercise.passed"))
          : status === "in progress"
            ? s.yellow(t("menu.exercise.tried"))
            : s.dim(t("menu.exercise.new"));
      items.push({ name: `${mark} ${e.title}  ${s.dim("·")} ${tag}`, value: { kind: "exercise", id: e.id }, description: t("menu.exercise.description", { summary: e.summary }) });
    }
  }
  items.push({ separator: t("menu.rule") });
  items.push({ name: t("menu.progress"), value: { kind: "progress" }, description: t("menu.progressDescription") });
  // Named in both languages, so a learner who cannot read the current one still finds it.
  items.push({ name: t("menu.language", { name: LANGUAGE_NAMES[languageNow()] }), value: { kind: "language" }, description: t("menu.languageDescription") });
  const quit: MenuChoice = { kind: "quit" };
  items.push({ name: t("menu.quit"), value: quit, description: t("menu.quitDescription") });
  const choices = items.filter((i): i is { name: string; value: MenuChoice } => "value" in i).map((i) => i.value);
  // The same object as in the list: the prompt finds its default by identity.
  const again = current && choices.find((c) => c.kind === current.kind && ("id" in c && "id" in current ? c.id === current.id : !("id" in current)));
  return { items, initial: again ?? initial ?? choices[0] ?? quit };
}
