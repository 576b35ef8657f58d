import type { Quiz } from "../lessons/types.js";
import { indented, inlineMarkdown, LETTERS } from "../render/quiz.js";
import { wrap } from "../text/wrap.js";
import { renderMarkdown } from "../render/markdown.js";
import { expandTutor } from "../lessons/tokens.js";
import { t } from "../text/catalog.js";
import { colourEnabled, terminalWidth } from "../util/style.js";
import { lineCount } from "./pager.js";
import { select, styler } from "./prompts.js";

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
  /** What was printed, to draw the answered quiz again (after a resize) without asking it twice. */
  text: string;
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
  const question = quiz.question.split("\n").reduce((n, l) => n + Math.max(1, Math.ceil(l.length / width)), 0);
  const choices = quiz.choices.reduce((n, c) => n + Math.max(1, Math.ceil((c.text.length + 5) / width)), 0);
  return 1 + question + 2 + choices + 3;
}

/** Asks until the right answer (or "show me"), printing each verdict. */
export async function askQuiz(quiz: Quiz, width: number): Promise<QuizOutcome> {
  const s = styler();
  const colour = colourEnabled();
  const cols = Math.min(width, terminalWidth());
  const opts = { width: cols, colour };
  const head = await header(quiz, cols, colour);
  process.stdout.write(head);
  let printed = head;
  const names = await Promise.all(quiz.choices.map(async (c, i) => `${LETTERS[i]}) ${await inlineMarkdown(c.text, colour)}`));
  const tried = new Set<number>();
  for (let attempt = 1; ; attempt++) {
    const left = quiz.choices.map((_, i) => i).filter((i) => !tried.has(i));
    const items = left.map((i) => ({ name: names[i]!, value: i }));
    if (attempt > 1) items.push({ name: t("lesson.quiz.showAnswer"), value: SHOW });
    const answer = await select<number>(attempt === 1 ? t("lesson.quiz.prompt") : t("lesson.quiz.again"), items, { pageSize: Math.max(4, items.length * 2) });
    if (answer === SHOW) {
      const right = quiz.choices.findIndex((c) => c.correct);
      const out = `${wrap(`${s.bold(t("lesson.quiz.answer"))} ${names[right]!}`, cols, "   ")}\n${await indented(quiz.choices[right]!.explanation, opts, "   ")}\n\n`;
      process.stdout.write(out);
      printed += out;
      return { tries: 0, rows: lineCount(printed), text: printed };
    }
    const chosen = quiz.choices[answer]!;
    // The verdict, the choice as chosen, then why: each on its own lines, indented under the mark.
    const mark = chosen.correct ? s.bold(s.green(t("lesson.quiz.right"))) : s.bold(s.red(t("lesson.quiz.wrong")));
    const out = `${wrap(`${mark} ${names[answer]!}`, cols, "   ")}\n${await indented(chosen.explanation, opts, "   ")}\n\n`;
    process.stdout.write(out);
    printed += out;
    if (chosen.correct) return { tries: attempt, rows: lineCount(printed), text: printed };
    tried.add(answer);
  }
}
