import path from "node:path";
import { loadExercises } from "../exercises/catalog.js";
import { writeStarters } from "../exercises/starters.js";
import { exerciseStatus, loadProgress } from "../progress/store.js";
import { renderMarkdown } from "../render/markdown.js";
import { colourEnabled, readingWidth } from "../util/style.js";
import type { ActionProvider } from "./lesson-runner.js";
import { Pager } from "./pager.js";
import { select, styler } from "./prompts.js";

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
    const verb = status === "done" ? "Open the exercise again (passed)" : status === "in progress" ? "Back to the exercise" : "Start the exercise";
    return {
      label: `✎ ${verb}: ${block.exercise}`,
      description: "Shows the task and writes starter files (Python and JavaScript) into ./socket-tutor-exercises/.",
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
    ...written.map((f) => `${s.green("wrote")} ${path.join(where, f)}`),
    ...kept.map((f) => `${s.yellow("kept")}  ${path.join(where, f)} ${s.dim("(it already exists: your work is not overwritten)")}`),
  ];
  const next = [
    "**Next**, in another terminal:",
    "",
    "```sh",
    `cd ${dir}`,
    `socket-tutor verify ${ex.id} ${files[0] ?? `${ex.id}.py`}`,
    "```",
    "",
    `\`socket-tutor hint ${ex.id}\` gives a hint at a time; \`--watch\` re-checks each time you save.`,
  ].join("\n");
  const pager = new Pager(() => s.bold(s.magenta(`Exercise: ${ex.title}`)), undefined, "Back");
  pager.start();
  const text = `${await renderMarkdown(ex.task, { width, colour })}\n\n${lines.join("\n")}\n\n${await renderMarkdown(next, { width, colour })}\n`;
  if ((await pager.write(text, 6)) === "menu") return;
  await select("", [{ name: "Back", value: "back" }]);
}
