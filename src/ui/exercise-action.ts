import { existsSync } from "node:fs";
import path from "node:path";
import { formatCheck, formatSummary } from "../check/report.js";
import type { VerifyReport } from "../check/types.js";
import { claimHint, hintLanguage, seenHints } from "../course/hints.js";
import { loadExercises, type ExerciseInfo } from "../exercises/catalog.js";
import { codeFiles, learnerFileName, readHints, SOLUTION_HEADER } from "../exercises/files.js";
import { hintBody, hintsFor, type Hint, type HintLanguage } from "../exercises/hints.js";
import { writeStarters, type StartersWritten } from "../exercises/starters.js";
import { expandTutor } from "../lessons/tokens.js";
import { exerciseStatus, loadProgress, type ExerciseProgress } from "../progress/store.js";
import { renderMarkdown } from "../render/markdown.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { displayWidth, padEnd } from "../text/width.js";
import { wrap } from "../text/wrap.js";
import { UserError } from "../util/errors.js";
import { learnerCwd } from "../util/invocation.js";
import { colourEnabled, readingWidth, terminalWidth, type Styler } from "../util/style.js";
import { runChecks } from "./exercise-run.js";
import { watchFile } from "./file-watch.js";
import type { ActionProvider } from "./lesson-runner.js";
import { Pager, rowCount } from "./pager.js";
import { clearScreen, PromptAborted, PromptResized, select, styler, type Choice } from "./prompts.js";
import { listOf } from "../text/list.js";

/**
 * In a lesson (and in the menu), an exercise becomes its own screen: the task, the
 * starter files written into the learner's folder (never over their work), and from
 * there, without another terminal: check the file (the report `verify` prints), watch it
 * and check again on every save, the next hint (for what failed), the solution once passed.
 */
export function exerciseActions(): ActionProvider {
  return (_lesson, block) => {
    if (block.kind !== "exercise") return undefined;
    const status = exerciseStatus(loadProgress().progress, block.exercise);
    const id = block.exercise;
    return {
      label: status === "done" ? t("lesson.exercise.again", { id }) : status === "in progress" ? t("lesson.exercise.back", { id }) : t("lesson.exercise.start", { id }),
      description: t("lesson.exercise.description"),
      block,
      run: async () => openExercise(block.exercise),
    };
  };
}

type Act = "check" | "watch" | "hint" | "solution" | "language" | "task" | "back";

/** What is on the screen above the prompt, so a resize can draw it again. */
type View = { kind: "task" } | { kind: "report"; report: VerifyReport } | { kind: "text"; text: string } | { kind: "none" };

const OTHER: Record<HintLanguage, HintLanguage> = { python: "javascript", javascript: "python" };

export async function openExercise(id: string): Promise<void> {
  const ex = loadExercises().exercises.find((e) => e.id === id);
  if (!ex) return;
  let starters: StartersWritten | undefined;
  let failure: string | undefined;
  try {
    starters = writeStarters(ex, learnerCwd());
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    failure = err.message;
  }
  if (!starters) return cannotWrite(ex, failure ?? "");
  const files = starters;
  let language = hintLanguage(loadProgress().progress, ex.id);
  const fileFor = (lang: HintLanguage): string => path.join(files.dir, `${ex.id}${lang === "python" ? ".py" : ".mjs"}`);
  if (!existsSync(fileFor(language)) && existsSync(fileFor(OTHER[language]))) language = OTHER[language];
  let view: View = { kind: "task" };
  let drawn = false;
  let preferred: Act | undefined;

  for (;;) {
    const state = loadProgress().progress.exercises[ex.id];
    const file = fileFor(language);
    const s = styler();
    try {
      const items = choices(ex, file, language, state, view);
      if (!drawn) {
        // The prompt below: its message, the choices, a blank line, a description (up to two lines) and the key help.
        const described = items.some((i) => i.description !== undefined);
        if ((await draw(ex, view, files, file, state, items.length + (described ? 5 : 3))) === "menu") return;
      }
      drawn = true;
      const act = await select<Act>(t("lesson.exercise.prompt"), items, { default: items.find((i) => i.value === preferred)?.value ?? items[0]!.value, pageSize: items.length, resizeThrows: true });
      preferred = undefined;
      switch (act) {
        case "back":
          return;
        case "task":
          view = { kind: "task" };
          drawn = false;
          break;
        case "language":
          language = OTHER[language];
          preferred = "check";
          drawn = false;
          view = view.kind === "report" ? { kind: "none" } : view;
          break;
        case "check": {
          clearScreen();
          process.stdout.write(`${titleLine(ex, s)}\n\n`);
          const end = await runChecks(ex, file);
          view = end.kind === "done" ? { kind: "report", report: end.report } : { kind: "none" };
          preferred = end.kind === "done" && end.report.passed ? "solution" : "check";
          // The report is on the screen as it ran: the prompt goes under it.
          drawn = true;
          break;
        }
        case "watch":
          view = await watch(ex, file, language);
          // Back from the solution, or from a passing run: on the way out; else on checking again.
          preferred = view.kind === "text" || (view.kind === "report" && view.report.passed) ? "back" : "watch";
          drawn = false;
          break;
        case "hint":
          view = { kind: "text", text: await hintText(ex, language) };
          preferred = "check";
          drawn = false;
          break;
        case "solution":
          view = { kind: "text", text: await solutionText(ex, language) };
          preferred = "back";
          drawn = false;
          break;
      }
    } catch (err) {
      // A new width: the same screen, drawn again.
      if (err instanceof PromptResized) {
        preferred = (err.active as Act | undefined) ?? preferred;
        drawn = false;
        continue;
      }
      throw err;
    }
  }
}

function titleLine(ex: ExerciseInfo, s: Styler): string {
  const title = s.bold(s.magenta(t("lesson.exercise.title", { title: ex.title })));
  // A translated task older than its English is still shown, marked.
  return ex.translation?.stale ? `${title} ${s.yellow(t("lessons.translation.staleMark"))}` : title;
}

/** "not passed yet · 2 attempts · 1 of 3 hints seen", under the title. */
function statusLine(state: ExerciseProgress | undefined, hints: number, s: Styler): string {
  const parts = [state?.passed ? s.green(t("lesson.exercise.statusPassed")) : t("lesson.exercise.statusNotYet")];
  if (state?.attempts) parts.push(t("lesson.exercise.statusAttempts", { n: state.attempts }));
  if (hints > 0) parts.push(t("lesson.exercise.statusHints", { seen: Math.min(state?.hintsSeen?.length ?? state?.hintsShown ?? 0, hints), total: hints }));
  return s.dim(parts.join(" · "));
}

/** Draws the screen for `view`: title and status, then the task (paged), a report, or a hint or solution text. */
async function draw(ex: ExerciseInfo, view: View, files: StartersWritten, file: string, state: ExerciseProgress | undefined, reserve: number): Promise<"ok" | "menu"> {
  const s = styler();
  const width = readingWidth();
  const colour = colourEnabled();
  const hints = hintsFor(readHints(ex), path.extname(file) === ".py" ? "python" : "javascript").length;
  const pager = new Pager(() => `${titleLine(ex, s)}\n${statusLine(state, hints, s)}`, undefined, t("lesson.exercise.leave"), t("lesson.moreBelow"));
  pager.start();
  switch (view.kind) {
    case "task": {
      if ((await pager.write(`${await renderMarkdown(expandTutor(ex.task), { width, colour })}\n`, 0)) === "menu") return "menu";
      // Where the files are, on the same page as the prompt that checks them.
      const where = `${filesText(ex, files, file, s, width)}\n`;
      if ((await pager.room(rowCount(where) + reserve)) === "menu") return "menu";
      return pager.write(where, reserve);
    }
    case "report": {
      const cols = terminalWidth();
      const lines = [t("verify.checkedHeading", { exercise: ex.id }), ...view.report.checks.map((c) => formatCheck(c, s, cols)), formatSummary(view.report, s, cols, false, { mode: "tutor" })];
      return pager.write(lines.join("\n") + "\n", reserve);
    }
    case "text":
      return pager.write(view.text + "\n", reserve);
    case "none":
      return pager.write(`${filesText(ex, files, file, s, width)}\n`, reserve);
  }
}

/** Where the files are (a full path: under `npm start` the tutor runs elsewhere), which were written or kept, and which one is checked. */
function filesText(ex: ExerciseInfo, { dir, written, kept, missing }: StartersWritten, file: string, s: Styler, width: number): string {
  const wrote = t("lesson.exercise.wrote");
  const keptWord = t("lesson.exercise.kept");
  const w = Math.max(displayWidth(wrote), displayWidth(keptWord));
  const checked = path.basename(file);
  const mark = (f: string): string => (f === checked ? ` ${s.cyan(t("lesson.exercise.checked"))}` : "");
  const lines = [
    s.bold(wrap(t("lesson.exercise.where", { folder: escapeTerminal(dir) }), width)),
    ...written.map((f) => `  ${padEnd(s.green(wrote), w)} ${escapeTerminal(f)}${mark(f)}`),
    ...kept.map((f) => `  ${padEnd(s.yellow(keptWord), w)} ${escapeTerminal(f)}${mark(f)} ${s.dim(t("lesson.exercise.keptWhy"))}`),
    ...missing.map((m) => s.yellow(wrap(t("exercise.starterMissing", { what: m.what, name: m.name, file: learnerFileName(ex, m) }), width))),
    wrap(t("lesson.exercise.how"), width),
  ];
  return lines.join("\n");
}

function choices(ex: ExerciseInfo, file: string, language: HintLanguage, state: ExerciseProgress | undefined, view: View): Choice<Act>[] {
  const name = escapeTerminal(path.basename(file));
  // Under a report, a hint or a solution, no description lines: the text needs the rows more.
  const describe = view.kind === "task" || view.kind === "none";
  const items: Choice<Act>[] = [
    { name: t("lesson.exercise.check", { file: name }), value: "check", ...(describe ? { description: t("lesson.exercise.checkDescription") } : {}) },
    { name: t("lesson.exercise.watch", { file: name }), value: "watch", ...(describe ? { description: t("lesson.exercise.watchDescription") } : {}) },
  ];
  const hints = hintsFor(readHints(ex), language);
  if (hints.length) {
    const seen = seenHints(hints, state, language).length;
    items.push({ name: seen < hints.length ? t("lesson.exercise.hint", { left: hints.length - seen }) : t("lesson.exercise.hintsAgain", { n: hints.length }), value: "hint" });
  }
  if (state?.passed || state?.solutionUnlocked) items.push({ name: t("lesson.exercise.solution"), value: "solution", ...(describe ? { description: t("lesson.exercise.solutionDescription") } : {}) });
  const other = path.join(path.dirname(file), `${ex.id}${language === "python" ? ".mjs" : ".py"}`);
  if (existsSync(other)) items.push({ name: language === "python" ? t("lesson.exercise.useJavaScript", { file: escapeTerminal(path.basename(other)) }) : t("lesson.exercise.usePython", { file: escapeTerminal(path.basename(other)) }), value: "language" });
  if (view.kind !== "task") items.push({ name: t("lesson.exercise.task"), value: "task" });
  items.push({ name: t("lesson.exercise.leave"), value: "back" });
  return items;
}

/**
 * Watching, as rustlings does: the checks run now and again each time the file is saved
 * (a run in progress is stopped and started again), each run on a fresh screen, until the
 * learner stops. A hint can be read meanwhile. Returns what to show after.
 */
async function watch(ex: ExerciseInfo, file: string, language: HintLanguage): Promise<View> {
  const s = styler();
  let change = new AbortController();
  const stopWatching = watchFile(file, () => change.abort());
  let below: string | undefined;
  let last: VerifyReport | undefined;
  try {
    for (;;) {
      clearScreen();
      process.stdout.write(`${titleLine(ex, s)}\n${s.cyan(wrap(t("lesson.exercise.watching", { file: escapeTerminal(path.basename(file)) }), terminalWidth()))}\n\n`);
      if (below) process.stdout.write(below + "\n\n");
      else {
        const end = await runChecks(ex, file, change.signal);
        if (change.signal.aborted) {
          change = new AbortController();
          continue;
        }
        if (end.kind === "done") last = end.report;
      }
      below = undefined;
      const passed = last?.passed === true;
      const items: Choice<"hint" | "again" | "solution" | "stop">[] = [];
      if (hintsFor(readHints(ex), language).length) items.push({ name: t("lesson.exercise.watchHint"), value: "hint" });
      items.push({ name: t("lesson.exercise.watchAgain"), value: "again" });
      if (passed) items.push({ name: t("lesson.exercise.solution"), value: "solution" });
      items.push({ name: t("lesson.exercise.watchStop"), value: "stop" });
      let act: "hint" | "again" | "solution" | "stop";
      try {
        act = await select(t("lesson.exercise.watchPrompt", { file: escapeTerminal(path.basename(file)) }), items, { signal: change.signal, default: passed ? "stop" : items[0]!.value, pageSize: items.length });
      } catch (err) {
        // Saved while the prompt waited: check again.
        if (err instanceof PromptAborted) {
          change = new AbortController();
          continue;
        }
        throw err;
      }
      if (act === "stop") return last ? { kind: "report", report: last } : { kind: "none" };
      if (act === "solution") return { kind: "text", text: await solutionText(ex, language) };
      if (act === "hint") below = await hintText(ex, language);
    }
  } finally {
    stopWatching();
  }
}

/** The next hint (the one for what failed first), claimed in progress, or all the hints seen when none is left. */
async function hintText(ex: ExerciseInfo, language: HintLanguage): Promise<string> {
  const s = styler();
  const width = readingWidth();
  const colour = colourEnabled();
  const hints = readHints(ex);
  const show = async (h: Hint, n: number, total: number, note?: string): Promise<string> =>
    `${s.bold(t("exercise.hint.title", { n, total, title: h.title }))}\n${await renderMarkdown(expandTutor(hintBody(h, language)), { width, colour })}${note ? `\n\n${s.dim(note)}` : ""}`;
  const before = loadProgress().progress.exercises[ex.id];
  const claimed = claimHint(ex, hints, language);
  if (claimed.hint) {
    const forFailure = before?.failedHints?.includes(claimed.hint.id) === true;
    return show(claimed.hint, claimed.number, claimed.total, forFailure ? t("lesson.exercise.hintForFailure") : undefined);
  }
  const seen = seenHints(hints, before, language);
  const parts = await Promise.all(seen.map((h, i) => show(h, i + 1, seen.length)));
  return [s.dim(t("lesson.exercise.allHintsSeen")), ...parts].join("\n\n");
}

/** The reference solution in the learner's language (the other one named), shown as code. */
async function solutionText(ex: ExerciseInfo, language: HintLanguage): Promise<string> {
  const s = styler();
  const { files } = codeFiles(ex, "solution");
  const mine = files.find((f) => f.language === language) ?? files[0];
  if (!mine) return s.yellow(t("exercise.solution.none", { id: ex.id }));
  const header = t(SOLUTION_HEADER[mine.language], { id: ex.id, file: mine.name });
  const others = files.filter((f) => f !== mine).map((f) => escapeTerminal(path.join(ex.dir, f.name)));
  const tail = others.length ? `\n\n${s.dim(wrap(t("lesson.exercise.solutionOther", { file: listOf(others) }), readingWidth()))}` : "";
  return `${s.bold(s.cyan(header))}\n${mine.text.replace(/\s*$/, "")}${tail}`;
}

/**
 * When the starters cannot be written (a folder the learner may not write to), the screen
 * says why in place of the files, and the learner goes back to where they were: a problem
 * with the current folder is no reason to end the session.
 */
async function cannotWrite(ex: ExerciseInfo, message: string): Promise<void> {
  const s = styler();
  const width = readingWidth();
  const colour = colourEnabled();
  for (;;) {
    const pager = new Pager(() => titleLine(ex, s), undefined, t("lesson.exercise.leave"), t("lesson.moreBelow"));
    pager.start();
    const why = `${s.red(s.bold(t("lesson.exercise.notWritten")))}\n${s.red(wrap(message, width - 2).replace(/^/gm, "  "))}`;
    try {
      if ((await pager.write(`${await renderMarkdown(expandTutor(ex.task), { width, colour })}\n\n${why}\n`, 6)) === "menu") return;
      await select("", [{ name: t("lesson.exercise.leave"), value: "back" }], { resizeThrows: true });
      return;
    } catch (err) {
      if (err instanceof PromptResized) continue;
      throw err;
    }
  }
}
