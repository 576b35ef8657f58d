/**
 * `socket-tutor trace`: a program of the learner's run as if it were a demo, so it gets
 * everything a demo has — its own private network and process tree (everything dies
 * with the tutor), its socket calls through the tracer of its language, the kernel's
 * table, the packets — and, for a server, the tutor's built-in client (trace-client/):
 * started once the program's listen() returned, it connects to the port the program
 * listens on (the only listener in the run's private network) and sends what the
 * learner types into it.
 *
 * Python (.py) and JavaScript (.js, .mjs, .cjs) programs run under the tracer of their
 * language, which lives inside the interpreter (and can hold a call in step mode).
 * Anything else (a C executable, a .c file built first, any command) runs under strace
 * (`straced`): the same calls, read from strace's output, with no stepping.
 */
import { statSync } from "node:fs";
import path from "node:path";
import { packageRoot } from "../paths.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { UserError } from "../util/errors.js";
import type { LoadedDemo } from "./load.js";
import type { DemoRuntime, DemoSpec } from "./spec.js";

/** A program with no tracer of its language, run under strace (DemoProcessSpec.straced). */
export interface StracedProgram {
  /** The executable, absolute. */
  file: string;
  /** How the views name it: "./server", "./server (cc server.c)", "ncat". */
  shown: string;
  /** The folder it runs in. */
  dir: string;
  /** Its source, shown in its pane (the .c file it was built from). */
  source?: string;
}

/** The program's file, absolute, when it is a file; else a UserError that says what it is. */
export function programFile(file: string): string {
  const shown = escapeTerminal(file);
  const full = path.resolve(file);
  try {
    if (!statSync(full).isFile()) throw new UserError(t("trace.notAFile", { file: shown }));
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(t("trace.noFile", { file: shown }));
  }
  return full;
}

/** The traced program's process name, and the built-in client's. */
export const TRACE_PROGRAM = "program";
export const TRACE_CLIENT = "client";

/** The runtime that traces a file, by its extension; undefined: no tracer for it. */
export function traceRuntime(file: string): DemoRuntime | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".py") return "python";
  if (ext === ".js" || ext === ".mjs" || ext === ".cjs") return "node";
  return undefined;
}

export function traceClientFiles(): { python: string; node: string } {
  const dir = path.join(packageRoot, "src", "demo", "trace-client");
  return { python: path.join(dir, "socket_tutor_client.py"), node: path.join(dir, "socket-tutor-client.mjs") };
}

/**
 * The learner's program as a demo. `port`: the built-in client connects there instead
 * of looking for the program's listener (for runs without a private network, where the
 * kernel's table lists every program's listeners); `shared`: such a run, as its summary says.
 */
export function traceDemo(file: string, args: readonly string[], opts: { port?: number; straced?: StracedProgram; shared?: boolean } = {}): { demo: LoadedDemo; runtime: DemoRuntime } {
  const straced = opts.straced;
  const full = straced ? straced.file : programFile(file);
  const runtime = straced ? "node" : traceRuntime(full);
  // Without a tracer of its language, it runs under strace: the caller says how (StracedProgram).
  if (!runtime) throw new Error(`traceDemo: ${file} needs a tracer or strace`);
  // Its source is shown in the pane: a program, not a data file.
  if (!straced && statSync(full).size > 1 << 20) throw new UserError(t("trace.tooBig", { file: escapeTerminal(file) }));
  const dir = straced?.dir ?? path.dirname(full);
  const base = path.basename(full);
  const client = traceClientFiles();
  const spec: DemoSpec = {
    id: "trace",
    title: t("trace.title", { file: escapeTerminal(straced ? path.basename(straced.source ?? straced.shown) : base) }),
    // `shared`: no private network here (the run shares the machine's, and has no packets).
    summary: t(opts.shared ? "trace.summaryShared" : "trace.summary"),
    interactive: true,
    processes: [
      {
        name: TRACE_PROGRAM,
        side: "left",
        python: base,
        node: base,
        ...(straced ? { straced: { argv: [full, ...args], shown: [straced.shown, ...args].join(" "), ...(straced.source ? { source: straced.source } : {}) } } : { args: [...args] }),
      },
      {
        name: TRACE_CLIENT,
        side: "right",
        python: path.relative(dir, client.python),
        node: path.relative(dir, client.node),
        after: { process: TRACE_PROGRAM, call: "listen" },
        // The run is over when the program is: the client is stopped then, not a failure.
        keepsRunning: true,
        ...(opts.port !== undefined ? { env: { SOCKET_TUTOR_TRACE_PORT: String(opts.port) } } : {}),
      },
    ],
  };
  return { demo: { spec, dir, file: full, lessonFolder: "" }, runtime };
}
