import { createInterface } from "node:readline/promises";
import { updateProgress, progressFile, emptyProgress } from "../progress/store.js";
import { parseCommandArgs } from "./args.js";
import { loadContext, requireLesson } from "./context.js";
import { commandHelp } from "./registry.js";
import { UserError } from "../util/errors.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("reset", argv, { yes: { type: "boolean", short: "y" } });
  if (values.help) {
    process.stdout.write(
      commandHelp("reset", t("help.reset.text"), [t("help.reset.yes")]),
    );
    return 0;
  }
  const { lessons } = loadContext();
  if (positionals[0]) {
    const lesson = requireLesson(lessons, positionals[0], "reset");
    const { saved, notice } = updateProgress((p) => {
      delete p.lessons[lesson.meta.id];
    });
    // No notice: the reason was already given (the note above); progress is not being saved this run.
    if (!saved) throw new UserError(notice ?? t("reset.notSaved"));
    if (notice) process.stderr.write(`socket-tutor: ${notice}\n`);
    process.stdout.write(t("reset.lessonDone", { order: lesson.meta.order, title: lesson.meta.title }) + "\n");
    return 0;
  }
  if (!values.yes) {
    if (!process.stdin.isTTY) throw new UserError(t("reset.needsConfirmation"));
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const word = t("reset.confirmWord");
    let answer = "";
    try {
      answer = await rl.question(t("reset.ask", { file: escapeTerminal(progressFile()), word }));
    } finally {
      rl.close();
    }
    const typed = answer.trim().toLowerCase();
    if (typed !== word.toLowerCase() && typed !== "yes") {
      process.stdout.write(t("reset.nothingErased") + "\n");
      return 1;
    }
  }
  const { saved, notice } = updateProgress((p) => {
    const fresh = emptyProgress();
    p.lessons = fresh.lessons;
    p.exercises = fresh.exercises;
  });
  if (!saved) throw new UserError(notice ?? t("reset.notSaved"));
  if (notice) process.stderr.write(`socket-tutor: ${notice}\n`);
  process.stdout.write(t("reset.allDone") + "\n");
  return 0;
}
