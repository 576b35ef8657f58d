import { createInterface } from "node:readline/promises";
import { updateProgress, progressFile, emptyProgress } from "../progress/store.js";
import { parseCommandArgs } from "./args.js";
import { helpText, loadContext, requireLesson } from "./context.js";
import { UserError } from "./errors.js";

/** When the reason was already given (the note above): progress is not being saved this run. */
const NOT_SAVED = "nothing was reset: your progress file cannot be used this run (see the note above).";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("reset", argv, { yes: { type: "boolean", short: "y" } });
  if (values.help) {
    process.stdout.write(
      helpText("reset [<lesson>] [--yes]", "Forget your progress in one lesson, or (with no lesson) everything: lessons and exercises.", [
        "Resetting everything asks first; --yes skips the question (for scripts).",
      ]),
    );
    return 0;
  }
  const { lessons } = loadContext();
  if (positionals[0]) {
    const lesson = requireLesson(lessons, positionals[0], "reset");
    const { saved, notice } = updateProgress((p) => {
      delete p.lessons[lesson.meta.id];
    });
    if (!saved) throw new UserError(notice ?? NOT_SAVED);
    if (notice) process.stderr.write(`socket-tutor: ${notice}\n`);
    process.stdout.write(`Progress in lesson ${lesson.meta.order}, ${lesson.meta.title}, is reset.\n`);
    return 0;
  }
  if (!values.yes) {
    if (!process.stdin.isTTY) throw new UserError("resetting all progress needs a confirmation: run it in a terminal, or add --yes.");
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    let answer = "";
    try {
      answer = await rl.question(`Erase all progress (every lesson and exercise) in ${progressFile()}? Type 'yes' to confirm: `);
    } finally {
      rl.close();
    }
    if (answer.trim().toLowerCase() !== "yes") {
      process.stdout.write("Nothing was erased.\n");
      return 1;
    }
  }
  const { saved, notice } = updateProgress((p) => {
    const fresh = emptyProgress();
    p.lessons = fresh.lessons;
    p.exercises = fresh.exercises;
  });
  if (!saved) throw new UserError(notice ?? NOT_SAVED);
  if (notice) process.stderr.write(`socket-tutor: ${notice}\n`);
  process.stdout.write("All progress is erased. Your settings are kept.\n");
  return 0;
}
