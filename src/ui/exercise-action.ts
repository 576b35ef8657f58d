import path from "node:path";
import { UserError } from "../util/errors.js";
import { loadExercises, type ExerciseInfo } from "../exercises/catalog.js";
import { learnerFileName } from "../exercises/files.js";
import { writeStarters, type StartersWritten } from "../exercises/starters.js";
import { exerciseStatus, loadProgress } from "../progress/store.js";
import { renderMarkdown } from "../render/markdown.js";
import { colourEnabled, readingWidth, type Styler } from "../util/style.js";
import { wrap } from "../text/wrap.js";
import type { ActionProvider } from "./lesson-runner.js";
import { Pager } from "./pager.js";
import { select, styler } from "./prompts.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { displayWidth, padEnd } from "../text/width.js";
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

/**
 * The exercise screen: its task, the starter files written, and the commands to check it.
 * When the starters cannot be written (a folder the learner may not write to), the
 * screen says why in place of the files, and the learner goes back to where they were:
 * a problem with the current folder is no reason to end the session.
 */
export async function openExercise(id: string): Promise<void> {
  const ex = loadExercises().exercises.find((e) => e.id === id);
  if (!ex) return;
  const s = styler();
  const width = readingWidth();
  const colour = colourEnabled();
  let starters: StartersWritten | undefined;
  let failure: string | undefined;
  try {
    starters = writeStarters(ex, process.cwd());
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    failure = err.message;
  }
  const after = starters ? await writtenText(ex, starters, s, width, colour) : failureText(failure ?? "", s, width);
  const pager = new Pager(() => s.bold(s.magenta(t("lesson.exercise.title", { title: ex.title }))), undefined, t("lesson.exercise.leave"));
  pager.start();
  const text = `${await renderMarkdown(ex.task, { width, colour })}\n\n${after}\n`;
  if ((await pager.write(text, 6)) === "menu") return;
  await select("", [{ name: t("lesson.exercise.leave"), value: "back" }]);
}

/** The files written and kept (the two words padded to one width), any starter the exercise lacks, and the commands to run next. */
async function writtenText(ex: ExerciseInfo, { dir, written, kept, missing }: StartersWritten, s: Styler, width: number, colour: boolean): Promise<string> {
  const files = [...written, ...kept];
  const where = path.relative(process.cwd(), dir) || ".";
  const wrote = t("lesson.exercise.wrote");
  const keptWord = t("lesson.exercise.kept");
  const w = Math.max(displayWidth(wrote), displayWidth(keptWord));
  const shown = (f: string): string => escapeTerminal(path.join(where, f));
  const lines = [
    ...written.map((f) => `${padEnd(s.green(wrote), w)} ${shown(f)}`),
    ...kept.map((f) => `${padEnd(s.yellow(keptWord), w)} ${shown(f)} ${s.dim(t("lesson.exercise.keptWhy"))}`),
    ...missing.map((m) => s.yellow(wrap(t("exercise.starterMissing", { what: m.what, name: m.name, file: learnerFileName(ex, m) }), width))),
  ];
  const next = [
    t("lesson.exercise.next"),
    "",
    "```sh",
    `cd ${escapeTerminal(shellQuote(dir))}`,
    tutor(`verify ${ex.id} ${escapeTerminal(shellQuote(files[0] ?? `${ex.id}.py`))}`),
    "```",
    "",
    t("lesson.exercise.hintLine", { hint: tutor(`hint ${ex.id}`) }),
  ].join("\n");
  return `${lines.join("\n")}\n\n${await renderMarkdown(next, { width, colour })}`;
}

/** Why the starters were not written (the message names the folder and what to do). */
function failureText(message: string, s: Styler, width: number): string {
  return `${s.red(s.bold(t("lesson.exercise.notWritten")))}\n${s.red(wrap(message, width - 2).replace(/^/gm, "  "))}`;
}
