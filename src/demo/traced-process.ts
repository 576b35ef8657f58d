import { spawn, type ChildProcess } from "node:child_process";
import { readlinkSync } from "node:fs";
import type { Readable, Writable } from "node:stream";
import type { CallEvent, DemoEvent } from "./events.js";
import { TerminalDecoder } from "../text/escape.js";
import { signalGroup } from "../util/process-group.js";
import { t } from "../text/catalog.js";
import { whenProgramKnown } from "../sandbox/program-pid.js";
import { endReaped, readReaperStatus } from "../sandbox/reaper.js";
import { escapeTerminal } from "../text/escape.js";
import { StraceFollower } from "../kernel/strace.js";
import { StraceCallEvents } from "./strace-calls.js";
import { namespacePids } from "../sandbox/namespace-pids.js";
import { whenStracedProgramKnown } from "./straced-pid.js";
import { commandLine, TRACED_STDIO, type LaunchPlan } from "./launch-plan.js";
import { readTracerEvents } from "./tracer-events.js";

/** The longest the exit waits for the event pipe to end after the program is gone. */
const EVENT_DRAIN_MAX_MS = 2000;

/** Output held before a spawn is announced (a program that floods at once waits for it). */
const HELD_OUTPUT_MAX = 1 << 20;

/** The longest a process's start-up may hold the demo clock (Python on a busy machine takes ~1 s at worst). */
const START_UP_LIMIT_MS = 10_000;


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
    const { cmd, args, statusFd } = commandLine(this.plan);
    const env = { ...this.plan.env, SOCKET_TUTOR_TRACE_MODE: mode, ...(clock ? { SOCKET_TUTOR_CLOCK: clock } : {}) };
    let child: ChildProcess;
    // Taken before spawn(): on a busy machine the tutor may get the CPU back only after the
    // program (under strace, or its tracer) has made its first calls, which are stamped by
    // their own clock. A spawn stamped after them would be listed after its own calls.
    const spawnedAt = now();
    try {
      child = spawn(cmd, args, {
        cwd: this.plan.cwd,
        env,
        // Under strace there is no tracer to talk to: the program gets its three streams
        // only, so its first socket is fd 3 as in a run of its own.
        // A subreaper's status pipe comes after them.
        stdio: Array<"pipe">((this.plan.straced ? 3 : TRACED_STDIO) + (statusFd !== undefined ? 1 : 0)).fill("pipe"),
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
    const leader = child.pid;
    // In a private network, the spawned process is nsenter and the program its child:
    // the views name the program's pid (the one its sockets and its calls show).
    for (const stdio of child.stdio) (stdio as Readable | Writable | null)?.on("error", () => undefined);
    this.control = this.plan.straced ? undefined : (child.stdio[4] as Writable);
    // Under a subreaper the program's exit is the line it reports (it stays, holding what
    // the program left running, until the run ends); its own exit counts when no line came.
    this.reaped = statusFd !== undefined;
    child.on("exit", (code, signal) => this.programEnded(code, signal));
    // Read from the start, not once the spawn is announced: when the spawned process exits,
    // Node discards what an unread pipe still holds (and under a subreaper or nsenter, the
    // program may be gone before its pid is known). Held until the spawn, which they follow.
    this.readPipes(child);
    child.on("close", (code, signal) => {
      this.exitInfo ??= { code, signal };
      this.reportExit();
    });
    const announce = (pid: number): void => {
      this.programPid = pid;
      const straced = this.plan.straced;
      // Stamped when it was spawned, not when its pid is known here: its first calls may come before that.
      if (straced) this.emit({ type: "spawn", proc: this.name, pid, t: spawnedAt, command: straced.shown });
      else this.emit({ type: "spawn", proc: this.name, pid, t: spawnedAt, runtime: this.plan.runtime, file: this.plan.spec[this.plan.runtime], user: this.plan.user?.name });
      this.attach(child);
    };
    const gone = () => this.exitInfo !== undefined;
    // Under strace, the program is strace's child: one level further down.
    const straced = this.plan.straced;
    const found = straced ? (pid: number) => whenStracedProgramKnown(pid, straced.argv[0]!, gone, announce) : announce;
    // Under a subreaper the program is the child it names on its status pipe (none: the
    // program is the leader); in a private network, nsenter's child.
    if (statusFd !== undefined) {
      let named = false;
      const name = (pid: number): void => {
        if (named) return;
        named = true;
        found(pid);
      };
      readReaperStatus(child.stdio[statusFd] as Readable, {
        ended: (code, signal) => {
          this.programEnded(code, signal);
          name(leader);
        },
        forked: name,
        closed: () => name(leader),
      });
      return;
    }
    if (!this.plan.sandbox) return found(leader);
    whenProgramKnown(leader, gone, found);
  }

  /** The program's output and its tracer's events, held (see `send`) until its spawn is announced. */
  private readPipes(child: ChildProcess): void {
    for (const stream of ["stdout", "stderr"] as const) {
      // The program's bytes become display text here, once: escape sequences and invalid
      // UTF-8 are shown as escapes in every view, line breaks and tabs are kept.
      const decoder = new TerminalDecoder({ keepNewlines: true, tabs: "keep" });
      const r = child[stream];
      r?.on("data", (chunk: Buffer) => {
        const text = decoder.write(chunk);
        if (text) this.send({ type: "output", proc: this.name, stream, text, t: now() });
      });
      r?.on("end", () => {
        const text = decoder.end();
        if (text) this.send({ type: "output", proc: this.name, stream, text, t: now() });
      });
    }
    if (!this.plan.straced) this.readEvents(child.stdio[3] as Readable);
  }

  /**
   * Events before the spawn is announced, in order; undefined once it is. Bounded: past
   * HELD_OUTPUT_MAX characters of output, the output pipes wait (the program with them).
   */
  private held: DemoEvent[] | undefined = [];
  private heldChars = 0;

  private send(ev: DemoEvent): void {
    if (!this.held) return this.emit(ev);
    this.held.push(ev);
    if (ev.type !== "output") return;
    this.heldChars += ev.text.length;
    if (this.heldChars > HELD_OUTPUT_MAX) for (const r of [this.child?.stdout, this.child?.stderr]) r?.pause();
  }

  /** The spawn is announced: what was held follows it, and strace's output is read from now (it needs the program's pid). */
  private attach(child: ChildProcess): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const ev of held) this.emit(ev);
    if (this.heldChars > HELD_OUTPUT_MAX) for (const r of [child.stdout, child.stderr]) r?.resume();
    if (this.plan.straced) this.followStrace(this.plan.straced.output);
    this.announced = true;
    // Exited before its pid was known (a short program on a busy machine): its events may
    // still be in the pipe, and the verdict must see them before the exit.
    if (this.exitPending) this.reportExitWhenDrained();
  }

  /** The program ended (the spawned process exited, or the subreaper reported it). */
  private programEnded(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.exitInfo) return;
    this.exitInfo = { code, signal };
    // Give the pipes a moment to drain so the exit comes after the last output.
    this.exitTimer = setTimeout(() => this.reportExitWhenDrained(), 300);
  }

  /**
   * Reports the exit once the event pipe has ended, so the last calls (a connect()'s
   * ECONNREFUSED just before exit) are in the state first; at most EVENT_DRAIN_MAX_MS after
   * this is called, for a pipe a child of the program keeps open.
   */
  private reportExitWhenDrained(): void {
    const events = this.plan.straced ? undefined : (this.child?.stdio[3] as Readable | null | undefined);
    // After this turn's reads: whatever was readable is in the state before the exit.
    const report = (): void => void setImmediate(() => this.reportExit());
    if (!events || events.readableEnded || events.destroyed) return report();
    const drained = (): void => {
      clearTimeout(this.exitTimer);
      report();
    };
    // (The pipe is read from the spawn: its end comes by itself.)
    events.once("end", drained);
    events.once("close", drained);
    this.exitTimer = setTimeout(report, EVENT_DRAIN_MAX_MS);
  }

  /** The program's own pid (in a private network, nsenter's child; under a subreaper, its child; else the spawned process). */
  programPid?: number;
  /** The spawned process is the fallback's subreaper. */
  reaped = false;
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
    this.send(ev);
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

  /**
   * Kills the whole process group at once; the tracer's pipes close with it. Under a
   * subreaper, it ends the run (the program, and what it left running, also after the
   * program itself exited): a group SIGKILL would kill the subreaper first and leave
   * those to init.
   */
  kill(): void {
    if (this.pid === undefined) return;
    if (!this.exited) this.stopped = true;
    if (this.reaperRunning && endReaped(this.pid)) {
      this.control?.destroy();
      return;
    }
    if (this.exited) return;
    if (!signalGroup(this.pid, "SIGKILL")) {
      try {
        this.child?.kill("SIGKILL");
      } catch {
        // already gone
      }
    }
    this.control?.destroy();
  }

  /** The spawned process is the fallback's subreaper (the program its child), and it still runs. */
  get reaperRunning(): boolean {
    return this.reaped && this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves when the spawned process is gone (at once if it never ran); bounded by `timeoutMs`. */
  leaderGone(timeoutMs = 2000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
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
