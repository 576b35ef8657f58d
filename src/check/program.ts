import { spawn, type ChildProcess } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { t } from "../text/catalog.js";
import { onCleanup } from "../util/cleanup.js";
import { guardGroup, type Guardian } from "./guardian.js";
import { LineSplitter, type SplitLine } from "./output.js";
import { groupCpuMs, groupMembers, groupSockets, type KernelSocket } from "./procnet.js";
import { signalGroup } from "../util/process-group.js";
import { endReaped, readReaperStatus } from "../sandbox/reaper.js";

/**
 * The learner's program, as the checks see it: started in its own process group
 * (so everything it starts dies with it), its output captured within bounds, and
 * killed as a group at the end, on Ctrl-C, or when the checker itself is terminated
 * (by a signal it can catch: clean-up; by `kill -9`: the group's guardian, guardian.ts).
 */

export interface LaunchCommand {
  /** Executable and arguments, as given to spawn (no shell). */
  file: string;
  args: string[];
  cwd: string;
  /** How to show the command to the learner ("python3 echo.py"). */
  display: string;
  /**
   * A source to build first (a .c file): the harness compiles it before anything else
   * (compiler.ts) and runs the program that makes; `file` is then not used.
   */
  build?: BuildSource;
}

export interface BuildSource {
  compiler: string;
  /** The absolute path of the .c file. */
  source: string;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** ms after start */
  atMs: number;
}

export type OutputStream = "stdout" | "stderr";

export interface OutputLine {
  stream: OutputStream;
  /** One line, decoded and escaped for a terminal (see output.ts), without its newline. */
  text: string;
}

export interface OutputLimits {
  /** Lines passed on for display, per run; the rest are counted, not kept. */
  maxLines: number;
  /** Bytes of stdout kept raw for checks that compare it (a client's output). */
  maxStdoutBytes: number;
  /** Bytes of stderr kept (the tail) to show when the program crashes. */
  stderrTailBytes: number;
}

/**
 * `verify --live`: start the program through a demo tracer instead (same process
 * group, same output capture), with the tracer's event pipe on fd 3 and its
 * control pipe on fd 4, which is also the lifeline: it closes if the tutor dies.
 * The events are handed to `onEvents` (the view) and kept nowhere else: the tracer
 * runs inside the learner's program, which can forge them, so by construction no
 * ProgramView method and so no check can see them.
 */
export interface TraceHook {
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  onEvents(stream: Readable): void;
}

export const DEFAULT_LIMITS: OutputLimits = { maxLines: 200, maxStdoutBytes: 1 << 20, stderrTailBytes: 8192 };

/** What checks may ask of the program; a traced process in the live view could offer the same. */
export interface ProgramView {
  readonly pid: number;
  readonly command: LaunchCommand;
  exit(): ExitInfo | undefined;
  /** Resolves with the exit, or undefined if still running after `ms`. */
  waitExit(ms: number): Promise<ExitInfo | undefined>;
  /** Raw stdout so far (the first maxStdoutBytes). */
  stdout(): Buffer;
  stdoutTruncated(): boolean;
  /** The last few KiB of stderr as raw text, for matching known errors only: never shown as is. */
  stderrTail(): string;
  /** The same as bytes, starting at a line (for display through output.ts). */
  stderrTailBytes(): Buffer;
  /** CPU time used by the whole group so far, ms (undefined where unknown). */
  cpuMs(): number | undefined;
  /** True if the kernel has a member of the group running or ready to run (not waiting). */
  running(): boolean;
  /** Sockets the group holds, from the kernel (empty where unknown). */
  sockets(): KernelSocket[];
  startedAt: number;
}

/** What the harness needs beyond the checks' view: stopping the group, the output it held back. */
export interface RunningProgram extends ProgramView {
  stop(): Promise<void>;
  flushOutput(): { hiddenBytes: number };
}

/**
 * Starts the learner's program. The default spawns it plainly; the live view can
 * pass one that starts it traced, exactly like a demo, and the checks run unchanged.
 */
export type Launcher = (command: LaunchCommand, env: NodeJS.ProcessEnv, onOutput: (line: OutputLine) => void, limits: OutputLimits, wrap?: CommandWrap) => RunningProgram;

/**
 * Runs a command elsewhere: inside the run's private network and process tree (nsenter
 * around it), or, on the fallback, under a subreaper (sandbox/reaper.ts: `reaped`, and the
 * run is then ended through it, never by a SIGKILL of the group it leads).
 */
export type CommandWrap = (cmd: string, args: readonly string[], where?: WrapPlace) => { cmd: string; args: string[]; reaped?: boolean };

/** Where a wrapped command runs: its folder, and the fd a subreaper reports the program's exit on. */
export interface WrapPlace {
  cwd: string;
  statusFd: number;
}

export const spawnLauncher: Launcher = (command, env, onOutput, limits, wrap) => new LearnerProgram(command, env, onOutput, limits, undefined, wrap);

export class LearnerProgram implements RunningProgram {
  readonly pid: number;
  readonly startedAt = Date.now();
  private child: ChildProcess;
  private exitInfo: ExitInfo | undefined;
  private exitWaiters: Array<() => void> = [];
  private stdoutChunks: Buffer[] = [];
  private stdoutBytes = 0;
  private stdoutCut = false;
  private stderrBuf = Buffer.alloc(0);
  private lines: Record<OutputStream, LineSplitter> = { stdout: new LineSplitter(), stderr: new LineSplitter() };
  private linesShown = 0;
  private hiddenBytes = 0;
  private removeCleanup: () => void;
  private guardian: Guardian;
  private killed = false;
  /** The spawned process is the fallback's subreaper, the program its child. */
  private readonly reaped: boolean;

  constructor(
    readonly command: LaunchCommand,
    env: NodeJS.ProcessEnv,
    private onOutput: (line: OutputLine) => void = () => undefined,
    private limits: OutputLimits = DEFAULT_LIMITS,
    trace?: TraceHook,
    wrap?: CommandWrap,
  ) {
    // In a private network nsenter runs first and forks the program into it; both stay in
    // the group spawned here. detached: a new process group with the child as leader, so
    // -pid reaches all it starts.
    // Under a subreaper the same holds (it leads the group, the program is its child), and
    // the escapees that leave the group are reparented to it.
    // A subreaper's status pipe comes after the tracer's two.
    const statusFd = trace ? 5 : 3;
    const run = (file: string, args: readonly string[]): { cmd: string; args: string[]; reaped?: boolean } => (wrap ? wrap(file, args, { cwd: command.cwd, statusFd }) : { cmd: file, args: [...args] });
    const line = trace ? run(trace.file, trace.args) : run(command.file, command.args);
    this.reaped = line.reaped === true;
    const stdio: Array<"ignore" | "pipe"> = trace ? ["ignore", "pipe", "pipe", "pipe", "pipe"] : ["ignore", "pipe", "pipe"];
    if (this.reaped) stdio.push("pipe");
    this.child = spawn(line.cmd, line.args, { cwd: command.cwd, env: trace ? { ...env, ...trace.env } : env, stdio, detached: true });
    if (trace) {
      for (const extra of [this.child.stdio[3], this.child.stdio[4]]) (extra as Readable | Writable | null)?.on("error", () => undefined);
      trace.onEvents(this.child.stdio[3] as Readable);
    }
    this.pid = this.child.pid ?? -1;
    // Registered before anything can fail: a signal to the checker kills the group,
    // and if the checker dies without a chance to (kill -9), the guardian does.
    this.removeCleanup = onCleanup(() => this.endRun());
    this.guardian = this.pid > 0 ? guardGroup(this.pid, this.reaped) : { release: () => undefined };
    this.child.stdout!.on("data", (d: Buffer) => this.take("stdout", d));
    this.child.stderr!.on("data", (d: Buffer) => this.take("stderr", d));
    this.child.on("error", (err: NodeJS.ErrnoException) => {
      this.take("stderr", Buffer.from(`${t("check.program.couldNotStart", { command: command.display, error: err.code === "ENOENT" ? t("check.program.notFound") : err.message })}\n`));
      this.finish(null, null);
    });
    // 'exit' can come before the last output has been read: give the pipes a moment to drain,
    // so a crash report shows the whole traceback. (Not 'close': a grandchild holding the
    // pipes open would delay it indefinitely.)
    // Under a subreaper the program's exit is the line it reports (it may stay, holding what
    // the program left running, until the run ends); its own exit counts when no line came.
    this.reaperGone = new Promise((resolve) => this.child.once("exit", () => resolve()));
    if (this.reaped) readReaperStatus((this.child.stdio as ReadonlyArray<unknown>)[statusFd] as Readable, { ended: (code, signal) => this.ended(code, signal) });
    this.child.on("exit", (code, signal) => this.ended(code, signal));
  }

  private endedOnce = false;
  /** Resolves when the spawned process (the subreaper, or the program itself) has exited. */
  private readonly reaperGone: Promise<void>;

  private ended(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.endedOnce) return;
    this.endedOnce = true;
    const drained = [this.child.stdout!, this.child.stderr!].map((s) => (s.readableEnded || s.destroyed ? Promise.resolve() : new Promise((r) => s.once("close", r))));
    // Nobody else in the group: the pipes close as soon as the kernel has delivered the
    // last bytes, however slowly this busy event loop reads them. Otherwise, be brief.
    // (A subreaper holds none of the program's pipes: it does not count.)
    const alone = groupMembers(this.pid).every((m) => this.reaped && m.pid === this.pid);
    const timer = setTimeout(() => this.finish(code, signal), alone ? 3000 : 200);
    void Promise.all(drained).then(() => {
      clearTimeout(timer);
      this.finish(code, signal);
    });
  }

  get spawnFailed(): boolean {
    return this.pid < 0;
  }

  private finish(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.exitInfo) return;
    this.exitInfo = { code, signal, atMs: Date.now() - this.startedAt };
    // A last line without a newline belongs before whatever the checks report next.
    this.flushPartial();
    for (const w of this.exitWaiters.splice(0)) w();
  }

  private take(stream: OutputStream, data: Buffer): void {
    if (stream === "stdout") {
      if (this.stdoutBytes < this.limits.maxStdoutBytes) {
        const keep = data.subarray(0, this.limits.maxStdoutBytes - this.stdoutBytes);
        this.stdoutChunks.push(keep);
        this.stdoutBytes += keep.length;
        if (keep.length < data.length) this.stdoutCut = true;
      } else this.stdoutCut = true;
    } else this.keepStderr(data);
    if (this.linesShown >= this.limits.maxLines) {
      this.hiddenBytes += data.length;
      return;
    }
    for (const line of this.lines[stream].push(data)) this.show(stream, line);
  }

  /** Keeps the last stderrTailBytes, from the start of a line when one begins inside them. */
  private keepStderr(data: Buffer): void {
    const max = this.limits.stderrTailBytes;
    if (this.stderrBuf.length + data.length <= max) {
      this.stderrBuf = Buffer.concat([this.stderrBuf, data]);
      return;
    }
    const joined = Buffer.concat([this.stderrBuf.subarray(Math.max(0, this.stderrBuf.length + data.length - max)), data.subarray(Math.max(0, data.length - max))]);
    const nl = joined.indexOf(0x0a);
    this.stderrBuf = nl >= 0 && nl < joined.length - 1 ? joined.subarray(nl + 1) : joined;
  }

  private show(stream: OutputStream, line: SplitLine): void {
    if (this.linesShown >= this.limits.maxLines) {
      this.hiddenBytes += line.bytes;
      return;
    }
    this.linesShown++;
    this.onOutput({ stream, text: line.text });
  }

  /** Output still held back: the last unterminated line, and how much was not shown. */
  flushOutput(): { hiddenBytes: number } {
    this.flushPartial();
    return { hiddenBytes: this.hiddenBytes };
  }

  private flushPartial(): void {
    for (const stream of ["stdout", "stderr"] as const) {
      const rest = this.lines[stream].flush();
      if (rest !== undefined) this.show(stream, rest);
    }
  }

  exit(): ExitInfo | undefined {
    return this.exitInfo;
  }

  waitExit(ms: number): Promise<ExitInfo | undefined> {
    if (this.exitInfo) return Promise.resolve(this.exitInfo);
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        resolve(this.exitInfo);
      };
      const timer = setTimeout(() => {
        this.exitWaiters = this.exitWaiters.filter((w) => w !== done);
        resolve(undefined);
      }, ms);
      this.exitWaiters.push(done);
    });
  }

  stdout(): Buffer {
    return Buffer.concat(this.stdoutChunks);
  }

  stdoutTruncated(): boolean {
    return this.stdoutCut;
  }

  stderrTail(): string {
    return this.stderrBuf.toString("utf8");
  }

  stderrTailBytes(): Buffer {
    return this.stderrBuf;
  }

  cpuMs(): number | undefined {
    return this.pid > 0 ? groupCpuMs(this.pid) : undefined;
  }

  running(): boolean {
    return this.pid > 0 && groupMembers(this.pid).some((m) => m.state === "R");
  }

  sockets(): KernelSocket[] {
    // Unnamed Unix sockets are the stdout/stderr pipes Node gave it (socketpairs), not the learner's.
    return this.pid > 0 ? groupSockets(this.pid).filter((s) => s.table !== "unix" || s.path !== "") : [];
  }

  private killGroup(signal: NodeJS.Signals): void {
    if (this.pid > 0) signalGroup(this.pid, signal);
  }

  /** The subreaper still runs (it has not exited, nor been reaped). */
  private get reaperRunning(): boolean {
    return this.reaped && this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * Ends everything at once, synchronously: through the subreaper while it runs (a group
   * SIGKILL would kill it first and leave the escapees to init), else by the group.
   */
  private endRun(): void {
    if (this.reaperRunning && endReaped(this.pid)) return;
    this.killGroup("SIGKILL");
  }

  /**
   * Stops the whole group and waits until no member is left, so that when verify
   * returns no learner process runs and no port is bound. SIGTERM first (a program
   * may remove its Unix socket file), SIGKILL after a short grace.
   */
  async stop(graceMs = 150): Promise<void> {
    if (this.killed) return;
    this.killed = true;
    if (this.pid > 0) {
      if (!this.exitInfo || groupMembers(this.pid).length > 0) {
        // Under a subreaper, SIGTERM reaches the program only (the subreaper waits for it).
        this.killGroup("SIGTERM");
        await this.waitExit(graceMs);
        this.endRun();
        await this.waitExit(1000);
      }
      // A subreaper ends the rest itself: a group SIGKILL now would kill it first.
      if (this.reaperRunning) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([this.reaperGone, new Promise((r) => (timer = setTimeout(r, 1000)))]);
        clearTimeout(timer);
      }
      // Grandchildren are not our children: poll until the group is empty (bounded).
      for (let i = 0; i < 100 && groupMembers(this.pid).length > 0; i++) {
        this.killGroup("SIGKILL");
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
    // The group is empty: nothing left to guard. (If a member survived 1 s of SIGKILLs, the
    // guardian stays: it kills the group again when the tutor exits.)
    if (this.pid <= 0 || groupMembers(this.pid).length === 0) this.guardian.release();
    this.removeCleanup();
  }
}
