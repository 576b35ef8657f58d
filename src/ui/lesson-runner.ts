import type { Block, Lesson, Quiz } from "../lessons/types.js";
import { updateProgress, type Progress, type Runtime } from "../progress/store.js";
import { blockAsMarkdown, stepHeader, type CodePreference } from "../render/lesson.js";
import { renderMarkdown } from "../render/markdown.js";
import { colourEnabled, readingWidth, terminalWidth } from "../util/style.js";
import { which } from "../util/which.js";
import { lineCount, Pager } from "./pager.js";
import { clearScreen, select, styler, type Choice } from "./prompts.js";
import { t } from "../text/catalog.js";

export type LessonExit = "menu" | "finished";

/** What a step offers besides next/back: running its demo, starting its exercise. */
export interface StepAction {
  label: string;
  description?: string;
  run: (lesson: Lesson, block: Block) => Promise<void>;
  block: Block;
}

/**
 * Demo and exercise blocks become actions once their features provide a runner.
 * Registered from outside so this module does not load those features up front.
 */
export type ActionProvider = (lesson: Lesson, block: Block) => StepAction | undefined;
const providers: ActionProvider[] = [];
export function registerActionProvider(p: ActionProvider): void {
  providers.push(p);
}

export function preferredRuntime(progress: Progress): Runtime {
  return progress.settings.runtime ?? (which("python3") ? "python" : "node");
}

function codeLanguage(runtime: Runtime): CodePreference {
  return runtime === "python" ? "python" : "javascript";
}

type Nav = { kind: "next" } | { kind: "back" } | { kind: "menu" } | { kind: "finish" } | { kind: "language" } | { kind: "action"; index: number };

/** Walks a lesson from the saved step; saves the step each time one is shown. */
export async function runLesson(lesson: Lesson, progress: Progress): Promise<LessonExit> {
  const saved = progress.lessons[lesson.meta.id];
  let index = saved && !saved.completed ? Math.min(saved.step, lesson.steps.length - 1) : 0;
  let runtime = preferredRuntime(progress);
  const s = styler();

  for (;;) {
    const step = lesson.steps[index]!;
    saveStep(lesson, index, progress);
    const opts = { width: readingWidth(), colour: colourEnabled(), codeLanguage: codeLanguage(runtime) };
    const actions: StepAction[] = [];
    for (const block of step.blocks) {
      for (const provide of providers) {
        const action = provide(lesson, block);
        if (action) actions.push(action);
      }
    }

    const last = index === lesson.steps.length - 1;
    const hasCode = step.blocks.some((b) => b.kind === "code" && b.files.some((f) => f.language !== codeLanguage(runtime)));
    const items: Choice<Nav>[] = actions.map((a, i) => ({ name: a.label, value: { kind: "action", index: i }, ...(a.description ? { description: a.description } : {}) }));
    items.push(
      last
        ? { name: t("lesson.finish"), value: { kind: "finish" } }
        : { name: t("lesson.next", { title: lesson.steps[index + 1]!.title }), value: { kind: "next" } },
    );
    if (index > 0) items.push({ name: t("lesson.back", { title: lesson.steps[index - 1]!.title }), value: { kind: "back" } });
    if (hasCode) items.push({ name: runtime === "python" ? t("lesson.showJavaScript") : t("lesson.showPython"), value: { kind: "language" } });
    items.push({ name: t("lesson.menu"), value: { kind: "menu" } });
    // The step prompt: its message, the choices, a description line, the key help.
    const promptRows = items.length + 4;

    const stepIndex = index;
    const pager = new Pager((continued) => stepHeader(lesson, stepIndex, opts) + (continued ? s.dim(t("lesson.continued")) : ""));
    pager.start();
    let left = false;
    for (let b = 0; b < step.blocks.length && !left; b++) {
      const block = step.blocks[b]!;
      const next = step.blocks[b + 1];
      if (block.kind === "quiz") {
        const need = quizRows(block.quiz, opts.width);
        if ((await pager.room(need)) === "menu") left = true;
        else pager.advance(await askQuiz(block.quiz, opts.width));
        continue;
      }
      const text = (await renderMarkdown(blockAsMarkdown(block, lesson, opts), opts)) + "\n";
      const reserve = next?.kind === "quiz" ? Math.min(quizRows(next.quiz, opts.width), 8) : next ? 0 : promptRows;
      if ((await pager.write(text, reserve)) === "menu") left = true;
    }
    if (left) return "menu";

    const nav = await select<Nav>(s.dim(t("lesson.stepOf", { step: index + 1, steps: lesson.steps.length })), items, { default: items[0]!.value, pageSize: items.length });
    switch (nav.kind) {
      case "next":
        index++;
        break;
      case "back":
        index--;
        break;
      case "menu":
        return "menu";
      case "language":
        runtime = runtime === "python" ? "node" : "python";
        saveRuntime(runtime, progress);
        break;
      case "action": {
        const action = actions[nav.index]!;
        await action.run(lesson, action.block);
        break;
      }
      case "finish":
        finishLesson(lesson, progress);
        clearScreen();
        process.stdout.write(`${s.green("✓")} ${s.bold(t("lesson.done", { order: lesson.meta.order, title: lesson.meta.title }))}\n\n`);
        return "finished";
    }
  }
}

/** Rows a quiz needs before it is answered: "Quiz", the question, the choices and the prompt's help. */
function quizRows(quiz: Quiz, width: number): number {
  const question = quiz.question.split("\n").reduce((n, l) => n + Math.max(1, Math.ceil(l.length / width)), 0);
  return 1 + question + 2 + quiz.choices.length + 3;
}

/** Asks a quiz and says whether the answer was right and why; returns the rows it printed. */
async function askQuiz(quiz: Quiz, width: number): Promise<number> {
  const s = styler();
  const colour = colourEnabled();
  const question = await renderMarkdown(quiz.question, { width, colour });
  process.stdout.write(`${s.bold(s.magenta(t("lesson.quiz")))}\n${question}\n\n`);
  // The choices as given: the author orders them, and shuffling would break "resume" screenshots.
  const indexes = quiz.choices.map((_, i) => i);
  const answer = await select<number>(
    t("lesson.quiz.prompt"),
    indexes.map((i) => ({ name: quiz.choices[i]!.text, value: i })),
    { pageSize: Math.max(4, quiz.choices.length) },
  );
  const chosen = quiz.choices[answer]!;
  const right = quiz.choices.find((c) => c.correct)!;
  const cols = Math.min(width, terminalWidth());
  // Rendered as one paragraph so the verdict and its reason wrap together; coloured afterwards.
  const verdict = async (label: string, paint: (t: string) => string, text: string): Promise<string> =>
    (await renderMarkdown(`${label} ${text}`, { width: cols, colour })).replace(label, paint(label));
  let out: string;
  if (chosen.correct) {
    out = `${await verdict(t("lesson.quiz.right"), (x) => s.bold(s.green(x)), chosen.explanation)}\n\n`;
  } else {
    out = `${await verdict(t("lesson.quiz.wrong"), (x) => s.bold(s.red(x)), chosen.explanation)}\n`;
    out += `${await verdict(t("lesson.quiz.answer"), s.bold, t("lesson.quiz.answerText", { answer: right.text, why: right.explanation }))}\n\n`;
  }
  process.stdout.write(out);
  // "Quiz", the question, a blank line, the answered prompt, then the verdict.
  return 1 + lineCount(question + "\n") + 2 + lineCount(out);
}

function saveStep(lesson: Lesson, index: number, progress: Progress): void {
  const { progress: fresh, notice } = updateProgress((p) => {
    const prev = p.lessons[lesson.meta.id];
    p.lessons[lesson.meta.id] = { step: index, completed: prev?.completed ?? false, updatedAt: new Date().toISOString() };
  });
  Object.assign(progress, fresh);
  warnOnce(notice);
}

function finishLesson(lesson: Lesson, progress: Progress): void {
  const { progress: fresh, notice } = updateProgress((p) => {
    p.lessons[lesson.meta.id] = { step: lesson.steps.length - 1, completed: true, updatedAt: new Date().toISOString() };
  });
  Object.assign(progress, fresh);
  warnOnce(notice);
}

function saveRuntime(runtime: Runtime, progress: Progress): void {
  const { progress: fresh, notice } = updateProgress((p) => {
    p.settings.runtime = runtime;
  });
  Object.assign(progress, fresh);
  warnOnce(notice);
}

let warned = false;
function warnOnce(notice: string | undefined): void {
  if (!notice || warned) return;
  warned = true;
  process.stderr.write(`${styler().yellow(t("lesson.note"))} ${notice}\n`);
}
