import { spawn, type ChildProcess } from "node:child_process";
import { readlinkSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { Readable, Writable } from "node:stream";
import type { CallEvent, DemoEvent } from "./events.js";
import type { DemoProcessSpec, DemoRuntime } from "./spec.js";
import { TerminalDecoder } from "../text/escape.js";
import { EVENT_LIMITS, RateBudget, sanitizeCall } from "./tracer-lines.js";
import { signalGroup } from "../util/process-group.js";
import { t } from "../text/catalog.js";
import { whenProgramKnown } from "../sandbox/program-pid.js";
import { escapeTerminal } from "../text/escape.js";
import { buildStraceCommand, StraceFollower } from "../kernel/strace.js";
import { StraceCallEvents } from "./strace-calls.js";
import { namespacePids } from "../sandbox/namespace-pids.js";
import { whenStracedProgramKnown } from "./straced-pid.js";

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
   * No tracer: `argv` runs under strace (`strace`, its path), which writes its calls to
   * `output`; they become the process's CallEvents (strace-calls.ts). `shown`: its command line for the views.
   */
  straced?: { argv: string[]; output: string; strace: string; shown: string; syscalls?: boolean };
}

/**
 * One JSON line from a tracer's event pipe, as the call event of process `proc`;
 * undefined if it is not one. The line may be forged by the traced program: the event
 * is rebuilt field by field, strings escaped and bounded (see tracer-lines.ts).
 */
export function parseTracerLine(line: string, proc: string): CallEvent | undefined {
  const m = parseTracerMessage(line, proc);
  return m === "ready" ? undefined : m;
}

/** A tracer line: a call event, "ready" (its start-up is over, the program runs next), or nothing. */
function parseTracerMessage(line: string, proc: string): CallEvent | "ready" | undefined {
  if (line.length > EVENT_LIMITS.lineChars) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (isCallEvent(parsed)) return sanitizeCall(parsed, proc);
  return typeof parsed === "object" && parsed !== null && (parsed as { type?: unknown }).type === "ready" ? "ready" : undefined;
}

/**
 * Reads a tracer's event pipe line by line, at a bounded cost whatever is written to
 * it: a line longer than EVENT_LIMITS.lineChars is skipped to its newline (never held),
 * and lines beyond the rate limits are dropped unparsed and counted (`onDropped`).
 * Events are for the display only: nothing that decides a verdict reads them.
 * `onReady` hears the tracer say its start-up is over (a demo holds its clock until then).
 */
export function readTracerEvents(stream: Readable, proc: string, onEvent: (ev: CallEvent) => void, onDropped?: (count: number) => void, onReady?: () => void): void {
  const lines = new RateBudget(EVENT_LIMITS.linesPerSecond);
  const chars = new RateBudget(EVENT_LIMITS.charsPerSecond);
  let held = "";
  // Inside a line that grew past the limit: everything up to its newline is dropped.
  let skipping = false;
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    let dropped = 0;
    let start = 0;
    for (let nl = chunk.indexOf("\n"); nl >= 0; nl = chunk.indexOf("\n", start)) {
      const from = start;
      const before = held;
      held = "";
      start = nl + 1;
      if (skipping) {
        skipping = false;
        continue;
      }
      if (before.length + (nl - from) > EVENT_LIMITS.lineChars) continue;
      const line = before + chunk.slice(from, nl);
      if (!lines.take() || !chars.take(line.length)) {
        dropped++;
        continue;
      }
      const ev = parseTracerMessage(line, proc);
      if (ev === "ready") onReady?.();
      else if (ev) onEvent(ev);
    }
    if (!skipping && start < chunk.length) {
      held += chunk.slice(start, start + EVENT_LIMITS.lineChars + 1);
      if (held.length > EVENT_LIMITS.lineChars) {
        held = "";
        skipping = true;
      }
    }
    if (dropped && onDropped) onDropped(dropped);
    // Over budget: stop reading for a moment. The writer then fills the pipe and waits, and
    // the next read takes a whole pipe's worth, so a flood costs a few reads a second rather
    // than one per small write (which, on a busy machine, is what the scheduler hands us).
    // Short, because a program's own tracer writes to the same pipe and waits with it.
    if (dropped && !stream.isPaused()) {
      stream.pause();
      setTimeout(() => stream.resume(), FLOOD_PAUSE_MS).unref();
    }
  });
}

/** The longest the exit waits for the event pipe to end after the program is gone. */
const EVENT_DRAIN_MAX_MS = 2000;

/** The longest a process's start-up may hold the demo clock (Python on a busy machine takes ~1 s at worst). */
const START_UP_LIMIT_MS = 10_000;

/** How long reading stops when a tracer writes more than the display's budget. */
const FLOOD_PAUSE_MS = 50;

export function commandLine(plan: LaunchPlan): { cmd: string; args: string[] } {
  if (plan.straced) {
    // -T: each call's duration, for its end time. Inside the private network, as below.
    const s = buildStraceCommand(plan.straced.argv, { outputPath: plan.straced.output, strace: plan.straced.strace, durations: true });
    return plan.sandbox ? plan.sandbox.wrap(s.command, s.args) : { cmd: s.command, args: s.args };
  }
  const own = [...(plan.spec.args ?? [])];
  const inner =
    plan.runtime === "python"
      ? { cmd: plan.executable, args: [plan.tracer, plan.program, ...own] }
      : { cmd: plan.executable, args: ["--import", pathToFileURL(plan.tracer).href, plan.program, ...own] };
  // strace inside the private network, not around nsenter: -yy names a socket's addresses
  // by asking the kernel of its own network, which must be the program's.
  const traced = plan.strace ? plan.strace([inner.cmd, ...inner.args]) : { command: inner.cmd, args: inner.args };
  return plan.sandbox ? plan.sandbox.wrap(traced.command, traced.args) : { cmd: traced.command, args: traced.args };
}

const PHASES = new Set(["pending", "start", "end"]);

function isCallEvent(v: unknown): v is Omit<CallEvent, "proc"> {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  return o.type === "call" && typeof o.seq === "number" && typeof o.call === "string" && typeof o.phase === "string" && PHASES.has(o.phase) && typeof o.t === "number" && Array.isArray(o.args) && typeof o.pid === "number";
}

/**
 * One demo program running under its tracer, in its own process group, with its
 * stdout/stderr turned into OutputEvents and its fd 3 into CallEvents. fd 4 is the
 * control pipe: closing it (or the tutor dying) makes the tracer exit at once.
 */
export class TracedProcess {
  readonly name: string;
  child?: ChildProcess;
  pid?: number;
  /** Calls paused in step mode, oldest first. */
  readonly pending: number[] = [];
  exited = false;
  /** The tutor ended it (stop, restart, deadline, a keepsRunning server at the end). */
  stopped = false;
  private control?: Writable;
  private exitInfo?: { code: number | null; signal: NodeJS.Signals | null };
  private exitTimer?: NodeJS.Timeout;
  private reported = false;
  private readonly exitWaiters: (() => void)[] = [];

  /** The tracer said its start-up is over (or it ended, or took too long to say so). */
  ready = false;
  private readyTimer?: NodeJS.Timeout;

  constructor(
    readonly plan: LaunchPlan,
    private readonly emit: (ev: DemoEvent) => void,
    private readonly onExit: (p: TracedProcess) => void,
    private readonly onReady: (p: TracedProcess) => void = () => undefined,
  ) {
    this.name = plan.spec.name;
  }

  /** Started, and its interpreter and tracer are still loading: the program has not run yet. */
  get starting(): boolean {
    return this.started && !this.exited && !this.ready;
  }

  private markReady(): void {
    if (this.ready) return;
    this.ready = true;
    clearTimeout(this.readyTimer);
    this.onReady(this);
  }

  /** Starts the program; `clock` is the demo clock's control line now (DemoClock.line()), which the tracer starts from. */
  start(mode: "step" | "run", clock?: string): void {
    const { cmd, args } = commandLine(this.plan);
    const env = { ...this.plan.env, SOCKET_TUTOR_TRACE_MODE: mode, ...(clock ? { SOCKET_TUTOR_CLOCK: clock } : {}) };
    let child: ChildProcess;
    try {
      child = spawn(cmd, args, {
        cwd: this.plan.cwd,
        env,
        // Under strace there is no tracer to talk to: the program gets its three streams
        // only, so its first socket is fd 3 as in a run of its own.
        stdio: this.plan.straced ? ["pipe", "pipe", "pipe"] : ["pipe", "pipe", "pipe", "pipe", "pipe"],
        // Its own process group (a new session): stopping the demo kills the group,
        // and Ctrl-C in the tutor's terminal reaches only the tutor, which cleans up.
        detached: true,
        uid: this.plan.user?.uid,
        gid: this.plan.user?.gid,
      });
    } catch (err) {
      this.failToStart(err as Error);
      return;
    }
    this.child = child;
    this.pid = child.pid;
    // A tracer that never says it is ready (a broken interpreter that hangs) must not hold
    // the demo clock for ever: after this long its start-up counts as over. Under strace
    // there is no tracer to wait for (and no demo clock the program follows).
    if (this.plan.straced) this.ready = true;
    else {
      this.readyTimer = setTimeout(() => this.markReady(), START_UP_LIMIT_MS);
      this.readyTimer.unref();
    }
    child.on("error", (err) => {
      if (this.pid === undefined) this.failToStart(err);
    });
    if (child.pid === undefined) return; // 'error' follows
    // In a private network, the spawned process is nsenter and the program its child:
    // the views name the program's pid (the one its sockets and its calls show).
    for (const stdio of child.stdio) (stdio as Readable | Writable | null)?.on("error", () => undefined);
    this.control = this.plan.straced ? undefined : (child.stdio[4] as Writable);
    child.on("exit", (code, signal) => {
      this.exitInfo = { code, signal };
      // Give the pipes a moment to drain so the exit comes after the last output.
      this.exitTimer = setTimeout(() => this.reportExitWhenDrained(), 300);
    });
    child.on("close", (code, signal) => {
      this.exitInfo ??= { code, signal };
      this.reportExit();
    });
    const leader = child.pid;
    const spawnedAt = now();
    const announce = (pid: number): void => {
      this.programPid = pid;
      const straced = this.plan.straced;
      // Stamped when it was spawned: its first calls (strace's stamps) may come before the exec is seen here.
      if (straced) this.emit({ type: "spawn", proc: this.name, pid, t: spawnedAt, command: straced.shown });
      else this.emit({ type: "spawn", proc: this.name, pid, t: now(), runtime: this.plan.runtime, file: this.plan.spec[this.plan.runtime], user: this.plan.user?.name });
      this.attach(child);
    };
    const gone = () => this.exitInfo !== undefined;
    // Under strace, the program is strace's child: one level further down.
    const straced = this.plan.straced;
    const found = straced ? (pid: number) => whenStracedProgramKnown(pid, straced.argv[0]!, gone, announce) : announce;
    if (!this.plan.sandbox) return found(leader);
    whenProgramKnown(leader, gone, found);
  }

  /** The program's output and its tracer's events, once its spawn is announced. */
  private attach(child: ChildProcess): void {
    for (const stream of ["stdout", "stderr"] as const) {
      // The program's bytes become display text here, once: escape sequences and invalid
      // UTF-8 are shown as escapes in every view, line breaks and tabs are kept.
      const decoder = new TerminalDecoder({ keepNewlines: true, tabs: "keep" });
      const r = child[stream];
      r?.on("data", (chunk: Buffer) => {
        const text = decoder.write(chunk);
        if (text) this.emit({ type: "output", proc: this.name, stream, text, t: now() });
      });
      r?.on("end", () => {
        const text = decoder.end();
        if (text) this.emit({ type: "output", proc: this.name, stream, text, t: now() });
      });
    }
    if (this.plan.straced) this.followStrace(this.plan.straced.output);
    else this.readEvents(child.stdio[3] as Readable);
    this.announced = true;
    // Exited before its pid was known (a short program on a busy machine): its events are
    // still in the pipe just attached, and the verdict must see them before the exit.
    if (this.exitPending) this.reportExitWhenDrained();
  }

  /**
   * Reports the exit once the event pipe has ended, so the last calls (a connect()'s
   * ECONNREFUSED just before exit) are in the state first; at most EVENT_DRAIN_MAX_MS after
   * this is called, for a pipe a child of the program keeps open.
   */
  private reportExitWhenDrained(): void {
    const events = this.plan.straced ? undefined : (this.child?.stdio[3] as Readable | null | undefined);
    const since = performance.now();
    const check = (): void => {
      if (this.reported) return;
      if (this.announced && events && !events.readableEnded && !events.destroyed && performance.now() - since < EVENT_DRAIN_MAX_MS) {
        this.exitTimer = setTimeout(check, 20);
        return;
      }
      // After this turn's reads: whatever was readable is in the state before the exit.
      setImmediate(() => this.reportExit());
    };
    check();
  }

  /** The program's own pid (in a private network, nsenter's child; else the spawned process). */
  programPid?: number;
  private announced = false;
  private exitPending = false;

  private failToStart(err: Error): void {
    this.emit({ type: "output", proc: this.name, stream: "stderr", text: t("demo.session.couldNotStart", { program: escapeTerminal(this.plan.executable), error: escapeTerminal(err.message) }) + "\n", t: now() });
    this.exitInfo = { code: null, signal: null };
    // Nothing was spawned, so no spawn event will come: the exit is reported now.
    this.announced = true;
    this.reportExit();
  }

  /** strace's output, tailed: each socket call becomes this process's CallEvents (strace-calls.ts). */
  private followStrace(file: string): void {
    const pids = this.plan.sandbox ? namespacePids(this.programPid!) : (pid: number) => pid;
    const events = new StraceCallEvents(this.name, pids, (ev) => this.handleEvent(ev), now, stdioInodes(this.programPid!));
    const syscalls = this.plan.straced?.syscalls === true;
    const follower = new StraceFollower(
      file,
      (c) => {
        events.finished(c);
        // The syscall view, when it is on: the same lines, as strace wrote them.
        if (syscalls) this.emit({ type: "syscall", proc: this.name, pid: pids(c.pid), text: c.text, t: c.t ?? now() });
      },
      { pollMs: 50 },
    );
    // A call that blocks (accept(), recv()) is shown while it waits: strace has written its start only.
    const timer = setInterval(() => {
      for (const c of follower.pending()) events.started(c);
    }, 50);
    timer.unref();
    this.stopFollowing = () => {
      clearInterval(timer);
      follower.stop();
    };
  }

  /** Reads the rest of strace's output (once the program has exited) and stops. */
  private stopFollowing?: () => void;

  private readEvents(stream: Readable): void {
    readTracerEvents(stream, this.name, (ev) => this.handleEvent(ev), undefined, () => this.markReady());
  }

  private handleEvent(ev: CallEvent): void {
    this.markReady();
    if (ev.phase === "pending") this.pending.push(ev.seq);
    else {
      const i = this.pending.indexOf(ev.seq);
      if (i >= 0) this.pending.splice(i, 1);
    }
    this.emit(ev);
  }

  private reportExit(): void {
    // The exit comes after the spawn it ends (announced once the program's pid is known).
    if (!this.announced) {
      this.exitPending = true;
      return;
    }
    if (this.reported) return;
    this.reported = true;
    clearTimeout(this.exitTimer);
    clearTimeout(this.readyTimer);
    // The last calls (the closes before exit) come before the exit.
    this.stopFollowing?.();
    this.stopFollowing = undefined;
    this.exited = true;
    this.pending.length = 0;
    const info = this.exitInfo ?? { code: null, signal: null };
    this.emit({ type: "exit", proc: this.name, pid: this.pid ?? 0, code: info.code, signal: info.signal, stopped: this.stopped, t: now() });
    for (const w of this.exitWaiters.splice(0)) w();
    this.onExit(this);
  }

  /** A control command ("c 3", "r", "s", "t run 120.000 5000.000"); false when the process is gone. */
  command(cmd: string): boolean {
    if (this.exited || !this.control || this.control.destroyed) return false;
    this.control.write(cmd + "\n");
    return true;
  }

  /** Continues one paused call: the given one, else the oldest. */
  continueCall(seq?: number): boolean {
    const target = seq ?? this.pending[0];
    if (target === undefined || !this.pending.includes(target)) return false;
    return this.command(`c ${target}`);
  }

  writeInput(text: string): boolean {
    const stdin = this.child?.stdin;
    if (this.exited || !stdin || stdin.destroyed) return false;
    stdin.write(text);
    return true;
  }

  /** Kills the whole process group at once; the tracer's pipes close with it. */
  kill(): void {
    if (this.exited || this.pid === undefined) return;
    this.stopped = true;
    if (!signalGroup(this.pid, "SIGKILL")) {
      try {
        this.child?.kill("SIGKILL");
      } catch {
        // already gone
      }
    }
    this.control?.destroy();
  }

  /** Resolves when the exit has been reported (or at once if it has). */
  waitExit(timeoutMs = 3000): Promise<void> {
    if (this.reported) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.exitInfo ??= { code: null, signal: "SIGKILL" };
        this.reportExit();
      }, timeoutMs);
      this.exitWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  get started(): boolean {
    return this.child !== undefined || this.reported;
  }
}

/** The socket inodes behind a process's fds 0-2 (Node's stdio pipes are socketpairs). */
function stdioInodes(pid: number): Set<number> {
  const out = new Set<number>();
  for (const fd of [0, 1, 2]) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) out.add(Number(m[1]));
    } catch {
      // gone, or not ours to read
    }
  }
  return out;
}

export function now(): number {
  return performance.timeOrigin + performance.now();
}
