/**
 * How one demo process is started: its interpreter, tracer, program, folder and
 * environment, and for an `unprivileged` process run by root, a copy of the demo's
 * folder that the other user can read; and the command line that starts it (inside the
 * run's private network, or on the fallback under the subreaper).
 */
import { chmodSync, chownSync, copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { buildStraceCommand, straceStatus } from "../kernel/strace.js";
import path from "node:path";
import type { ReaperWrap } from "../sandbox/reaper.js";
import { t } from "../text/catalog.js";
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
  /** The fallback's subreaper (sandbox/reaper.ts), for a run without a private network. */
  reaper?: ReaperWrap;
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
  // (Another user may not read the subreaper's script: it then runs with the group clean-up only.)
  else if (run.reaper && !user) plan.reaper = run.reaper;
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
  else if (run.reaper) plan.reaper = run.reaper;
  return plan;
}

/** How to run one demo program under its tracer. */
export interface LaunchPlan {
  spec: DemoProcessSpec;
  runtime: DemoRuntime;
  /** The interpreter: python3's real executable, or node. */
  executable: string;
  /** The tracer file (Python) or preload (Node). */
  tracer: string;
  /** The program, absolute. */
  program: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Run as this user (an `unprivileged` process when the tutor is root). */
  user?: { name: string; uid: number; gid: number };
  /** Wrap the command line in strace (the syscall view). */
  strace?: (argv: string[]) => { command: string; args: string[] };
  /** Run inside the run's private network and process tree (sandbox/namespace.ts). */
  sandbox?: { wrap(cmd: string, args: readonly string[]): { cmd: string; args: string[] } };
  /**
   * Without one (the fallback): run under the subreaper, so what the program leaves
   * running (a setsid() daemon, strace's tracee) ends with the run, even after kill -9.
   */
  reaper?: ReaperWrap;
  /**
   * No tracer: `argv` runs under strace (`strace`, its path), which writes its calls to
   * `output`; they become the process's CallEvents (strace-calls.ts). `shown`: its command line for the views.
   */
  straced?: { argv: string[]; output: string; strace: string; shown: string; syscalls?: boolean };
}

/** The stdio of a traced program: its three streams, the tracer's event pipe (3) and control pipe (4). */
export const TRACED_STDIO = 5;

/**
 * The command that starts a plan's program; `statusFd`, when a subreaper leads it: the pipe
 * (after the program's own) it reports the program's exit on.
 */
export function commandLine(plan: LaunchPlan): { cmd: string; args: string[]; statusFd?: number } {
  // Under strace there is no tracer: the program has its three streams only.
  const statusFd = plan.straced ? 3 : TRACED_STDIO;
  const around = (cmd: string, args: string[]): { cmd: string; args: string[]; statusFd?: number } => {
    if (plan.sandbox) return plan.sandbox.wrap(cmd, args);
    const wrapped = plan.reaper?.(cmd, args, { cwd: plan.cwd, statusFd });
    return wrapped?.reaped ? { cmd: wrapped.cmd, args: wrapped.args, statusFd } : { cmd, args };
  };
  if (plan.straced) {
    // -T: each call's duration, for its end time. Inside the private network, as below.
    const s = buildStraceCommand(plan.straced.argv, { outputPath: plan.straced.output, strace: plan.straced.strace, durations: true });
    return around(s.command, s.args);
  }
  const own = [...(plan.spec.args ?? [])];
  const inner =
    plan.runtime === "python"
      ? { cmd: plan.executable, args: [plan.tracer, plan.program, ...own] }
      : { cmd: plan.executable, args: ["--import", pathToFileURL(plan.tracer).href, plan.program, ...own] };
  // strace inside the private network, not around nsenter: -yy names a socket's addresses
  // by asking the kernel of its own network, which must be the program's.
  const traced = plan.strace ? plan.strace([inner.cmd, ...inner.args]) : { command: inner.cmd, args: inner.args };
  return around(traced.command, traced.args);
}
