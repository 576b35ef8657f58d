import { chooseRuntime, findPython, MIN_PYTHON, noPythonReason } from "../demo/runtime.js";
import { straceAvailable } from "../kernel/strace.js";
import { createDemo, DemoSpecError, demoIds, findDemo, formatDemoProblem, listDemos, privateNetworkRefusal, type LoadedDemo } from "../demo/launcher.js";
import type { DemoRuntime } from "../demo/spec.js";
import type { DemoMode } from "../demo/state.js";
import { findLesson } from "../lessons/load.js";
import type { Lesson } from "../lessons/types.js";
import { runPlain } from "../ui/plain-run.js";
import { liveTerminalProblem } from "../ui/live/terminal.js";
import { didYouMean } from "../util/suggest.js";
import { parseCommandArgs } from "./args.js";
import { loadContext } from "./context.js";
import { commandHelp } from "./registry.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { displayWidth, padEnd } from "../text/width.js";
import { tutor } from "../util/invocation.js";
import { UsageError, UserError } from "../util/errors.js";
import { listOf } from "../text/list.js";

function help(): string {
  return commandHelp("demo", t("help.demo.text"), [t("help.demo.options", { list: tutor("list"), example: tutor("demo tcp-step-by-step") }), "", t("help.demo.exit")]);
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("demo", argv, {
    plain: { type: "boolean" },
    runtime: { type: "string" },
    step: { type: "boolean" },
    slow: { type: "boolean" },
    syscalls: { type: "boolean" },
    port: { type: "string" },
    packets: { type: "boolean" },
  });
  if (values.help) {
    process.stdout.write(help());
    return 0;
  }
  const runtime = values.runtime;
  if (runtime !== undefined && runtime !== "python" && runtime !== "node") throw new UsageError(t("demo.cmd.badRuntime", { value: escapeTerminal(runtime) }), "demo");
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(t("demo.cmd.badPort", { value: escapeTerminal(values.port) }), "demo");
  }
  if (values.step && values.slow) throw new UsageError(t("demo.cmd.stepOrSlow"), "demo");

  const { lessons, progress } = loadContext();
  const demo = resolveDemo(lessons, positionals[0], positionals[1]);
  if (!demo) return 2;

  // Before any view: a demo that binds :: says at once that it cannot run here (exit 1).
  const refusal = await privateNetworkRefusal(demo.spec);
  if (refusal) throw new UserError(refusal);

  const interactiveTerminal = process.stdout.isTTY === true && process.stdin.isTTY === true;
  // A terminal blessed cannot drive (TERM=dumb) gets the plain view, with one line saying why.
  const termProblem = values.plain !== true && interactiveTerminal ? liveTerminalProblem() : undefined;
  if (termProblem) process.stdout.write(t("demo.cmd.plainTerminal", { term: termProblem }) + "\n");
  const plain = values.plain === true || !interactiveTerminal || termProblem !== undefined;
  // Full screen steps by default, except a demo the learner types into (the chat), which runs.
  const mode: DemoMode = values.step ? "step" : values.slow ? "slow" : plain || demo.spec.interactive ? "run" : "step";
  const requested = (runtime as DemoRuntime | undefined) ?? progress.settings.runtime;
  const choice = await chooseRuntime(requested);
  // Asked for on this command line: running Node instead would not be what was asked. (A
  // choice saved earlier, in a lesson, falls back to Node with a note saying why.)
  if (runtime === "python" && choice.runtime !== "python") {
    throw new UserError(t("demo.cmd.noPython", { why: noPythonReason(), version: MIN_PYTHON.join(".") }));
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
  return runPlain(session, mode, values.packets === true);
}

/** The demo the arguments name, or a clear usage error with the closest names. Undefined after listing a lesson's demos. */
export function resolveDemo(lessons: readonly Lesson[], first: string | undefined, second: string | undefined): LoadedDemo | undefined {
  const all = listDemos();
  if (!first) throw new UsageError(t("demo.cmd.which", { byLesson: tutor("demo 5"), byId: tutor("demo tcp-step-by-step") }), "demo");
  const load = (id: string): LoadedDemo | undefined => {
    try {
      return findDemo(id);
    } catch (err) {
      if (err instanceof DemoSpecError) throw new UserError(t("demo.cmd.broken", { id: escapeTerminal(id), problems: err.problems.map((p) => "  " + formatDemoProblem(p)).join("\n") }));
      throw err;
    }
  };
  const lesson = findLesson(lessons, first);
  const folder = lesson?.folder ?? lessonFolderOnDisk(all.demos, first);
  if (second !== undefined) {
    if (!folder) throw new UsageError(t("demo.cmd.noLesson", { query: escapeTerminal(first), suggestion: didYouMean(first, [...new Set([...lessons.map((l) => l.meta.id), ...demoIds()])]) }), "demo");
    const inLesson = demosOfLesson(lesson, folder, all.demos);
    if (!inLesson.includes(second)) {
      const which = inLesson.length ? t("demo.cmd.itsDemos", { ids: listOf(inLesson) }) : t("demo.cmd.itHasNone");
      throw new UsageError(t("demo.cmd.noDemoInLesson", { lesson: escapeTerminal(first), demo: escapeTerminal(second), suggestion: didYouMean(second, inLesson) }) + which, "demo");
    }
    return load(second) ?? unknownDemo(second);
  }
  if (!folder || demoIds().includes(first)) {
    if (demoIds().includes(first)) return load(first);
    throw new UsageError(t("demo.cmd.noLessonOrDemo", { query: escapeTerminal(first), suggestion: didYouMean(first, [...new Set([...lessons.map((l) => l.meta.id), ...demoIds()])]), list: tutor("list") }), "demo");
  }
  const ids = demosOfLesson(lesson, folder, all.demos);
  if (ids.length === 0) throw new UserError(t("demo.cmd.nothingToRun", { lesson: escapeTerminal(first) }));
  if (ids.length === 1) return load(ids[0]!);
  const label = lesson ? `${lesson.meta.order}` : folder;
  process.stdout.write(t("demo.cmd.lessonDemos", { lesson: lesson ? t("demo.cmd.lessonTitle", { order: lesson.meta.order, title: lesson.meta.title }) : folder, n: ids.length }) + "\n");
  const idWidth = Math.max(...ids.map((i) => displayWidth(i)));
  for (const id of ids) {
    const d = all.demos.find((x) => x.spec.id === id);
    process.stdout.write(`  ${padEnd(id, idWidth)}  ${d?.spec.title ?? ""}\n`);
  }
  process.stdout.write(t("demo.cmd.runOne", { command: tutor(`demo ${label} <demo>`) }) + "\n");
  return undefined;
}

function unknownDemo(id: string): never {
  throw new UsageError(t("demo.cmd.noDemo", { id: escapeTerminal(id), suggestion: didYouMean(id, demoIds()) }), "demo");
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
