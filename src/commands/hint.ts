import { claimHint, hintLanguage, seenHints } from "../course/hints.js";
import { readHints, requireExercise } from "../exercises/files.js";
import { hintBody, hintsFor, languageOfFile, type Hint, type HintLanguage } from "../exercises/hints.js";
import { expandTutor } from "../lessons/tokens.js";
import { loadProgress } from "../progress/store.js";
import { renderMarkdown } from "../render/markdown.js";
import { colourEnabled, makeStyle, readingWidth } from "../util/style.js";
import { parseCommandArgs } from "./args.js";
import { commandHelp } from "./registry.js";
import { UsageError, UserError } from "../util/errors.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { tutor } from "../util/invocation.js";
import { wrap } from "../text/wrap.js";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("hint", argv, { seen: { type: "boolean" } });
  if (values.help) {
    process.stdout.write(commandHelp("hint", t("help.hint.text"), [t("help.hint.order"), t("help.hint.file"), t("help.hint.seen")]));
    return 0;
  }
  const ex = requireExercise(positionals[0], "hint");
  const file = positionals[1];
  const fromFile = file === undefined ? undefined : languageOfFile(file);
  if (file !== undefined && !fromFile) throw new UsageError(t("exercise.hint.fileLanguage", { file: escapeTerminal(file) }), "hint");
  const hints = readHints(ex);
  if (hints.length === 0) throw new UserError(t("exercise.hint.none", { id: ex.id }));
  const loaded = loadProgress();
  if (loaded.notice) process.stderr.write(`socket-tutor: ${loaded.notice}\n`);
  const language = hintLanguage(loaded.progress, ex.id, fromFile);
  const colour = colourEnabled();
  const s = makeStyle(colour);
  const width = readingWidth();
  const show = async (h: Hint, n: number, total: number): Promise<void> => {
    const body = await renderMarkdown(expandTutor(hintBody(h, language)), { width, colour });
    process.stdout.write(`${s.bold(t("exercise.hint.title", { n, total, title: h.title }))}\n${body}\n\n`);
  };

  if (values.seen) {
    const seen = seenHints(hints, loaded.progress.exercises[ex.id], language);
    if (seen.length === 0) {
      process.stdout.write(wrap(t("exercise.hint.noneSeen", { id: ex.id, command: tutor(`hint ${ex.id}`) }), width) + "\n");
      return 0;
    }
    const total = countFor(hints, language);
    for (const [i, h] of seen.entries()) await show(h, i + 1, total);
    return 0;
  }
  const claimed = claimHint(ex, hints, language);
  if (!claimed.hint) {
    const seen = seenHints(hints, loaded.progress.exercises[ex.id], language);
    const last = seen[seen.length - 1];
    if (last) await show(last, seen.length, claimed.total);
    if (claimed.notice) process.stderr.write(`socket-tutor: ${claimed.notice}\n`);
    process.stdout.write(s.dim(wrap(t("exercise.hint.wasLast", { seen: tutor(`hint ${ex.id} --seen`), solution: tutor(`solution ${ex.id}`) }), width)) + "\n");
    return 0;
  }
  await show(claimed.hint, claimed.number, claimed.total);
  if (claimed.notice) process.stderr.write(`socket-tutor: ${claimed.notice}\n`);
  // Wrapped like the hint above it: the terminal cut the command mid-word at 80 columns.
  process.stdout.write(s.dim(wrap(claimed.left > 0 ? t("exercise.hint.more", { left: claimed.left, command: tutor(`hint ${ex.id}`) }) : t("exercise.hint.last"), width)) + "\n");
  return 0;
}

function countFor(hints: readonly Hint[], language: HintLanguage): number {
  return hintsFor(hints, language).length;
}
