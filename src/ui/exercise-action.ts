import path from "node:path";
import { loadExercises } from "../exercises/catalog.js";
import { writeStarters } from "../exercises/starters.js";
import { exerciseStatus, loadProgress } from "../progress/store.js";
import { renderMarkdown } from "../render/markdown.js";
import { colourEnabled, readingWidth } from "../util/style.js";
import type { ActionProvider } from "./lesson-runner.js";
import { Pager } from "./pager.js";
import { select, styler } from "./prompts.js";
import { t } from "../text/catalog.js";
import { shellQuote, tutor } from "../util/invocation.js";

/**
 * In a lesson, an exercise block becomes "Start the exercise": the task, the
 * starter files written next to the learner (never over their work), and the
 * commands that check it. The checking itself happens in the learner's own shell,
 * with their own editor: `socket-tutor verify`.
 */
export function exerciseActions(): ActionProvider {
  return (_lesson, block) => {
    if (block.kind !== "exercise") return undefined;
    const status = exerciseStatus(loadProgress().progress, block.exercise);
    const id = block.exercise;
    return {
      label: status === "done" ? t("lesson.exercise.again", { id }) : status === "in progress" ? t("lesson.exercise.back", { id }) : t("lesson.exercise.start", { id }),
      description: t("lesson.exercise.description"),
      block,
      run: async () => openExercise(block.exercise),
    };
  };
}

/** The exercise screen: its task, the starter files written, and the commands to check it. */
export async function openExercise(id: string): Promise<void> {
  const ex = loadExercises().exercises.find((e) => e.id === id);
  if (!ex) return;
  const s = styler();
  const width = readingWidth();
  const colour = colourEnabled();
  const { dir, written, kept } = writeStarters(ex, process.cwd());
  const files = [...written, ...kept];
  const where = path.relative(process.cwd(), dir) || ".";
  const lines = [
    ...written.map((f) => `${s.green(t("lesson.exercise.wrote"))} ${path.join(where, f)}`),
    ...kept.map((f) => `${s.yellow(t("lesson.exercise.kept"))}  ${path.join(where, f)} ${s.dim(t("lesson.exercise.keptWhy"))}`),
  ];
  const next = [
    t("lesson.exercise.next"),
    "",
    "```sh",
    `cd ${shellQuote(dir)}`,
    tutor(`verify ${ex.id} ${shellQuote(files[0] ?? `${ex.id}.py`)}`),
    "```",
    "",
    t("lesson.exercise.hintLine", { hint: tutor(`hint ${ex.id}`) }),
  ].join("\n");
  const pager = new Pager(() => s.bold(s.magenta(t("lesson.exercise.title", { title: ex.title }))), undefined, t("lesson.exercise.leave"));
  pager.start();
  const text = `${await renderMarkdown(ex.task, { width, colour })}\n\n${lines.join("\n")}\n\n${await renderMarkdown(next, { width, colour })}\n`;
  if ((await pager.write(text, 6)) === "menu") return;
  await select("", [{ name: t("lesson.exercise.leave"), value: "back" }]);
}
