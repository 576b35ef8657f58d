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
import { TRACE_CLIENT, TRACE_PROGRAM, traceDemo, traceRuntime } from "../demo/trace.js";
import { sandboxSupport } from "../sandbox/namespace.js";
import { straceAvailable } from "../kernel/strace.js";
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

  const { demo, runtime } = traceDemo(target.file, target.args, port !== undefined ? { port } : {});
  const choice = await chooseRuntime(runtime);
  if (runtime === "python" && choice.runtime !== "python") throw new UserError(t("demo.cmd.noPython", { why: noPythonReason(), version: MIN_PYTHON.join(".") }));

  const interactiveTerminal = process.stdout.isTTY === true && process.stdin.isTTY === true;
  const termProblem = values.plain !== true && interactiveTerminal ? liveTerminalProblem() : undefined;
  if (termProblem) process.stdout.write(t("demo.cmd.plainTerminal", { term: termProblem }) + "\n");
  const plain = values.plain === true || !interactiveTerminal || termProblem !== undefined;
  const mode: DemoMode = values.step ? "step" : "run";
  if (port === undefined && !(await sandboxSupport()).available) process.stderr.write(`${t("common.note")} ${t("trace.noSandboxPort")}\n`);

  if (!plain) {
    const { runLive } = await import("../ui/live-view.js");
    const { demoSource } = await import("../demo/live-source.js");
    const base = demoSource(demo);
    // The program's own language only (p switches nothing here), no deadline: a server runs until you leave.
    const source = { ...base, start: (o: Parameters<typeof base.start>[0]) => base.start({ ...o, runtime }) };
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
