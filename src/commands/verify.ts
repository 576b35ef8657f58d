import { createHash } from "node:crypto";
import { readFileSync, watch } from "node:fs";
import path from "node:path";
import { loadChecker } from "../check/checkers.js";
import { commandForFile, commandFromArgv, LaunchProblem } from "../check/command.js";
import { LiveConsole } from "../check/console.js";
import { runVerify } from "../check/harness.js";
import type { LaunchCommand } from "../check/program.js";
import { formatCheck, formatSummary, jsonReport, type Replay, type SummaryFor } from "../check/report.js";
import { MAX_SEED, parseSeed } from "../check/seeds.js";
import { recordRun } from "../course/hints.js";
import { SetupProblem, type VerifyReport } from "../check/types.js";
import type { ExerciseInfo } from "../exercises/catalog.js";
import { requireExercise } from "../exercises/files.js";
import { updateProgress } from "../progress/store.js";
import { recordPass } from "../progress/checks.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { shellQuote, tutor } from "../util/invocation.js";
import { onCleanup } from "../util/cleanup.js";
import { colourEnabled, makeStyle, terminalWidth } from "../util/style.js";
import { parseCommandArgs } from "./args.js";
import { commandHelp } from "./registry.js";
import { UsageError, UserError } from "../util/errors.js";

function helpPage(): string {
  return commandHelp("verify", t("help.verify.text"), [
    t("help.verify.files"),
    "",
    t("help.verify.environment"),
    "",
    t("help.verify.watch"),
    t("help.verify.json"),
    t("help.verify.live"),
    t("help.verify.seed"),
    "",
    t("help.verify.example", { command: tutor("verify tcp-echo tcp-echo.py") }),
  ]);
}

export async function run(argv: string[]): Promise<number> {
  const dash = argv.indexOf("--");
  const mine = dash >= 0 ? argv.slice(0, dash) : argv;
  const commandArgv = dash >= 0 ? argv.slice(dash + 1) : undefined;
  const { values, positionals } = parseCommandArgs("verify", mine, { watch: { type: "boolean" }, json: { type: "boolean" }, live: { type: "boolean" }, seed: { type: "string" } }, () =>
    t("verify.usage.oneFile", { command: tutor("verify <exercise> -- <command> [args...]") }),
  );
  if (values.help) {
    process.stdout.write(helpPage());
    return 0;
  }
  // No id holds a control character: escaped, a hostile name still fails, with a safe message.
  const ex = requireExercise(positionals[0] === undefined ? undefined : escapeTerminal(positionals[0]), "verify");
  const file = positionals[1];
  if (commandArgv && file) throw new UsageError(t("verify.usage.fileAndCommand", { file: escapeTerminal(file) }), "verify");
  if (!commandArgv && !file) throw new UsageError(t("verify.usage.whichProgram", { example: tutor(`verify ${ex.id} ${ex.id}.py`) }), "verify");
  if (values.watch && values.json) throw new UsageError(t("verify.usage.watchJson"), "verify");
  if (values.watch && !file) throw new UsageError(t("verify.usage.watchNeedsFile", { command: tutor("verify <exercise> <file> --watch") }), "verify");
  let seeds: number[] | undefined;
  if (values.seed !== undefined) {
    const seed = parseSeed(values.seed);
    if (seed === undefined) throw new UsageError(t("verify.usage.seed", { max: String(MAX_SEED), value: escapeTerminal(values.seed) }), "verify");
    if (values.live) throw new UsageError(t("verify.usage.seedLive"), "verify");
    seeds = [seed];
  }
  // The command that sends one seed's traffic again, as the learner gave the program.
  const replay: Replay = (seed) =>
    commandArgv ? tutor(`verify ${ex.id} --seed ${seed} -- ${commandArgv.map(shellQuote).join(" ")}`) : tutor(`verify ${ex.id} ${shellQuote(file!)} --seed ${seed}`);
  const how: RunHow = { replay, ...(seeds ? { seeds } : {}) };

  const launch = (): LaunchCommand => {
    try {
      return commandArgv ? commandFromArgv(commandArgv) : commandForFile(file!);
    } catch (err) {
      if (err instanceof LaunchProblem) throw err.usage ? new UsageError(err.message, "verify") : new UserError(err.message);
      throw err;
    }
  };
  if (values.live) {
    if (!file) throw new UsageError(t("verify.usage.liveNeedsFile", { command: tutor("verify <exercise> <file> --live") }), "verify");
    if (values.json || values.watch) throw new UsageError(t("verify.usage.liveAlone"), "verify");
    const { liveRuntimeFor } = await import("../check/live.js");
    if (!liveRuntimeFor(file)) throw new UsageError(t("verify.usage.liveLanguages", { file: escapeTerminal(file) }), "verify");
  }
  const command = launch();
  if (values.live) {
    // A terminal blessed cannot drive (TERM=dumb): the same checks, as text, with one line saying why.
    const { liveTerminalProblem } = await import("../ui/live/terminal.js");
    const problem = liveTerminalProblem();
    if (!problem) return verifyLive(ex, path.resolve(file!), command, how);
    process.stdout.write(t("live.plainTerminal", { term: problem }) + "\n");
  }
  if (values.watch) return watchLoop(ex, path.resolve(file!), command, how);
  const report = await verifyOnce(ex, command, values.json === true, how);
  return report.passed ? 0 : 1;
}

/** How this run's traffic is chosen (--seed), how to name a seed to replay, and how the checks ran (the report's last words). */
interface RunHow {
  seeds?: number[];
  replay: Replay;
  mode?: SummaryFor;
}

async function verifyOnce(ex: ExerciseInfo, command: LaunchCommand, json: boolean, how: RunHow, signal?: AbortSignal): Promise<VerifyReport> {
  const checker = await loadChecker(ex.id);
  if (!checker) throw new UserError(t("verify.noChecker", { exercise: ex.id }));
  const out = process.stdout;
  const s = makeStyle(colourEnabled(out));
  const width = terminalWidth(out);
  const live = json ? undefined : new LiveConsole(out, s, width, out.isTTY === true);
  if (!json) out.write(`${t("verify.checking", { heading: s.bold(t("verify.checkingHeading", { exercise: ex.id })), title: ex.title })}\n`);
  let report: VerifyReport;
  try {
    report = await runVerify(checker, { command, ...(live ? { onEvent: live.handle } : {}), ...(signal ? { signal } : {}), ...(how.seeds ? { seeds: how.seeds } : {}) });
  } catch (err) {
    if (err instanceof SetupProblem) throw new UserError(err.message);
    throw err;
  } finally {
    live?.finish();
  }
  if (report.cancelled) return report;
  recordAndPrint(ex, report, json, how);
  return report;
}

/** Counts the attempt (and the pass) in progress, then prints the report. */
function recordAndPrint(ex: ExerciseInfo, report: VerifyReport, json: boolean, how: RunHow): void {
  const out = process.stdout;
  const s = makeStyle(colourEnabled(out));
  const width = terminalWidth(out);
  const saved = updateProgress((p) => {
    const e = (p.exercises[ex.id] ??= { passed: false, attempts: 0, hintsShown: 0 });
    e.attempts += 1;
    // A pass under today's checks: recorded with their version (a pass under older ones is then brought up to date).
    if (report.passed) recordPass(e, ex.id, new Date());
    // The next `hint` starts with the hint for what failed, in the language of this file.
    recordRun(e, report);
  });
  if (json) out.write(JSON.stringify(jsonReport(report, how.replay), null, 2) + "\n");
  else out.write(formatSummary(report, s, width, report.passed && saved.saved, { replay: how.replay, ...(how.mode ? { mode: how.mode } : {}) }) + "\n");
  if (saved.notice) process.stderr.write(`socket-tutor: ${saved.notice}\n`);
}

/** The checks in the live view; the last run's report is recorded and printed when the view closes. */
async function verifyLive(ex: ExerciseInfo, file: string, command: LaunchCommand, how: RunHow): Promise<number> {
  const { requireInteractiveTerminal } = await import("../ui/terminal.js");
  requireInteractiveTerminal("verify --live");
  // Loaded only here: plain verify stays as light as it was.
  const { liveRuntimeFor, verifySource } = await import("../check/live.js");
  const { findPython } = await import("../demo/runtime.js");
  const runtime = liveRuntimeFor(file)!;
  let interpreter = process.execPath;
  if (runtime === "python") {
    const python = await findPython();
    if (!python) throw new UserError(t("verify.liveNoPython"));
    interpreter = python.executable;
  }
  const { runLive } = await import("../ui/live-view.js");
  let last: VerifyReport | undefined;
  const exit = await runLive(verifySource({ exercise: ex, command, file, runtime, interpreter, onReport: (r) => (last = r) }), {
    runtime,
    pythonAvailable: false,
    syscallsAvailable: false,
  });
  const report = last as VerifyReport | undefined;
  if (report) {
    // The view is gone: print each check as the plain run would have, then the summary.
    const s = makeStyle(colourEnabled(process.stdout));
    const width = terminalWidth(process.stdout);
    process.stdout.write(`${t("verify.checkedLive", { heading: s.bold(t("verify.checkedHeading", { exercise: ex.id })), title: ex.title })}\n`);
    for (const c of report.checks) process.stdout.write(formatCheck(c, s, width) + "\n");
    recordAndPrint(ex, report, false, how);
  }
  else process.stdout.write(`${t("verify.liveUnfinished")}\n`);
  if (exit === "interrupt") return 130;
  return report?.passed ? 0 : 1;
}

function digest(file: string): string | undefined {
  try {
    return createHash("sha1").update(readFileSync(file)).digest("hex");
  } catch {
    return undefined;
  }
}

/**
 * Runs, then re-runs whenever the file's content changes. The folder is watched,
 * not the file: editors often save by writing a new file and renaming it over
 * the old one, which a watch on the old file would miss.
 */
async function watchLoop(ex: ExerciseInfo, file: string, command: LaunchCommand, how: RunHow): Promise<number> {
  const s = makeStyle(colourEnabled());
  const name = path.basename(file);
  const shownName = escapeTerminal(name);
  onCleanup(() => process.stdout.write(`\n${s.dim(t("verify.watch.stopped"))}\n`));
  let last = digest(file);
  let current: { controller: AbortController; done: Promise<unknown> } | undefined;
  let timer: NodeJS.Timeout | undefined;

  const start = (): void => {
    const controller = new AbortController();
    const done = verifyOnce(ex, command, false, { ...how, mode: "watch" }, controller.signal)
      .catch((err: unknown) => process.stderr.write(`socket-tutor: ${escapeTerminal((err as Error).message)}\n`))
      .then(() => {
        if (!controller.signal.aborted) process.stdout.write(s.dim(`\n${t("verify.watch.watching", { file: shownName })}\n`));
      });
    current = { controller, done };
  };

  const changed = async (): Promise<void> => {
    const now = digest(file);
    if (now === undefined || now === last) return;
    last = now;
    if (current) {
      current.controller.abort();
      await current.done;
    }
    // A fresh screen for each run (scrollback keeps the last one): the report on screen is always this run's.
    if (process.stdout.isTTY) process.stdout.write("\x1b[H\x1b[2J");
    else process.stdout.write("\n");
    process.stdout.write(`${s.cyan(`── ${t("verify.watch.changed", { time: new Date().toLocaleTimeString(), file: shownName })} ──`)}\n`);
    start();
  };

  start();
  watch(path.dirname(file), (_event, filename) => {
    if (filename && filename !== name) return;
    // Saves come as bursts of events: wait for the burst to end.
    clearTimeout(timer);
    timer = setTimeout(() => void changed(), 150);
  });
  // Runs until Ctrl-C; the clean-up hooks stop the program and print the goodbye.
  return new Promise<number>(() => undefined);
}
