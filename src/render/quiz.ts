import { displayWidth } from "../text/width.js";
import type { Quiz, QuizChoice } from "../lessons/types.js";
import { expandTutor } from "../lessons/tokens.js";
import { t } from "../text/catalog.js";
import { makeStyle } from "../util/style.js";
import { renderMarkdown, type RenderOptions } from "./markdown.js";

/**
 * A quiz as terminal text, for `show` and for the interactive quiz alike: the choices'
 * inline Markdown rendered (no raw backticks), each explanation on lines of its own,
 * indented under its choice, so a choice never runs into its explanation.
 */

export const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** One line of inline Markdown (a choice), without wrapping: the caller places it. */
export async function inlineMarkdown(text: string, colour: boolean): Promise<string> {
  return (await renderMarkdown(expandTutor(text), { width: 100_000, colour })).replace(/\s*\n\s*/g, " ");
}

/** Markdown wrapped to `width - indent`, every line indented. */
export async function indented(markdown: string, opts: RenderOptions, indent: string): Promise<string> {
  const text = await renderMarkdown(expandTutor(markdown), { ...opts, width: Math.max(20, opts.width - displayWidth(indent)) });
  return text.split("\n").map((l) => (l ? indent + l : l)).join("\n");
}

/** "a) The local address…", wrapped, continuation lines under the text. */
export async function choiceLine(choice: QuizChoice, index: number, opts: RenderOptions, suffix = ""): Promise<string> {
  const label = `${LETTERS[index]}) `;
  const text = await indented(`${choice.text}${suffix}`, opts, " ".repeat(label.length));
  return label + text.slice(label.length);
}

/** The quiz printed whole: the question, every choice, and with `answers` which is right and why each is right or wrong. */
export async function renderQuizText(quiz: Quiz, opts: RenderOptions, answers: boolean): Promise<string> {
  const s = makeStyle(opts.colour);
  const out: string[] = [`${s.bold(t("render.quizHeading"))}`, await renderMarkdown(expandTutor(quiz.question), opts), ""];
  for (const [i, c] of quiz.choices.entries()) {
    out.push(await choiceLine(c, i, opts, answers && c.correct ? ` ${t("render.correct")}` : ""));
    if (answers) {
      const mark = c.correct ? s.green(t("render.rightMark")) : s.red(t("render.wrongMark"));
      const why = await indented(c.explanation, opts, "     ");
      out.push(`   ${mark} ${why.slice(5)}`);
    }
    if (answers) out.push("");
  }
  return out.join("\n").replace(/\n+$/, "");
}
