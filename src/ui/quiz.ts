import type { Quiz } from "../lessons/types.js";
import { indented, inlineMarkdown, LETTERS } from "../render/quiz.js";
import { wrap, wrapLines } from "../text/wrap.js";
import { renderMarkdown } from "../render/markdown.js";
import { expandTutor } from "../lessons/tokens.js";
import { t } from "../text/catalog.js";
import { colourEnabled, terminalWidth } from "../util/style.js";
import { lineCount } from "./pager.js";
import { select, styler } from "./prompts.js";
import { labelled } from "../text/label.js";

/**
 * A quiz in the lesson walk. A wrong answer is explained (why that choice is wrong) and
 * the learner tries again with the choices left, or asks for the answer; the right one
 * is confirmed with why it is right. What was chosen is printed in the tutor's words:
 * the prompt's own "✔ answer" line is cleared, so no green tick stands above a wrong answer.
 */

export interface QuizOutcome {
  /** How many answers it took to reach the right one; 0: the learner asked for it. */
  tries: number;
  /** Rows printed, the question included, for the pager. */
  rows: number;
}

/**
 * The answers given so far, in order (SHOW: "show me the answer"). Kept by the caller
 * while the learner is on the step, so a redraw (a resize) prints them again at the new
 * width and goes on asking where the learner was, never from the start.
 */
export interface QuizState {
  picks: number[];
}

const SHOW = -1;

/** The question as printed above the choices. */
async function header(quiz: Quiz, width: number, colour: boolean): Promise<string> {
  const s = styler();
  const question = await renderMarkdown(expandTutor(quiz.question), { width, colour });
  return `${s.bold(s.magenta(t("lesson.quiz")))}\n${question}\n\n`;
}

/** Rows a quiz needs before it is answered: "Quiz", the question, the choices and the prompt's help. */
export function quizRows(quiz: Quiz, width: number): number {
  // By display width: a Chinese question takes two columns a character.
  const question = wrapLines(quiz.question, width).length;
  const choices = quiz.choices.reduce((n, c) => n + wrapLines(`  ❯ ${c.text}`, width, "    ").length, 0);
  return 1 + question + 2 + choices + 3;
}

/** Asks until the right answer (or "show me"), printing each verdict. A resize throws PromptResized (the answers so far are in `state`). */
export async function askQuiz(quiz: Quiz, width: number, state: QuizState): Promise<QuizOutcome> {
  const s = styler();
  const colour = colourEnabled();
  const cols = Math.min(width, terminalWidth());
  const opts = { width: cols, colour };
  const head = await header(quiz, cols, colour);
  process.stdout.write(head);
  let printed = head;
  const names = await Promise.all(quiz.choices.map(async (c, i) => `${LETTERS[i]}) ${await inlineMarkdown(c.text, colour)}`));
  const right = quiz.choices.findIndex((c) => c.correct);
  /** The verdict on one answer: the mark, the choice as chosen, then why, indented under the mark. */
  const verdict = async (pick: number): Promise<string> => {
    if (pick === SHOW) return `${wrap(labelled(t("lesson.quiz.answer"), names[right]!, s.bold), cols, "   ")}\n${await indented(quiz.choices[right]!.explanation, opts, "   ")}\n\n`;
    const chosen = quiz.choices[pick]!;
    const mark = chosen.correct ? t("lesson.quiz.right") : t("lesson.quiz.wrong");
    const markStyle = (x: string): string => s.bold(chosen.correct ? s.green(x) : s.red(x));
    return `${wrap(labelled(mark, names[pick]!, markStyle), cols, "   ")}\n${await indented(chosen.explanation, opts, "   ")}\n\n`;
  };
  const finished = (): QuizOutcome | undefined => {
    const last = state.picks[state.picks.length - 1];
    if (last === SHOW) return { tries: 0, rows: lineCount(printed) };
    if (last !== undefined && quiz.choices[last]!.correct) return { tries: state.picks.length, rows: lineCount(printed) };
    return undefined;
  };
  for (const pick of state.picks) {
    const out = await verdict(pick);
    process.stdout.write(out);
    printed += out;
  }
  for (;;) {
    const done = finished();
    if (done) return done;
    const left = quiz.choices.map((_, i) => i).filter((i) => !state.picks.includes(i));
    const items = left.map((i) => ({ name: names[i]!, value: i }));
    if (state.picks.length > 0) items.push({ name: t("lesson.quiz.showAnswer"), value: SHOW });
    const answer = await select<number>(state.picks.length === 0 ? t("lesson.quiz.prompt") : t("lesson.quiz.again"), items, { pageSize: Math.max(4, items.length * 2), resizeThrows: true });
    state.picks.push(answer);
    const out = await verdict(answer);
    process.stdout.write(out);
    printed += out;
  }
}
