import { loadChecker } from "../check/checkers.js";
import { commandForFile, LaunchProblem } from "../check/command.js";
import { LiveConsole } from "../check/console.js";
import { runVerify } from "../check/harness.js";
import { formatSummary } from "../check/report.js";
import { SetupProblem, type VerifyReport } from "../check/types.js";
import { newExerciseProgress, recordRun } from "../course/hints.js";
import type { ExerciseInfo } from "../exercises/catalog.js";
import { checkerModuleName } from "../exercises/checker-modules.js";
import { updateProgress } from "../progress/store.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { wrap } from "../text/wrap.js";
import { colourEnabled, makeStyle, terminalWidth } from "../util/style.js";
import { shareKeypressDecoder } from "./keys.js";
import { PromptCancelled } from "./prompts.js";
import { labelled } from "../text/label.js";

/**
 * The checks of `verify`, run from the tutor's exercise screen: the same live lines and
 * the same report (LiveConsole, formatSummary), the same progress recorded. While they
 * run, q or Esc stops them and Ctrl-C quits the tutor (the keys are read raw, so what
 * the learner types does not land on the screen).
 */

export type RunEnd = { kind: "done"; report: VerifyReport } | { kind: "stopped" } | { kind: "problem" };

export async function runChecks(ex: ExerciseInfo, file: string, signal?: AbortSignal): Promise<RunEnd> {
  const out = process.stdout;
  const s = makeStyle(colourEnabled(out));
  const width = terminalWidth(out);
  const say = (text: string): void => void out.write(`${s.red(wrap(escapeTerminal(text, { keepNewlines: true }), width))}\n`);
  const checker = await loadChecker(ex.id);
  if (!checker) {
    say(t("verify.noChecker", { exercise: escapeTerminal(ex.id), module: checkerModuleName(escapeTerminal(ex.id)) }));
    return { kind: "problem" };
  }
  let command;
  try {
    command = commandForFile(file);
  } catch (err) {
    if (!(err instanceof LaunchProblem)) throw err;
    say(err.message);
    return { kind: "problem" };
  }
  const controller = new AbortController();
  const stop = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
  let quit = false;
  const keys = readKeys((key) => {
    if (key === "quit") quit = true;
    controller.abort();
  });
  const live = new LiveConsole(out, s, width, out.isTTY === true);
  out.write(`${t("verify.checking", { heading: s.bold(t("verify.checkingHeading", { exercise: ex.id })), title: ex.title })}\n`);
  out.write(`${s.dim(t("lesson.exercise.running"))}\n`);
  let report: VerifyReport;
  try {
    report = await runVerify(checker, { command, onEvent: live.handle, signal: stop });
  } catch (err) {
    if (err instanceof SetupProblem) {
      say(err.message);
      return { kind: "problem" };
    }
    throw err;
  } finally {
    live.finish();
    keys();
  }
  if (quit) throw new PromptCancelled();
  if (report.cancelled) {
    if (!signal?.aborted) out.write(`${s.yellow(t("lesson.exercise.stopped"))}\n`);
    return { kind: "stopped" };
  }
  const saved = updateProgress((p) => {
    const e = (p.exercises[ex.id] ??= newExerciseProgress());
    e.attempts += 1;
    if (report.passed && !e.passed) {
      e.passed = true;
      e.passedAt = new Date().toISOString();
    }
    recordRun(e, report);
  });
  out.write(formatSummary(report, s, width, report.passed && saved.saved, { mode: "tutor" }) + "\n\n");
  if (saved.notice) out.write(`${labelled(t("lesson.note"), saved.notice, s.yellow)}\n`);
  return { kind: "done", report };
}

/** Raw keys while the checks run: q or Esc stops them, Ctrl-C quits. Returns the function that stops listening. */
function readKeys(on: (key: "stop" | "quit") => void): () => void {
  const stdin = process.stdin;
  if (!stdin.isTTY) return () => undefined;
  shareKeypressDecoder(stdin);
  const listener = (_: string, key: { name?: string; ctrl?: boolean } | undefined): void => {
    if (key?.ctrl && key.name === "c") on("quit");
    else if (key?.name === "q" || key?.name === "escape") on("stop");
  };
  stdin.setRawMode(true);
  stdin.on("keypress", listener);
  stdin.resume();
  return () => {
    stdin.off("keypress", listener);
    stdin.setRawMode(false);
    stdin.pause();
  };
}
