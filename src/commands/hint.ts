import { readHints, requireExercise } from "../exercises/files.js";
import { loadProgress, updateProgress } from "../progress/store.js";
import { renderMarkdown } from "../render/markdown.js";
import { colourEnabled, makeStyle, readingWidth } from "../util/style.js";
import { parseCommandArgs } from "./args.js";
import { commandHelp } from "./registry.js";
import { UserError } from "../util/errors.js";
import { t } from "../text/catalog.js";
import { tutor } from "../util/invocation.js";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("hint", argv, { seen: { type: "boolean" } });
  if (values.help) {
    process.stdout.write(
      commandHelp("hint", t("help.hint.text"), [t("help.hint.seen")]),
    );
    return 0;
  }
  const ex = requireExercise(positionals[0], "hint");
  const hints = readHints(ex);
  if (hints.length === 0) throw new UserError(t("exercise.hint.none", { id: ex.id }));
  const colour = colourEnabled();
  const s = makeStyle(colour);
  const width = readingWidth();
  const show = async (i: number): Promise<void> => {
    const h = hints[i]!;
    process.stdout.write(`${s.bold(t("exercise.hint.title", { n: i + 1, total: hints.length, title: h.title }))}\n${await renderMarkdown(h.body, { width, colour })}\n\n`);
  };

  if (values.seen) {
    const loaded = loadProgress();
    if (loaded.notice) process.stderr.write(`socket-tutor: ${loaded.notice}\n`);
    const seen = Math.min(loaded.progress.exercises[ex.id]?.hintsShown ?? 0, hints.length);
    if (seen === 0) {
      process.stdout.write(t("exercise.hint.noneSeen", { id: ex.id, command: tutor(`hint ${ex.id}`) }) + "\n");
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
    process.stdout.write(s.dim(t("exercise.hint.wasLast", { seen: tutor(`hint ${ex.id} --seen`), solution: tutor(`solution ${ex.id}`) })) + "\n");
    return 0;
  }
  await show(claimed);
  if (notice) process.stderr.write(`socket-tutor: ${notice}\n`);
  const left = hints.length - claimed - 1;
  process.stdout.write(s.dim(left > 0 ? t("exercise.hint.more", { left, command: tutor(`hint ${ex.id}`) }) : t("exercise.hint.last")) + "\n");
  return 0;
}
