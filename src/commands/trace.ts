/**
 * `socket-tutor trace <file> [-- args]` and `trace -- <command…>`: a program of the
 * learner's, run like a demo (demo/trace.ts): the live view on a terminal, else (or
 * with --plain) the calls, packets and table as text, where lines on standard input
 * go to the built-in client once it is connected (else to the program).
 */
import readline from "node:readline";
import path from "node:path";
import { createDemo } from "../demo/launcher.js";
import { chooseRuntime, MIN_PYTHON, noPythonReason } from "../demo/runtime.js";
import type { DemoSession } from "../demo/session.js";
import type { DemoMode } from "../demo/state.js";
import { programFile, TRACE_CLIENT, TRACE_PROGRAM, traceDemo, traceRuntime, type StracedProgram } from "../demo/trace.js";
import { sandboxSupport } from "../sandbox/namespace.js";
import { existsSync } from "node:fs";
import { straceAvailable, straceStatus } from "../kernel/strace.js";
import { BuildFailed, buildC, compilerInstallHint, findCompiler, type Built } from "../check/compiler.js";
import { which } from "../util/which.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { runPlain } from "../ui/plain-run.js";
import { liveTerminalProblem } from "../ui/live/terminal.js";
import { UsageError, UserError } from "../util/errors.js";
import { tutor } from "../util/invocation.js";
import { parseCommandArgs } from "./args.js";
import { commandHelp } from "./registry.js";

function help(): string {
  return commandHelp("trace", t("help.trace.text"), [t("help.trace.options"), "", t("help.trace.example", { command: tutor("trace echo_server.py") })]);
}

/** `-- python3 x.py args` or `-- ./x.py args`: the program's file and its arguments. */
function fromCommand(argv: string[]): { file: string; args: string[] } {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError(t("trace.usage.which", { example: tutor("trace -- python3 server.py") }), "trace");
  const interpreter = /^(python3?(\.\d+)?|node|nodejs)$/.test(path.basename(first));
  if (interpreter && rest[0] !== undefined && traceRuntime(rest[0])) return { file: rest[0], args: rest.slice(1) };
  return { file: first, args: rest };
}

export async function run(argv: string[]): Promise<number> {
  const dash = argv.indexOf("--");
  const mine = dash >= 0 ? argv.slice(0, dash) : argv;
  const after = dash >= 0 ? argv.slice(dash + 1) : undefined;
  const { values, positionals } = parseCommandArgs("trace", mine, { plain: { type: "boolean" }, packets: { type: "boolean" }, step: { type: "boolean" }, port: { type: "string" } });
  if (values.help) {
    process.stdout.write(help());
    return 0;
  }
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(t("trace.usage.badPort", { value: escapeTerminal(values.port) }), "trace");
  }
  const given = positionals[0];
  let target: { file: string; args: string[] };
  if (given !== undefined) target = { file: given, args: after ?? [] };
  else if (after !== undefined) target = fromCommand(after);
  else throw new UsageError(t("trace.usage.which", { example: tutor("trace server.py") }), "trace");

  // No tracer of its language: strace runs it (a .c file is built first, as verify builds it).
  let straced: StracedProgram | undefined;
  let built: Built | undefined;
  if (!traceRuntime(target.file)) {
    const status = await straceStatus();
    if (!status.available) throw new UserError(t("trace.noStrace", { file: escapeTerminal(target.file), why: status.reason ?? t("kernel.strace.unavailable"), command: tutor("doctor") }));
    ({ straced, built } = await stracedProgram(target.file));
  }
  try {
    return await traceIt(target, { ...(port !== undefined ? { port } : {}), ...(straced ? { straced } : {}) }, values);
  } finally {
    built?.remove();
  }
}

/** A program with no tracer, as strace will run it: an executable, a command on PATH, or a .c file built with cc. */
async function stracedProgram(file: string): Promise<{ straced: StracedProgram; built?: Built }> {
  if (/\.c$/i.test(file)) {
    const source = programFile(file);
    const compiler = findCompiler();
    if (!compiler) throw new UserError(t("verify.launch.noCompiler", { file: escapeTerminal(file), install: compilerInstallHint(), command: tutor(`trace -- ./${path.basename(source, path.extname(source))}`) }));
    let built: Built;
    try {
      built = await buildC({ compiler, source });
    } catch (err) {
      if (err instanceof BuildFailed) throw new UserError(err.message);
      throw err;
    }
    if (built.warnings) process.stderr.write(t("verify.build.warnings", { file: escapeTerminal(path.basename(source)), output: built.warnings }) + "\n");
    return { straced: { file: built.command.file, shown: built.command.display, dir: path.dirname(source), source }, built };
  }
  // A bare name is a command on PATH (`trace -- ncat -l 5000`), run from here.
  if (!file.includes("/") && !existsSync(file)) {
    const found = which(file);
    if (!found) throw new UserError(t("trace.noFile", { file: escapeTerminal(file) }));
    return { straced: { file: found, shown: file, dir: process.cwd() } };
  }
  const full = programFile(file);
  return { straced: { file: full, shown: file, dir: path.dirname(full) } };
}

async function traceIt(target: { file: string; args: string[] }, opts: { port?: number; straced?: StracedProgram }, values: { plain?: boolean; packets?: boolean; step?: boolean }): Promise<number> {
  const port = opts.port;
  const shared = !(await sandboxSupport()).available;
  const { demo, runtime } = traceDemo(target.file, target.args, { ...opts, shared });
  const choice = await chooseRuntime(runtime);
  if (runtime === "python" && choice.runtime !== "python") throw new UserError(t("demo.cmd.noPython", { why: noPythonReason(), version: MIN_PYTHON.join(".") }));

  const interactiveTerminal = process.stdout.isTTY === true && process.stdin.isTTY === true;
  const termProblem = values.plain !== true && interactiveTerminal ? liveTerminalProblem() : undefined;
  if (termProblem) process.stdout.write(t("demo.cmd.plainTerminal", { term: termProblem }) + "\n");
  const plain = values.plain === true || !interactiveTerminal || termProblem !== undefined;
  // strace cannot hold a call: such a program runs freely (the run's note says so).
  const mode: DemoMode = values.step && !opts.straced ? "step" : "run";
  if (port === undefined && shared) process.stderr.write(`${t("common.note")} ${t("trace.noSandboxPort")}\n`);

  if (!plain) {
    const { runLive } = await import("../ui/live-view.js");
    const { demoSource } = await import("../demo/live-source.js");
    const base = demoSource(demo);
    // The program's own language only (p switches nothing here), no deadline: a server runs until you leave.
    const source = {
      ...base,
      start: (o: Parameters<typeof base.start>[0]) => base.start({ ...o, runtime }),
      // strace cannot hold a call for a key: no step mode, and the view says why.
      ...(opts.straced ? { steppable: false, noStepping: { say: t("trace.noStep.say"), help: t("trace.noStep.help") }, runtimeLabel: "strace" } : {}),
    };
    const exit = await runLive(source, {
      runtime,
      mode,
      pythonAvailable: false,
      syscallsAvailable: straceAvailable(),
    });
    return exit === "interrupt" ? 130 : 0;
  }
  const session = await createDemo(demo, { runtime, mode, autoInput: false, timeoutMs: null });
  const lines = mode === "step" ? undefined : forwardLines(session);
  try {
    return await runPlain(session, mode, values.packets === true);
  } finally {
    lines?.close();
  }
}

/**
 * Lines on standard input: to the built-in client once it runs; before that to the
 * program when it waits in a read of its input; else kept (bounded) for the client.
 */
function forwardLines(session: DemoSession): readline.Interface {
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  const kept: string[] = [];
  const clientRuns = (): boolean => session.state.processes.find((p) => p.name === TRACE_CLIENT)?.status === "running";
  const programReads = (): boolean => session.state.processes.find((p) => p.name === TRACE_PROGRAM)?.calls.some((c) => c.kind === "stdin" && c.status === "running") === true;
  session.onEvent((ev) => {
    if (ev.type === "spawn" && ev.proc === TRACE_CLIENT) while (kept.length) session.sendInput(TRACE_CLIENT, kept.shift()!);
  });
  rl.on("line", (line) => {
    if (clientRuns()) session.sendInput(TRACE_CLIENT, line);
    else if (programReads()) session.sendInput(TRACE_PROGRAM, line);
    else if (kept.length < 1000) kept.push(line);
  });
  return rl;
}
