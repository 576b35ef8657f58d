/**
 * How one demo process is started: its interpreter, tracer, program, folder and
 * environment, and for an `unprivileged` process run by root, a copy of the demo's
 * folder that the other user can read.
 */
import { chmodSync, chownSync, copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { straceStatus } from "../kernel/strace.js";
import path from "node:path";
import { t } from "../text/catalog.js";
import type { LaunchPlan } from "./traced-process.js";
import { nodePreload, pythonTracer } from "./tracer-files.js";
import type { DemoProcessSpec, DemoRuntime } from "./spec.js";
import { usableAs, type SystemUser } from "./users.js";
import type { StraceSupport } from "./syscalls.js";
import type { RunSandbox } from "../sandbox/namespace.js";

/** What every process of one run shares. */
export interface RunSetting {
  runtime: DemoRuntime;
  /** The Python interpreter found for this run (Node is the tutor's own). */
  python?: string;
  demoDir: string;
  tempDir: string;
  host: string;
  port?: number;
  socketPath?: string;
  sandbox?: RunSandbox;
  strace?: StraceSupport;
  /** A note for the run's view. */
  note(text: string, level: "info" | "warn"): void;
}

export async function planLaunch(run: RunSetting, p: DemoProcessSpec, user: SystemUser | undefined): Promise<LaunchPlan> {
  if (p.straced) return planStraced(run, p, p.straced);
  const runtime = run.runtime;
  let executable = runtime === "python" ? run.python! : process.execPath;
  let tracer = runtime === "python" ? pythonTracer() : nodePreload();
  let program = path.join(run.demoDir, p[runtime]);
  let cwd = run.demoDir;
  const env: NodeJS.ProcessEnv = { ...process.env, ...p.env, PYTHONUNBUFFERED: "1", PYTHONDONTWRITEBYTECODE: "1" };
  delete env.NODE_OPTIONS;
  if (run.port !== undefined) {
    env.HOST = run.host;
    env.PORT = String(run.port);
  }
  if (run.socketPath) env.SOCKET_PATH = run.socketPath;
  if (user) {
    // The unprivileged user may not reach the tutor's files (a home folder with
    // mode 700): copy the demo folder and the tracer into the private temp dir.
    const dir = path.join(run.tempDir, `run-${p.name.replace(/[^a-zA-Z0-9_-]/g, "_")}`);
    mkdirSync(dir, { mode: 0o755 });
    for (const f of readdirSync(run.demoDir)) {
      const src = path.join(run.demoDir, f);
      if (statSync(src).isFile()) {
        copyFileSync(src, path.join(dir, f));
        chmodSync(path.join(dir, f), 0o644);
      }
    }
    const tracerCopy = path.join(dir, runtime === "python" ? "socket_tutor_trace.py" : "socket-tutor-preload.mjs");
    copyFileSync(tracer, tracerCopy);
    chmodSync(tracerCopy, 0o644);
    chownSync(dir, user.uid, user.gid);
    tracer = tracerCopy;
    program = path.join(dir, p[runtime]);
    cwd = dir;
    const exe = await usableAs(runtime, executable, user);
    if (exe) executable = exe;
    else run.note(t("demo.session.noInterpreter", { runtime: runtime === "python" ? "Python" : "Node", user: user.name, name: p.name }), "warn");
    env.HOME = dir;
    env.USER = user.name;
    env.LOGNAME = user.name;
    run.note(t("demo.session.asUser", { name: p.name, user: user.name }), "info");
  }
  // (An `unprivileged` process of a tutor that is not root runs as the learner: the kernel's answer is theirs.)
  const plan: LaunchPlan = { spec: p, runtime, executable, tracer, program, cwd, env, user };
  if (run.sandbox) plan.sandbox = run.sandbox;
  const strace = run.strace;
  if (strace?.available) plan.strace = (argv) => strace.wrap(p.name, argv);
  return plan;
}

/**
 * A program with no tracer (`trace` of a C program or a command): strace runs it and
 * writes its calls to a file in the run's private temp dir, which the tutor tails
 * (TracedProcess). strace cannot hold a call for a key, so the run says it has no steps.
 */
async function planStraced(run: RunSetting, p: DemoProcessSpec, straced: NonNullable<DemoProcessSpec["straced"]>): Promise<LaunchPlan> {
  const status = await straceStatus();
  const env: NodeJS.ProcessEnv = { ...process.env, ...p.env };
  delete env.NODE_OPTIONS;
  if (run.port !== undefined) {
    env.HOST = run.host;
    env.PORT = String(run.port);
  }
  const output = path.join(run.tempDir, `strace-${p.name.replace(/[^a-zA-Z0-9_-]/g, "_")}.calls.txt`);
  writeFileSync(output, "", { mode: 0o644 });
  run.note(t("trace.runOnly"), "info");
  const executable = straced.argv[0]!;
  const plan: LaunchPlan = {
    spec: p,
    runtime: run.runtime,
    executable,
    tracer: "",
    program: executable,
    cwd: run.demoDir,
    env,
    straced: { argv: [...straced.argv], output, strace: status.path ?? "strace", shown: straced.shown, syscalls: run.strace?.available === true },
  };
  if (run.sandbox) plan.sandbox = run.sandbox;
  return plan;
}
