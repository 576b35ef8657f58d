import { readHints, requireExercise } from "../exercises/files.js";
import { loadProgress, updateProgress } from "../progress/store.js";
import { renderMarkdown } from "../render/markdown.js";
import { colourEnabled, makeStyle, readingWidth } from "../util/style.js";
import { parseCommandArgs } from "./args.js";
import { helpText } from "./context.js";
import { UserError } from "./errors.js";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("hint", argv, { seen: { type: "boolean" } });
  if (values.help) {
    process.stdout.write(
      helpText("hint <exercise> [--seen]", "Show the next hint for an exercise, one at a time; each gives away a little more.", [
        "--seen  show again the hints you have already seen, without a new one",
      ]),
    );
    return 0;
  }
  const ex = requireExercise(positionals[0], "hint");
  const hints = readHints(ex);
  if (hints.length === 0) throw new UserError(`the exercise '${ex.id}' has no hints (its hints.md is missing or empty)`);
  const colour = colourEnabled();
  const s = makeStyle(colour);
  const width = readingWidth();
  const show = async (i: number): Promise<void> => {
    const h = hints[i]!;
    process.stdout.write(`${s.bold(`Hint ${i + 1} of ${hints.length}: ${h.title}`)}\n${await renderMarkdown(h.body, { width, colour })}\n\n`);
  };

  if (values.seen) {
    const loaded = loadProgress();
    if (loaded.notice) process.stderr.write(`socket-tutor: ${loaded.notice}\n`);
    const seen = Math.min(loaded.progress.exercises[ex.id]?.hintsShown ?? 0, hints.length);
    if (seen === 0) {
      process.stdout.write(`No hints seen yet for ${ex.id}. Get the first: socket-tutor hint ${ex.id}\n`);
      return 0;
    }
    for (let i = 0; i < seen; i++) await show(i);
    return 0;
  }
  // The next hint is claimed inside the progress lock: runs at the same time each get their own.
  const { value: claimed, notice } = updateProgress((p) => {
    const e = (p.exercises[ex.id] ??= { passed: false, attempts: 0, hintsShown: 0 });
    const next = Math.min(e.hintsShown, hints.length);
    if (next < hints.length) e.hintsShown = next + 1;
    return next;
  });
  if (claimed >= hints.length) {
    await show(hints.length - 1);
    if (notice) process.stderr.write(`socket-tutor: ${notice}\n`);
    process.stdout.write(s.dim(`That was the last hint. All of them: socket-tutor hint ${ex.id} --seen. The reference solutions: socket-tutor solution ${ex.id}\n`));
    return 0;
  }
  await show(claimed);
  if (notice) process.stderr.write(`socket-tutor: ${notice}\n`);
  const left = hints.length - claimed - 1;
  process.stdout.write(s.dim(left > 0 ? `${left} more ${left === 1 ? "hint" : "hints"}: run 'socket-tutor hint ${ex.id}' again when you need the next.\n` : `That was the last hint.\n`));
  return 0;
}
