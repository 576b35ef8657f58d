import type { Context } from "../course/context.js";
import { loadExercises } from "../exercises/catalog.js";
import type { Lesson } from "../lessons/types.js";
import { formatProgress } from "../progress/report.js";
import { lessonStatus, loadProgress, progressFile, progressNotSaved } from "../progress/store.js";
import { preloadMarkdown } from "../render/markdown.js";
import { onCleanup, restoreTerminal } from "../util/cleanup.js";
import { demoActions } from "./demo-action.js";
import { exerciseActions, openExercise } from "./exercise-action.js";
import { registerActionProvider, runLesson } from "./lesson-runner.js";
import { buildMenu } from "./menu.js";
import { clearScreen, PromptCancelled, select, styler } from "./prompts.js";
import { t } from "../text/catalog.js";
import { tutorCommand } from "../util/invocation.js";

function header(ctx: Context): string {
  const s = styler();
  const done = ctx.lessons.filter((l) => lessonStatus(ctx.progress, l.meta.id) === "done").length;
  const lines = [`${s.bold(s.magenta(t("menu.title")))} ${s.dim("·")} ${t("menu.tagline")}`, s.dim(t("menu.status", { done, total: ctx.lessons.length }))];
  if (ctx.problems.length) {
    const files = new Set(ctx.problems.map((p) => p.file)).size;
    lines.push(s.yellow(t("menu.problems", { files, tutor: tutorCommand() })));
  }
  return lines.join("\n") + "\n";
}

let actionsRegistered = false;
function prepare(ctx: Context): void {
  onCleanup(restoreTerminal);
  if (actionsRegistered) return;
  actionsRegistered = true;
  registerActionProvider(demoActions(() => ctx.progress.settings.runtime));
  registerActionProvider(exerciseActions());
}

/** The interactive session: menu → lesson → menu, until the learner quits. */
export async function runMenu(ctx: Context): Promise<number> {
  prepare(ctx);
  if (ctx.lessons.length === 0) {
    process.stderr.write(t("menu.noLessons") + "\n");
    return 1;
  }
  // The note about the progress file was printed before the first clearScreen(): show it on the menu too.
  let pending: string | undefined = ctx.progressNotice ? `${styler().yellow(t("lesson.note"))} ${ctx.progressNotice}` : undefined;
  try {
    for (;;) {
      // `verify` in another terminal may have passed an exercise meanwhile.
      const loaded = loadProgress();
      Object.assign(ctx.progress, loaded.progress);
      if (loaded.notice) pending = [`${styler().yellow("note:")} ${loaded.notice}`, pending].filter(Boolean).join("\n");
      clearScreen();
      process.stdout.write(header(ctx) + "\n");
      if (pending) {
        process.stdout.write(pending + "\n");
        pending = undefined;
      }
      const { exercises } = loadExercises();
      const { items, initial } = buildMenu(ctx.lessons, ctx.progress, styler(), exercises);
      const rows = process.stdout.rows ?? 24;
      // Loading the Markdown renderer blocks for ~200 ms (highlight.js): do it once the
      // menu has surely been drawn, while the learner reads it, not before.
      setTimeout(preloadMarkdown, 300).unref();
      const choice = await select(t("menu.prompt"), items, { default: initial, pageSize: Math.max(5, rows - 8) });
      if (choice.kind === "quit") break;
      if (choice.kind === "progress") {
        pending = formatProgress(ctx.lessons, exercises, ctx.progress, progressFile(), styler());
        continue;
      }
      if (choice.kind === "exercise") {
        await openExercise(choice.id);
        continue;
      }
      const lesson = ctx.lessons.find((l) => l.meta.id === choice.id)!;
      await runLesson(lesson, ctx.progress);
    }
  } catch (err) {
    if (err instanceof PromptCancelled) return goodbye(130);
    throw err;
  }
  return goodbye(0);
}

export async function runSingleLesson(lesson: Lesson, ctx: Context): Promise<number> {
  prepare(ctx);
  try {
    const how = await runLesson(lesson, ctx.progress);
    if (how === "menu") return runMenu(ctx);
  } catch (err) {
    if (err instanceof PromptCancelled) return goodbye(130);
    throw err;
  }
  return goodbye(0);
}

function goodbye(code: number): number {
  const unsaved = progressNotSaved();
  if (unsaved) process.stdout.write(`\n${styler().yellow(t("menu.goodbyeUnsaved", { why: unsaved }))}\n`);
  else process.stdout.write(`\n${styler().dim(t("menu.goodbye", { tutor: tutorCommand() }))}\n`);
  return code;
}
