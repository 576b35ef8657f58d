import type { Context } from "../course/context.js";
import { loadExercises } from "../exercises/catalog.js";
import type { Lesson } from "../lessons/types.js";
import { formatProgress } from "../progress/report.js";
import { lessonStatus, loadProgress, progressFile, progressNotSaved, updateProgress } from "../progress/store.js";
import { progressBar } from "../render/lesson.js";
import { preloadMarkdown } from "../render/markdown.js";
import { onCleanup, restoreTerminal } from "../util/cleanup.js";
import { demoActions } from "./demo-action.js";
import { exerciseActions, openExercise } from "./exercise-action.js";
import { registerActionProvider, registerStepTool, runLesson, type LessonExit } from "./lesson-runner.js";
import { buildMenu, type MenuChoice } from "./menu.js";
import { Pager } from "./pager.js";
import { clearScreen, PromptCancelled, PromptResized, select, styler } from "./prompts.js";
import { finishScreen } from "./summary.js";
import { glossaryTool } from "./glossary-screen.js";
import { currentLanguage, setLanguage, t } from "../text/catalog.js";
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from "../text/language.js";
import { loadCourse } from "../course/context.js";
import { tutorCommand } from "../util/invocation.js";
import { labelled } from "../text/label.js";

function header(ctx: Context): string {
  const s = styler();
  const done = ctx.lessons.filter((l) => lessonStatus(ctx.progress, l.meta.id) === "done").length;
  const lines = [`${s.bold(s.magenta(t("menu.title")))} ${s.dim("·")} ${t("menu.tagline")}`, s.dim(t("menu.status", { bar: progressBar({ done, total: ctx.lessons.length }) }))];
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
  const glossary = glossaryTool(ctx.lessons, ctx.glossary);
  if (glossary) registerStepTool(glossary);
}

/** A lesson, then whichever lesson its summary screen leads to, until the learner goes back to the menu. */
async function walk(first: Lesson, ctx: Context): Promise<Lesson> {
  let lesson = first;
  for (;;) {
    const exit: LessonExit = await runLesson(lesson, ctx.progress, { course: ctx.lessons, finish: finishScreen(ctx.lessons) });
    if (exit.kind === "menu") return lesson;
    const next = ctx.lessons.find((l) => l.meta.id === exit.id);
    if (!next) return lesson;
    lesson = next;
  }
}

/** "Your progress" on a screen of its own, its title kept at the top (paged when it is long). */
async function showProgress(ctx: Context): Promise<void> {
  const s = styler();
  for (;;) {
    const { exercises } = loadExercises();
    const pager = new Pager(() => s.bold(s.magenta(t("menu.progressTitle"))), undefined, t("menu.back"), t("lesson.moreBelow"));
    pager.start();
    try {
      if ((await pager.write(formatProgress(ctx.lessons, exercises, ctx.progress, progressFile(), s), 5)) === "menu") return;
      await select(t("menu.progressTitle"), [{ name: t("menu.back"), value: "back" }], { resizeThrows: true });
      return;
    } catch (err) {
      if (err instanceof PromptResized) continue;
      throw err;
    }
  }
}

/**
 * The language, chosen in the menu: used at once (the course is read again in it)
 * and saved with the progress for the next start.
 */
async function chooseLanguage(ctx: Context): Promise<string | undefined> {
  const now = currentLanguage();
  let picked: Language;
  try {
    picked = await select(t("menu.languagePrompt"), LANGUAGES.map((l) => ({ name: LANGUAGE_NAMES[l], value: l })), { default: isLanguage(now) ? now : "en", resizeThrows: true });
  } catch (err) {
    if (err instanceof PromptResized) return undefined;
    throw err;
  }
  const saved = updateProgress((p) => {
    p.settings.language = picked;
  });
  Object.assign(ctx.progress, saved.progress);
  setLanguage(picked);
  Object.assign(ctx, loadCourse());
  const said = t("menu.languageSaved", { name: LANGUAGE_NAMES[picked] });
  return saved.notice ? `${said}\n${labelled(t("lesson.note"), saved.notice, styler().yellow)}` : said;
}

/** The interactive session: menu → lesson → menu, until the learner quits. */
export async function runMenu(ctx: Context, left?: MenuChoice): Promise<number> {
  prepare(ctx);
  if (ctx.lessons.length === 0) {
    process.stderr.write(t("menu.noLessons") + "\n");
    return 1;
  }
  // The note about the progress file was printed before the first clearScreen(): show it on the menu too.
  let pending: string | undefined = ctx.progressNotice ? labelled(t("lesson.note"), ctx.progressNotice, styler().yellow) : undefined;
  // Where the cursor goes back to: the lesson (or exercise, or line) just left.
  let current: MenuChoice | undefined = left;
  try {
    for (;;) {
      // `verify` in another terminal may have passed an exercise meanwhile.
      const loaded = loadProgress();
      Object.assign(ctx.progress, loaded.progress);
      if (loaded.notice) pending = [`${styler().yellow("note:")} ${loaded.notice}`, pending].filter(Boolean).join("\n");
      clearScreen();
      const top = header(ctx) + "\n" + (pending ? pending + "\n" : "");
      process.stdout.write(top);
      const { exercises } = loadExercises();
      const { items, initial } = buildMenu(ctx.lessons, ctx.progress, styler(), exercises, current);
      const rows = process.stdout.rows ?? 24;
      // Loading the Markdown renderer blocks for ~200 ms (highlight.js): do it once the
      // menu has surely been drawn, while the learner reads it, not before.
      setTimeout(preloadMarkdown, 300).unref();
      let choice: MenuChoice;
      try {
        // The header, the prompt's message, its description and key lines stay on screen.
        choice = await select(t("menu.prompt"), items, { default: initial, pageSize: Math.max(5, rows - top.split("\n").length - 5), resizeThrows: true });
      } catch (err) {
        if (err instanceof PromptResized) {
          current = (err.active as MenuChoice | undefined) ?? current;
          continue;
        }
        throw err;
      }
      pending = undefined;
      current = choice;
      if (choice.kind === "quit") break;
      if (choice.kind === "progress") {
        await showProgress(ctx);
        continue;
      }
      if (choice.kind === "language") {
        pending = await chooseLanguage(ctx);
        continue;
      }
      if (choice.kind === "exercise") {
        await openExercise(choice.id);
        continue;
      }
      const lesson = ctx.lessons.find((l) => l.meta.id === choice.id)!;
      const last = await walk(lesson, ctx);
      current = { kind: "lesson", id: last.meta.id };
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
    const last = await walk(lesson, ctx);
    return runMenu(ctx, { kind: "lesson", id: last.meta.id });
  } catch (err) {
    if (err instanceof PromptCancelled) return goodbye(130);
    throw err;
  }
}

function goodbye(code: number): number {
  const unsaved = progressNotSaved();
  if (unsaved) process.stdout.write(`\n${styler().yellow(t("menu.goodbyeUnsaved", { why: unsaved }))}\n`);
  else process.stdout.write(`\n${styler().dim(t("menu.goodbye", { tutor: tutorCommand() }))}\n`);
  return code;
}
