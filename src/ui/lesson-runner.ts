import type { Block, Lesson } from "../lessons/types.js";
import { lessonStatus, updateProgress, type Progress, type Runtime } from "../progress/store.js";
import { blockAsMarkdown, stepHeader, type CodePreference, type CourseProgress } from "../render/lesson.js";
import { renderMarkdown } from "../render/markdown.js";
import { colourEnabled, readingWidth } from "../util/style.js";
import { which } from "../util/which.js";
import { Pager } from "./pager.js";
import { clearScreen, PromptResized, select, styler, type Choice } from "./prompts.js";
import { askQuiz, quizRows, type QuizState } from "./quiz.js";
import { t } from "../text/catalog.js";

/** How a lesson walk ended: back to the menu, or on to another lesson from the summary. */
export type LessonExit = { kind: "menu" } | { kind: "lesson"; id: string };

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

/** Screens the step prompt can open and come back from (the glossary), registered like the actions. */
export interface StepTool {
  label: string;
  description?: string;
  run: (lesson: Lesson) => Promise<void>;
}
const tools: StepTool[] = [];
export function registerStepTool(tool: StepTool): void {
  tools.push(tool);
}

/**
 * What comes after the last step: the lesson-finished summary. Provided by the session,
 * which knows the whole course; without one, finishing goes back to the menu.
 */
export type FinishScreen = (lesson: Lesson, progress: Progress) => Promise<LessonExit>;

export function preferredRuntime(progress: Progress): Runtime {
  return progress.settings.runtime ?? (which("python3") ? "python" : "node");
}

function codeLanguage(runtime: Runtime): CodePreference {
  return runtime === "python" ? "python" : "javascript";
}

type Nav = { kind: "next" } | { kind: "back" } | { kind: "menu" } | { kind: "finish" } | { kind: "language" } | { kind: "action"; index: number } | { kind: "tool"; index: number };

/** The same choice in a freshly built list (inquirer finds the default by identity). */
function sameNav(items: readonly Choice<Nav>[], want: Nav | undefined): Nav | undefined {
  if (!want) return undefined;
  return items.find((i) => i.value.kind === want.kind && ("index" in want ? "index" in i.value && i.value.index === want.index : true))?.value;
}

export interface LessonOptions {
  /** The whole course, for the header's progress bar. */
  course?: readonly Lesson[];
  finish?: FinishScreen;
}

/** Walks a lesson from the saved step; saves the step each time one is shown. */
export async function runLesson(lesson: Lesson, progress: Progress, options: LessonOptions = {}): Promise<LessonExit> {
  const saved = progress.lessons[lesson.meta.id];
  let index = saved && !saved.completed ? Math.min(saved.step, lesson.steps.length - 1) : 0;
  let runtime = preferredRuntime(progress);
  const s = styler();
  /** The choice the cursor starts on: after a demo or an exercise, the way on, not the same action again. */
  let preferred: Nav | undefined;
  /** The answers given on this visit to the step: a redraw (a resize) shows them again, and asks on from there. */
  let answered = new Map<number, QuizState>();
  let shownIndex = -1;

  for (;;) {
    if (index !== shownIndex) {
      answered = new Map();
      shownIndex = index;
      saveStep(lesson, index, progress);
    }
    const step = lesson.steps[index]!;
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
    const onward: Choice<Nav> = last
      ? { name: t("lesson.finish"), value: { kind: "finish" } }
      : { name: t("lesson.next", { title: lesson.steps[index + 1]!.title }), value: { kind: "next" } };
    items.push(onward);
    if (index > 0) items.push({ name: t("lesson.back", { title: lesson.steps[index - 1]!.title }), value: { kind: "back" } });
    if (hasCode) items.push({ name: runtime === "python" ? t("lesson.showJavaScript") : t("lesson.showPython"), value: { kind: "language" } });
    tools.forEach((tool, i) => items.push({ name: tool.label, value: { kind: "tool", index: i }, ...(tool.description ? { description: tool.description } : {}) }));
    items.push({ name: t("lesson.menu"), value: { kind: "menu" } });
    // The step prompt: its message, the choices, a description line, the key help.
    const promptRows = items.length + 4;
    const course = courseProgress(options.course, progress);

    let nav: Nav;
    try {
      const shown = await showStep(lesson, index, opts, course, promptRows, answered, progress);
      if (shown === "menu") return { kind: "menu" };
      nav = await select<Nav>(s.dim(t("lesson.stepOf", { step: index + 1, steps: lesson.steps.length })), items, {
        default: sameNav(items, preferred) ?? items[0]!.value,
        pageSize: items.length,
        resizeThrows: true,
      });
    } catch (err) {
      // A new width: the step is drawn again, re-flowed, the cursor where it was.
      if (err instanceof PromptResized) {
        preferred = (err.active as Nav | undefined) ?? preferred;
        continue;
      }
      throw err;
    }
    preferred = undefined;
    switch (nav.kind) {
      case "next":
        index++;
        break;
      case "back":
        index--;
        break;
      case "menu":
        return { kind: "menu" };
      case "language":
        runtime = runtime === "python" ? "node" : "python";
        saveRuntime(runtime, progress);
        preferred = { kind: "language" };
        break;
      case "action": {
        const action = actions[nav.index]!;
        await action.run(lesson, action.block);
        preferred = onward.value;
        break;
      }
      case "tool":
        await tools[nav.index]!.run(lesson);
        preferred = nav;
        break;
      case "finish":
        finishLesson(lesson, progress);
        if (options.finish) return options.finish(lesson, progress);
        clearScreen();
        process.stdout.write(`${s.green("✓")} ${s.bold(t("lesson.done", { order: lesson.meta.order, title: lesson.meta.title }))}\n\n`);
        return { kind: "menu" };
    }
  }
}

function courseProgress(course: readonly Lesson[] | undefined, progress: Progress): CourseProgress | undefined {
  if (!course || course.length === 0) return undefined;
  return { done: course.filter((l) => lessonStatus(progress, l.meta.id) === "done").length, total: course.length };
}

/**
 * The step's text a screenful at a time, its quizzes asked in place. Returns "menu" when the
 * learner left at a "more" prompt; a resize throws PromptResized for the caller to draw it again.
 */
async function showStep(
  lesson: Lesson,
  index: number,
  opts: { width: number; colour: boolean; codeLanguage: CodePreference },
  course: CourseProgress | undefined,
  promptRows: number,
  answered: Map<number, QuizState>,
  progress: Progress,
): Promise<"ok" | "menu"> {
  const s = styler();
  const step = lesson.steps[index]!;
  const pager = new Pager((continued) => stepHeader(lesson, index, opts, course) + (continued ? s.dim(t("lesson.continued")) : ""));
  pager.start();
  for (let b = 0; b < step.blocks.length; b++) {
    const block = step.blocks[b]!;
    const next = step.blocks[b + 1];
    if (block.kind === "quiz") {
      const need = quizRows(block.quiz, opts.width);
      if ((await pager.room(need)) === "menu") return "menu";
      let state = answered.get(b);
      if (!state) answered.set(b, (state = { picks: [] }));
      const before = state.picks.length;
      const outcome = await askQuiz(block.quiz, opts.width, state);
      // Scored when answered, not when drawn again.
      if (state.picks.length > before) saveQuiz(lesson, quizNumber(lesson, index, b), outcome.tries, progress);
      pager.advance(outcome.rows);
      continue;
    }
    const text = (await renderMarkdown(blockAsMarkdown(block, lesson, opts), opts)) + "\n";
    const reserve = next?.kind === "quiz" ? Math.min(quizRows(next.quiz, opts.width), 8) : next ? 0 : promptRows;
    if ((await pager.write(text, reserve)) === "menu") return "menu";
  }
  return "ok";
}

/** Quizzes are numbered in the lesson's order, from 1: the key of their score in progress. */
export function quizNumber(lesson: Lesson, stepIndex: number, blockIndex: number): number {
  let n = 0;
  for (const [si, step] of lesson.steps.entries()) {
    for (const [bi, block] of step.blocks.entries()) {
      if (block.kind !== "quiz") continue;
      n++;
      if (si === stepIndex && bi === blockIndex) return n;
    }
  }
  return n;
}

/** The first answer counts: trying a quiz again later (on a second walk) does not change the lesson's score. */
function saveQuiz(lesson: Lesson, n: number, tries: number, progress: Progress): void {
  const { progress: fresh, notice } = updateProgress((p) => {
    const l = (p.lessons[lesson.meta.id] ??= { step: 0, completed: false, updatedAt: new Date().toISOString() });
    const quizzes = (l.quizzes ??= {});
    if (quizzes[String(n)] === undefined) quizzes[String(n)] = tries;
  });
  Object.assign(progress, fresh);
  warnOnce(notice);
}

function saveStep(lesson: Lesson, index: number, progress: Progress): void {
  const { progress: fresh, notice } = updateProgress((p) => {
    const prev = p.lessons[lesson.meta.id];
    p.lessons[lesson.meta.id] = { ...prev, step: index, completed: prev?.completed ?? false, updatedAt: new Date().toISOString() };
  });
  Object.assign(progress, fresh);
  warnOnce(notice);
}

function finishLesson(lesson: Lesson, progress: Progress): void {
  const { progress: fresh, notice } = updateProgress((p) => {
    const prev = p.lessons[lesson.meta.id];
    p.lessons[lesson.meta.id] = { ...prev, step: lesson.steps.length - 1, completed: true, updatedAt: new Date().toISOString() };
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
