import readline from "node:readline";
import { chooseRuntime, findPython, MIN_PYTHON, noPythonReason } from "../demo/runtime.js";
import { straceAvailable } from "../kernel/strace.js";
import { createDemo, DemoSpecError, demoIds, findDemo, formatDemoProblem, listDemos, type LoadedDemo } from "../demo/launcher.js";
import type { DemoSession } from "../demo/session.js";
import type { DemoRuntime } from "../demo/spec.js";
import type { DemoMode } from "../demo/state.js";
import { findLesson } from "../lessons/load.js";
import type { Lesson } from "../lessons/types.js";
import { PlainView } from "../ui/plain-view.js";
import { closest } from "../util/suggest.js";
import { colourEnabled, makeStyle, terminalWidth } from "../util/style.js";
import { parseCommandArgs } from "./args.js";
import { helpText, loadContext } from "./context.js";
import { UsageError, UserError } from "../util/errors.js";

const USAGE = "demo <lesson> [<demo>] [--plain] [--runtime python|node] [--step]";

function help(): string {
  return helpText(USAGE, "Run a lesson's live demo: real server and client processes, every socket call, and the kernel's socket table.", [
    "<lesson>        a lesson id, folder name or number (see 'socket-tutor list'); with no <demo>, its only demo",
    "                runs, or its demos are listed. A demo id alone also works: 'socket-tutor demo tcp-step-by-step'.",
    "--plain         print the calls, output, table and timeline as text (the default without a terminal)",
    "--runtime R     python (the default when python3 >= 3.8 is installed) or node",
    "--step          pause before each socket call (in --plain: press Enter to continue, r Enter to run freely)",
    "--slow          slow motion: each call waits a moment, then goes on by itself",
    "--syscalls      also show the real system calls (Linux, needs strace)",
    "--port N        use port N instead of the demo's own (0: any free port)",
    "",
    "Exit status: 0 when the demo ran as designed, 1 when it did not, 2 on bad usage.",
  ]);
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("demo", argv, {
    plain: { type: "boolean" },
    runtime: { type: "string" },
    step: { type: "boolean" },
    slow: { type: "boolean" },
    syscalls: { type: "boolean" },
    port: { type: "string" },
  });
  if (values.help) {
    process.stdout.write(help());
    return 0;
  }
  const runtime = values.runtime;
  if (runtime !== undefined && runtime !== "python" && runtime !== "node") throw new UsageError(`--runtime must be 'python' or 'node', not '${runtime}'`, "demo");
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number from 0 to 65535, not '${values.port}'`, "demo");
  }
  if (values.step && values.slow) throw new UsageError("choose one of --step and --slow", "demo");
  if (positionals.length > 2) throw new UsageError(`too many arguments: ${positionals.slice(2).join(" ")}`, "demo");

  const { lessons, progress } = loadContext();
  const demo = resolveDemo(lessons, positionals[0], positionals[1]);
  if (!demo) return 2;

  const interactiveTerminal = process.stdout.isTTY === true && process.stdin.isTTY === true;
  const plain = values.plain === true || !interactiveTerminal;
  // Full screen steps by default, except a demo the learner types into (the chat), which runs.
  const mode: DemoMode = values.step ? "step" : values.slow ? "slow" : plain || demo.spec.interactive ? "run" : "step";
  const requested = (runtime as DemoRuntime | undefined) ?? progress.settings.runtime;
  const choice = await chooseRuntime(requested);
  // Asked for on this command line: running Node instead would not be what was asked. (A
  // choice saved earlier, in a lesson, falls back to Node with a note saying why.)
  if (runtime === "python" && choice.runtime !== "python") {
    throw new UserError(`you asked for the Python version of this demo, but ${noPythonReason()}. Install Python ${MIN_PYTHON.join(".")} or newer, set SOCKET_TUTOR_PYTHON to one, or use --runtime node to run the Node.js version.`);
  }
  if (!plain) {
    // The full-screen view (src/ui/live-view.ts) is loaded only for a terminal run: blessed is heavy.
    const { runLiveView } = await import("../ui/live-view.js");
    const exit = await runLiveView(demo, {
      runtime: choice.runtime,
      ...(choice.note ? { note: choice.note } : {}),
      mode,
      pythonAvailable: (await findPython()) !== undefined,
      // Only the y key needs it: checked in the background (it runs strace once).
      syscallsAvailable: straceAvailable(),
      syscalls: values.syscalls === true,
      ...(port !== undefined ? { port } : {}),
    });
    return exit === "interrupt" ? 130 : 0;
  }
  const session = await createDemo(demo, {
    // The request itself, not the choice: the session then makes the same choice and
    // keeps its note, which the header prints.
    runtime: requested,
    mode,
    syscalls: values.syscalls === true,
    port,
    timeoutMs: mode === "run" ? undefined : null,
  });
  return runPlain(session, mode);
}

async function runPlain(session: DemoSession, mode: DemoMode): Promise<number> {
  const style = makeStyle(colourEnabled(process.stdout));
  const width = process.stdout.isTTY ? terminalWidth() : 120;
  const view = new PlainView(session, { write: (t) => process.stdout.write(t), style, width, stepHint: mode === "step" });
  let headed = false;
  session.on("event", (ev) => {
    if (!headed && ev.type === "status" && ev.status === "running") {
      headed = true;
      view.header();
      return;
    }
    // Notes before the header (port, user) are printed in it.
    if (!headed && ev.type === "note") return;
    view.onEvent(ev);
  });
  const keys = mode === "step" ? stepKeys(session) : undefined;
  try {
    await session.launch();
    const state = await session.done();
    view.summary();
    return state.status === "done" && state.ok ? 0 : 1;
  } finally {
    keys?.close();
    await session.stop();
  }
}

/** --plain --step: Enter continues the call paused longest; "r" runs freely; "s" steps again; "q" stops. End of input runs freely. */
function stepKeys(session: DemoSession): readline.Interface {
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  rl.on("line", (line) => {
    const cmd = line.trim().toLowerCase();
    if (cmd === "" || cmd === "c") session.continue();
    else if (cmd === "r") session.setMode("run");
    else if (cmd === "s") session.setMode("step");
    else if (cmd === "q") void session.stop();
  });
  rl.on("close", () => {
    if (session.state.status === "running") session.setMode("run");
  });
  return rl;
}

/** The demo the arguments name, or a clear usage error with the closest names. Undefined after listing a lesson's demos. */
export function resolveDemo(lessons: readonly Lesson[], first: string | undefined, second: string | undefined): LoadedDemo | undefined {
  const all = listDemos();
  if (!first) throw new UsageError(`which demo? Give a lesson and optionally a demo id, e.g. 'socket-tutor demo 5' or 'socket-tutor demo tcp-step-by-step'.`, "demo");
  const load = (id: string): LoadedDemo | undefined => {
    try {
      return findDemo(id);
    } catch (err) {
      if (err instanceof DemoSpecError) throw new UserError(`the demo '${id}' is broken:\n${err.problems.map((p) => "  " + formatDemoProblem(p)).join("\n")}`);
      throw err;
    }
  };
  const lesson = findLesson(lessons, first);
  const folder = lesson?.folder ?? lessonFolderOnDisk(all.demos, first);
  if (second !== undefined) {
    if (!folder) throw new UsageError(`no lesson '${first}'.${suggest(first, [...lessons.map((l) => l.meta.id), ...demoIds()])}`, "demo");
    const inLesson = demosOfLesson(lesson, folder, all.demos);
    if (!inLesson.includes(second)) {
      const near = closest(second, inLesson);
      throw new UsageError(`lesson '${first}' has no demo '${second}'.${near.length ? ` Did you mean ${near.map((n) => `'${n}'`).join(" or ")}?` : ""}${inLesson.length ? ` Its demos: ${inLesson.join(", ")}.` : " It has no demos."}`, "demo");
    }
    return load(second) ?? unknownDemo(second);
  }
  if (!folder || demoIds().includes(first)) {
    if (demoIds().includes(first)) return load(first);
    throw new UsageError(`no lesson or demo '${first}'.${suggest(first, [...lessons.map((l) => l.meta.id), ...demoIds()])} 'socket-tutor list' shows the lessons.`, "demo");
  }
  const ids = demosOfLesson(lesson, folder, all.demos);
  if (ids.length === 0) throw new UserError(`lesson '${first}' has no demo to run.`);
  if (ids.length === 1) return load(ids[0]!);
  const label = lesson ? `${lesson.meta.order}` : folder;
  process.stdout.write(`Lesson ${lesson ? `${lesson.meta.order} (${lesson.meta.title})` : folder} has ${ids.length} demos:\n`);
  for (const id of ids) {
    const d = all.demos.find((x) => x.spec.id === id);
    process.stdout.write(`  ${id.padEnd(Math.max(...ids.map((i) => i.length)))}  ${d?.spec.title ?? ""}\n`);
  }
  process.stdout.write(`Run one with: socket-tutor demo ${label} <demo>\n`);
  return undefined;
}

function suggest(input: string, names: string[]): string {
  const near = closest(input, [...new Set(names)]);
  return near.length ? ` Did you mean ${near.map((n) => `'${n}'`).join(" or ")}?` : "";
}

function unknownDemo(id: string): never {
  throw new UsageError(`no demo '${id}'.${suggest(id, demoIds())}`, "demo");
}

/** A lesson folder that has demos but whose lesson.md is missing or broken: matched by folder name or number. */
function lessonFolderOnDisk(demos: readonly LoadedDemo[], query: string): string | undefined {
  const q = query.trim().toLowerCase().replace(/\/+$/, "");
  const folders = [...new Set(demos.map((d) => d.lessonFolder))];
  return folders.find((f) => f === q || f.replace(/^\d+-/, "") === q || String(Number(f.split("-")[0])) === q.replace(/^0+(?=\d)/, ""));
}

/** A lesson's demos: those its `::: demo` directives name, in order, then any others in its demos/ folder. */
export function demosOfLesson(lesson: Lesson | undefined, folder: string, demos: readonly LoadedDemo[]): string[] {
  const out: string[] = [];
  for (const step of lesson?.steps ?? []) for (const b of step.blocks) if (b.kind === "demo" && !out.includes(b.demo)) out.push(b.demo);
  for (const d of demos) if (d.lessonFolder === folder && !out.includes(d.spec.id)) out.push(d.spec.id);
  return out;
}
