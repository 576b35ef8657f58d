import { createHash } from "node:crypto";
import { readFileSync, watch } from "node:fs";
import path from "node:path";
import { loadChecker } from "../check/checkers.js";
import { commandForFile, commandFromArgv, LaunchProblem } from "../check/command.js";
import { LiveConsole } from "../check/console.js";
import { runVerify } from "../check/harness.js";
import type { LaunchCommand } from "../check/program.js";
import { formatCheck, formatSummary, jsonReport } from "../check/report.js";
import { SetupProblem, type VerifyReport } from "../check/types.js";
import type { ExerciseInfo } from "../exercises/catalog.js";
import { requireExercise } from "../exercises/files.js";
import { updateProgress } from "../progress/store.js";
import { escapeTerminal } from "../text/escape.js";
import { onCleanup } from "../util/cleanup.js";
import { colourEnabled, makeStyle, terminalWidth } from "../util/style.js";
import { parseCommandArgs } from "./args.js";
import { helpText } from "./context.js";
import { UsageError, UserError } from "../util/errors.js";

const HELP = helpText(
  "verify <exercise> <file> [--watch] [--json] [--live]\n       socket-tutor verify <exercise> [--json] -- <command> [args...]",
  "Run your program and check it over real sockets on loopback, the way a demanding peer would. Exit code 0: passed; 1: not yet; 2: usage error.",
  [
    "<file> runs by its extension: .py with python3, .js/.mjs/.cjs with Node.js, .ts with tsx;",
    "any other file must be executable. After -- give any command (a compiled program, 'cargo run', ...).",
    "",
    "Your program runs in its own folder (the current folder for --), in its own process group,",
    "with HOST and PORT (or SOCKET_PATH, or MESSAGE) in its environment. It is stopped when the checks end.",
    "",
    "  --watch  re-run the checks each time the file changes (Ctrl-C to stop)",
    "  --json   print only a JSON report: { exercise, passed, checks: [{ name, passed, detail }] }",
    "  --live   run the checks in the live view: your program traced on the left (its source, every",
    "           socket call, its output), the checker on the right, the kernel's socket table below",
    "           (Python and JavaScript files; needs a terminal)",
    "",
    "Example: socket-tutor verify tcp-echo tcp-echo.py",
  ],
);

export async function run(argv: string[]): Promise<number> {
  const dash = argv.indexOf("--");
  const mine = dash >= 0 ? argv.slice(0, dash) : argv;
  const commandArgv = dash >= 0 ? argv.slice(dash + 1) : undefined;
  const { values, positionals } = parseCommandArgs("verify", mine, { watch: { type: "boolean" }, json: { type: "boolean" }, live: { type: "boolean" } });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  // No id holds a control character: escaped, a hostile name still fails, with a safe message.
  const ex = requireExercise(positionals[0] === undefined ? undefined : escapeTerminal(positionals[0]), "verify");
  const file = positionals[1];
  if (commandArgv && file) throw new UsageError(`give either a file ('${escapeTerminal(file)}') or a command after --, not both`, "verify");
  if (!commandArgv && !file) throw new UsageError(`which program? e.g. 'socket-tutor verify ${ex.id} ${ex.id}.py', or a command after --`, "verify");
  if (positionals.length > 2) throw new UsageError(`one file at a time; extra arguments: ${escapeTerminal(positionals.slice(2).join(" "))} (to pass arguments, use: socket-tutor verify ${ex.id} -- <command> [args...])`, "verify");
  if (values.watch && values.json) throw new UsageError("--watch and --json do not go together: --json prints one report and exits", "verify");
  if (values.watch && !file) throw new UsageError("--watch needs a file to watch: socket-tutor verify <exercise> <file> --watch", "verify");

  const launch = (): LaunchCommand => {
    try {
      return commandArgv ? commandFromArgv(commandArgv) : commandForFile(file!);
    } catch (err) {
      if (err instanceof LaunchProblem) throw err.usage ? new UsageError(err.message, "verify") : new UserError(err.message);
      throw err;
    }
  };
  if (values.live) {
    if (!file) throw new UsageError("--live needs your program's file: socket-tutor verify <exercise> <file> --live", "verify");
    if (values.json || values.watch) throw new UsageError("--live does not go with --json or --watch", "verify");
    const { liveRuntimeFor } = await import("../check/live.js");
    if (!liveRuntimeFor(file)) throw new UsageError(`--live traces Python (.py) and JavaScript (.js, .mjs, .cjs) programs; check '${escapeTerminal(file)}' without --live`, "verify");
  }
  const command = launch();
  if (values.live) return verifyLive(ex, path.resolve(file!), command);
  if (values.watch) return watchLoop(ex, path.resolve(file!), command);
  const report = await verifyOnce(ex, command, values.json === true);
  return report.passed ? 0 : 1;
}

async function verifyOnce(ex: ExerciseInfo, command: LaunchCommand, json: boolean, signal?: AbortSignal): Promise<VerifyReport> {
  const checker = await loadChecker(ex.id);
  if (!checker) throw new UserError(`the exercise '${ex.id}' has no checker (this is a bug in socket-tutor)`);
  const out = process.stdout;
  const s = makeStyle(colourEnabled(out));
  const width = terminalWidth(out);
  const live = json ? undefined : new LiveConsole(out, s, width, out.isTTY === true);
  if (!json) out.write(`${s.bold(`Checking ${ex.id}`)}: ${ex.title}\n`);
  let report: VerifyReport;
  try {
    report = await runVerify(checker, { command, ...(live ? { onEvent: live.handle } : {}), ...(signal ? { signal } : {}) });
  } catch (err) {
    if (err instanceof SetupProblem) throw new UserError(err.message);
    throw err;
  } finally {
    live?.finish();
  }
  if (report.cancelled) return report;
  recordAndPrint(ex, report, json);
  return report;
}

/** Counts the attempt (and the pass) in progress, then prints the report. */
function recordAndPrint(ex: ExerciseInfo, report: VerifyReport, json: boolean): void {
  const out = process.stdout;
  const s = makeStyle(colourEnabled(out));
  const width = terminalWidth(out);
  const saved = updateProgress((p) => {
    const e = (p.exercises[ex.id] ??= { passed: false, attempts: 0, hintsShown: 0 });
    e.attempts += 1;
    if (report.passed && !e.passed) {
      e.passed = true;
      e.passedAt = new Date().toISOString();
    }
  });
  if (json) out.write(JSON.stringify(jsonReport(report), null, 2) + "\n");
  else out.write(formatSummary(report, s, width, report.passed && saved.saved) + "\n");
  if (saved.notice) process.stderr.write(`socket-tutor: ${saved.notice}\n`);
}

/** The checks in the live view; the last run's report is recorded and printed when the view closes. */
async function verifyLive(ex: ExerciseInfo, file: string, command: LaunchCommand): Promise<number> {
  const { requireInteractiveTerminal } = await import("../ui/terminal.js");
  requireInteractiveTerminal("verify --live");
  // Loaded only here: plain verify stays as light as it was.
  const { liveRuntimeFor, verifySource } = await import("../check/live.js");
  const { findPython } = await import("../demo/runtime.js");
  const runtime = liveRuntimeFor(file)!;
  let interpreter = process.execPath;
  if (runtime === "python") {
    const python = await findPython();
    if (!python) throw new UserError("--live traces Python programs with python3 3.8 or newer, which was not found. Run the checks without --live.");
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
    process.stdout.write(`${s.bold(`Checked ${ex.id}`)} in the live view: ${ex.title}\n`);
    for (const c of report.checks) process.stdout.write(formatCheck(c, s, width) + "\n");
    recordAndPrint(ex, report, false);
  }
  else process.stdout.write("The checks did not finish (the view was closed first): nothing was recorded.\n");
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
async function watchLoop(ex: ExerciseInfo, file: string, command: LaunchCommand): Promise<number> {
  const s = makeStyle(colourEnabled());
  const name = path.basename(file);
  const shownName = escapeTerminal(name);
  onCleanup(() => process.stdout.write(`\n${s.dim("Stopped watching.")}\n`));
  let last = digest(file);
  let current: { controller: AbortController; done: Promise<unknown> } | undefined;
  let timer: NodeJS.Timeout | undefined;

  const start = (): void => {
    const controller = new AbortController();
    const done = verifyOnce(ex, command, false, controller.signal)
      .catch((err: unknown) => process.stderr.write(`socket-tutor: ${escapeTerminal((err as Error).message)}\n`))
      .then(() => {
        if (!controller.signal.aborted) process.stdout.write(s.dim(`\nWatching ${shownName}: save it to check again (Ctrl-C to stop).\n`));
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
    process.stdout.write(`\n${s.cyan(`── ${new Date().toLocaleTimeString()}: ${shownName} changed, checking again ──`)}\n`);
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
