import { chmodSync, chownSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { readSocketTable } from "../kernel/table.js";
import { childPids } from "../kernel/owners.js";
import { onCleanup } from "../util/cleanup.js";
import type { DemoEvent, KernelTimerNotice } from "./events.js";
import type { LoadedDemo } from "./load.js";
import { choosePort, LOOPBACK } from "./ports.js";
import type { RuntimeChoice } from "./runtime.js";
import type { DemoProcessSpec, DemoRuntime } from "./spec.js";
import { initialState, reduce, type DemoMode, type DemoState, type StateLimits } from "./state.js";
import { TracedProcess, now } from "./traced-process.js";
import { planLaunch, type LaunchPlan, type RunSetting } from "./launch-plan.js";
import { RunRows } from "./run-rows.js";
import { ScriptedInput } from "./scripted-input.js";
import { startRunCapture } from "./run-capture.js";
import { unprivilegedUser } from "./users.js";
import { startStrace, type StraceSupport } from "./syscalls.js";
import { makeTempDir, sweepStaleTempDirs } from "../sandbox/temp-dirs.js";
import { subreaperWrap } from "../sandbox/reaper.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { PlumbingRule, TablePoller } from "./table-poller.js";
import { ClockTimers, DemoClock, type ClockTimer } from "./clock.js";
import { judgeOutcome } from "./outcome.js";
import { stretchSynRetries } from "../sandbox/sysctl.js";
import { sandboxIfAvailable, type RunSandbox } from "../sandbox/namespace.js";
import { noPrivateNetworkAfterAll, privateNetworkRefusal } from "./private-network.js";
import type { PacketCapture } from "./capture/helper.js";
import type { PacketEvent, PacketGapEvent } from "./events.js";
import { listOf, clausesOf } from "../text/list.js";

export interface SessionOptions {
  mode: DemoMode;
  /** Slow motion: how long each call stays paused before the tutor continues it. */
  slowMs: number;
  syscalls: boolean;
  /** Override the demo's port; 0 = any free port (tests). */
  port?: number;
  /** Type the demo's `input` lines automatically (false: the view sends what the learner types). */
  autoInput: boolean;
  /** The run is over (status done, ok false) after this long. Undefined: no deadline. */
  timeoutMs?: number;
  tablePollMs: number;
  limits?: Partial<StateLimits>;
  /** Reads the kernel's table (default readSocketTable). Tests pass a slow one to show what a busy machine does. */
  readTable?: typeof readSocketTable;
  /** Run in a private network and process tree where Linux allows it (default true; SOCKET_TUTOR_SANDBOX=off also says no). */
  sandbox?: boolean;
  /** Capture the run's packets where it has a private network (default true): see the wire section below. */
  packets?: boolean;
}



export { sweepStaleTempDirs } from "../sandbox/temp-dirs.js";

/** A listener of a session's events (see DemoSession.onEvent). */
export type DemoListener = (ev: DemoEvent) => void;

/**
 * One run of a demo (see launcher.ts for the API). Each event is applied to `state`
 * before the listeners (onEvent) get it, so a listener always sees the state
 * including the event.
 */
export class DemoSession {
  state: DemoState;
  readonly runtime: DemoRuntime;
  mode: DemoMode;
  port?: number;
  socketPath?: string;
  readonly host: string;
  tempDir = "";
  private procs = new Map<string, TracedProcess>();
  private typing?: ScriptedInput;
  private timers = new Set<NodeJS.Timeout>();
  private readonly listeners = new Set<DemoListener>();
  /** The kernel's table, polled while the run runs (table-poller.ts). */
  private readonly table: TablePoller;
  private deadline?: NodeJS.Timeout;
  private finishing = false;
  private unregister?: () => void;
  private readonly knownPids = new Set<number>();
  /** Addresses ("127.0.0.1:8000") this run's sockets used: see ofThisRun. */
  private readonly rows = new RunRows();
  /** The tutor's pipes in the demo's processes, kept out of the table. */
  private readonly plumbing: PlumbingRule;
  private strace?: StraceSupport;
  /** This run's private network and process tree, when it has one. */
  private sandbox?: RunSandbox;
  /** This run's packet capture, while it runs. */
  private capture?: PacketCapture;
  private readonly wireReadListeners = new Set<(t: number) => void>();
  private donePromise?: Promise<DemoState>;
  private resolveDone?: (s: DemoState) => void;
  private generation = 0;
  /** Processes whose `after` condition has been met (they may still be in their delayMs). */
  private readonly triggered = new Set<string>();
  /** This run's demo clock (clock.ts): stopped while a call waits for the learner's key. */
  private clock = new DemoClock();
  /** The run's own waits (a process's delayMs, a typed line's) on that clock. */
  private clockTimers = new ClockTimers(this.clock);

  constructor(
    readonly demo: LoadedDemo,
    readonly choice: RuntimeChoice,
    readonly options: SessionOptions,
  ) {
    this.runtime = choice.runtime;
    this.plumbing = new PlumbingRule(this.runtime);
    this.mode = options.mode;
    const family = demo.spec.family ?? "inet";
    this.host = family === "unix" ? "" : LOOPBACK[family];
    this.state = initialState({ spec: demo.spec, runtime: this.runtime, mode: this.mode, sources: this.readSources(), limits: options.limits });
    this.table = this.makePoller();
  }

  /** Calls `listener` with every event from now on; returns the function that stops it. */
  onEvent(listener: DemoListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private readSources(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const p of this.demo.spec.processes) {
      try {
        // A program run under strace shows its source when it has one (a .c file), never its executable.
        const file = p.straced ? p.straced.source : path.join(this.demo.dir, p[this.runtime]);
        out[p.name] = file === undefined ? [] : readFileSync(file, "utf8").replace(/\n$/, "").split("\n");
      } catch {
        out[p.name] = [];
      }
    }
    return out;
  }

  // ---- public API ----

  /** Resolves with the final state when the run is done (or stopped). */
  done(): Promise<DemoState> {
    this.donePromise ??= new Promise((resolve) => {
      if (this.state.status === "done" || this.state.status === "stopped") resolve(this.state);
      else this.resolveDone = resolve;
    });
    return this.donePromise;
  }

  /** Lets a paused call of `proc` (else of the process paused longest) run: `seq` names it, else its oldest. False if nothing was paused. */
  continue(proc?: string, seq?: number): boolean {
    const target = proc ? this.procs.get(proc) : this.oldestPaused();
    return target?.continueCall(seq) ?? false;
  }

  setMode(mode: DemoMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    for (const p of this.procs.values()) p.command(mode === "run" ? "r" : "s");
    if (mode === "slow") for (const p of this.procs.values()) for (const seq of p.pending) this.slowContinue(p, seq);
    this.syncClock();
    this.publish({ type: "mode", mode, t: now() });
  }

  /** The run's demo clock: how long the learner has held it, and the demo time of a moment. */
  get demoClock(): DemoClock {
    return this.clock;
  }

  /** Types a line on a process's stdin (a newline is added when missing). */
  sendInput(proc: string, text: string): boolean {
    const p = this.procs.get(proc);
    const line = text.endsWith("\n") ? text : text + "\n";
    // Stamped before the write: the program may read the line (and its tracer stamp the read) before write() returns here.
    const at = now();
    if (!p?.writeInput(line)) return false;
    this.publish({ type: "output", proc, stream: "stdin", text: line, t: at });
    return true;
  }

  async restart(): Promise<void> {
    await this.stop();
    this.donePromise = undefined;
    this.resolveDone = undefined;
    this.rows.clear();
    await this.launch();
  }

  /** Kills every process of the demo, waits for their exits, removes the temp dir. */
  async stop(): Promise<void> {
    if (this.state.status === "stopped") return;
    if (this.state.status === "done") return;
    this.finishing = true;
    this.generation++;
    await this.killAll();
    await this.finalTable();
    this.teardown();
    this.publish({ type: "status", status: "stopped", t: now() });
    this.resolveDone?.(this.state);
  }

  /** Pids of the demo's processes (the programs, not strace). */
  pids(): number[] {
    return [...this.knownPids];
  }

  // ---- running ----

  async launch(): Promise<void> {
    const gen = ++this.generation;
    // stop() during a launch (the learner quits while ports are checked) ends it here.
    const stale = () => gen !== this.generation;
    this.finishing = false;
    this.triggered.clear();
    this.clockTimers.clear();
    this.clock = new DemoClock();
    this.clockTimers = new ClockTimers(this.clock);
    this.publish({ type: "status", status: "starting", t: now() });
    if (this.choice.note) this.note(this.choice.note, "warn");
    const spec = this.demo.spec;
    const family = spec.family ?? "inet";
    sweepStaleTempDirs();
    this.tempDir = makeTempDir();
    chmodSync(this.tempDir, 0o700);
    this.unregister = onCleanup(() => this.killNow());
    this.sandbox = await this.makeSandbox();
    if (stale()) return this.sandbox?.stop();
    // A demo that binds :: must not run on the shared network, where :: is every interface.
    if (!this.sandbox && spec.privateNetworkOnly) {
      const refusal = (await privateNetworkRefusal(spec, this.options.sandbox !== false)) ?? noPrivateNetworkAfterAll(spec);
      return stale() ? undefined : this.finish(false, refusal);
    }
    // A connect() past a full queue waits on the kernel's SYN retries, which no pause stops:
    // in a network of its own, they come every second for two minutes, so long pauses still get in.
    if (this.sandbox && spec.outcome?.expect.some((e) => e.timer === "syn-retransmission")) {
      if (await stretchSynRetries(this.sandbox)) this.note(t("clock.note.synRetries"), "info");
      if (stale()) return this.sandbox?.stop();
    }
    // Started now, ready before the first program starts (it takes a Python start-up).
    const wire = this.startCapture(stale);
    if (family === "unix") {
      this.socketPath = path.join(this.tempDir, `${spec.id}.sock`);
      this.port = undefined;
    } else if (this.sandbox) {
      // A network of its own: the lesson's port is free there, whatever this machine runs.
      this.port = this.options.port || spec.port || 8000;
    } else {
      const wanted = this.options.port ?? spec.port ?? 0;
      const choice = await choosePort(wanted, spec.transport ?? "tcp", family, spec.ports ?? 1);
      if (stale()) return;
      this.port = choice.port;
      if (choice.busy) this.note(t("demo.session.portBusy", { wanted, holder: choice.busy, port: choice.port }), "info");
    }
    if (this.options.syscalls) {
      this.strace = await startStrace(this.tempDir, this.runtime);
      if (stale()) return;
      if (!this.strace.available) this.note(this.strace.reason, "info");
    }
    const root = process.getuid?.() === 0;
    const user = root && spec.processes.some((p) => p.unprivileged) ? unprivilegedUser() : undefined;
    if (user) chownSync(this.tempDir, user.uid, user.gid);
    const plans = new Map<string, LaunchPlan>();
    // Without a private network, each program runs under the fallback's subreaper where there is one.
    const reaper = this.sandbox ? undefined : await subreaperWrap();
    if (stale()) return;
    const setting: RunSetting = { runtime: this.runtime, python: this.choice.python?.executable, demoDir: this.demo.dir, tempDir: this.tempDir!, host: this.host, port: this.port, socketPath: this.socketPath, sandbox: this.sandbox, reaper, strace: this.strace, note: (text, level) => this.note(text, level) };
    for (const p of spec.processes) plans.set(p.name, await planLaunch(setting, p, p.unprivileged && root ? user : undefined));
    if (stale()) return;
    for (const p of spec.processes) this.procs.set(p.name, new TracedProcess(plans.get(p.name)!, (ev) => this.onProcessEvent(ev), () => this.onExit(), () => this.syncClock()));
    this.typing = this.options.autoInput
      ? new ScriptedInput(spec.processes, {
          runtime: this.runtime,
          onClock: (ms, fn) => this.onClock(ms, fn),
          cancel: (timer) => this.clockTimers.cancel(timer),
          later: (ms, fn) => void this.later(ms, fn),
          send: (proc, text) => this.sendInput(proc, text),
        })
      : undefined;
    await wire;
    if (stale()) return;
    this.publish({ type: "status", status: "running", t: now() });
    if (this.options.timeoutMs !== undefined) this.deadline = setTimeout(() => void this.finish(false, t("demo.session.timedOut", { seconds: Math.round(this.options.timeoutMs! / 100) / 10 })), this.options.timeoutMs);
    for (const p of spec.processes) if (!p.after) this.onClock(p.delayMs ?? 0, () => this.startProcess(p.name));
    this.table.start();
  }

  /**
   * The run's private network and process tree, unless this demo needs the machine's own
   * (an unprivileged process must meet the kernel as an ordinary user, not as the root of
   * a namespace) or this machine cannot make one (then it runs as before, on the shared
   * loopback, moving off a busy port).
   */
  private async makeSandbox(): Promise<RunSandbox | undefined> {
    const spec = this.demo.spec;
    if (this.options.sandbox === false || spec.noPrivateNetwork || spec.processes.some((p) => p.unprivileged)) return undefined;
    return sandboxIfAvailable();
  }

  /** True when this run has a private network of its own. */
  get isolated(): boolean {
    return this.sandbox !== undefined;
  }

  private startProcess(name: string): void {
    const p = this.procs.get(name);
    if (!p || p.started || this.finishing) return;
    // Held from before the spawn, so the new process starts from a stopped clock too.
    this.syncClock(true);
    p.start(this.mode === "run" ? "run" : "step", this.clock.line());
    // A program run under strace already (trace of a C program) reports its syscalls itself.
    if (p.pid !== undefined && this.strace?.available && !p.plan.straced) this.strace.follow(name, (ev) => this.publish(ev));
    this.typing?.started(name);
  }

  private onProcessEvent(ev: DemoEvent): void {
    if (ev.type === "call") {
      // Each phase's time on the demo clock, for the views (a call's time without the pauses).
      ev = { ...ev, demoT: this.clock.demoAt(ev.t) };
      this.knownPids.add(ev.pid);
      this.plumbing.noteCall(ev);
    }
    if (ev.type === "spawn") {
      this.knownPids.add(ev.pid);
      this.plumbing.addPid(ev.pid);
    }
    // The run moved: the table may change soon, so it is read often again.
    this.table.busy();
    this.publish(ev);
    if (ev.type === "call" || ev.type === "exit") this.syncClock();
    if (ev.type === "exit") {
      for (const p of this.demo.spec.processes) if (p.after?.call === "exit" && p.after.process === ev.proc) this.trigger(p);
      return;
    }
    if (ev.type !== "call") return;
    if (ev.phase === "pending" && this.mode === "slow") {
      const p = this.procs.get(ev.proc);
      if (p) this.slowContinue(p, ev.seq);
    }
    for (const p of this.demo.spec.processes) {
      const a = p.after;
      if (a && a.process === ev.proc && a.call === ev.call && ev.phase === (a.phase ?? "end")) this.trigger(p);
    }
    this.typing?.onCall(ev);
  }

  /** A process's `after` condition is met: start it after its delay. */
  private trigger(p: DemoProcessSpec): void {
    const proc = this.procs.get(p.name);
    if (!proc || proc.started || this.triggered.has(p.name)) return;
    this.triggered.add(p.name);
    this.onClock(p.delayMs ?? 0, () => this.startProcess(p.name));
  }

  /**
   * The demo clock stops while a call waits for the learner's key (step mode), and while
   * a process of the demo is still starting (an interpreter takes from 50 ms to a second
   * to load, by how busy the machine is: that time must not run the others' sleeps and
   * timeouts); it runs otherwise. Every traced process is told, and the run's own waits
   * follow it. `starting`: a process is about to be spawned.
   */
  private syncClock(starting = false): void {
    if (this.finishing) return;
    const procs = [...this.procs.values()];
    const held = starting || procs.some((p) => p.starting) || (this.mode === "step" && procs.some((p) => !p.exited && p.pending.length > 0));
    if (!(held ? this.clock.stop() : this.clock.start())) return;
    const line = this.clock.line();
    for (const p of this.procs.values()) if (p.started && !p.exited) p.command(line);
    this.clockTimers.changed();
  }

  private slowContinue(p: TracedProcess, seq: number): void {
    this.later(this.options.slowMs, () => {
      if (this.mode === "slow") p.continueCall(seq);
    });
  }

  private oldestPaused(): TracedProcess | undefined {
    let best: { p: TracedProcess; t: number } | undefined;
    for (const p of this.procs.values()) {
      const seq = p.pending[0];
      if (seq === undefined) continue;
      const call = this.state.processes.find((v) => v.name === p.name)?.calls.find((c) => c.seq === seq);
      const t = call?.tPending ?? call?.t ?? Infinity;
      if (!best || t < best.t) best = { p, t };
    }
    return best?.p;
  }

  // ---- the end ----

  private onExit(): void {
    if (this.finishing) return;
    // Let the exit event settle before deciding (an `after` may start another process).
    queueMicrotask(() => this.checkDone());
  }

  private checkDone(): void {
    if (this.finishing || this.state.status !== "running") return;
    const spec = this.demo.spec;
    for (const p of spec.processes) {
      const proc = this.procs.get(p.name)!;
      if (p.keepsRunning && !proc.exited) continue;
      if (proc.exited) continue;
      if (!proc.started && this.neverStarts(p)) continue;
      return;
    }
    // A process that keeps running is not missed when it never had to start (trace's client of a program that never listened).
    const notStarted = spec.processes.filter((p) => !p.keepsRunning && !this.procs.get(p.name)!.started).map((p) => p.name);
    const bad = this.state.processes.filter((v) => v.exit && !v.exit.expected && !(v.keepsRunning && v.exit.stopped));
    const reasons: string[] = [];
    for (const v of bad) {
      const e = v.exit!;
      const how = e.code === null ? (e.signal ? t("demo.session.killed", { name: v.name, signal: e.signal }) : t("demo.session.killedUnknown", { name: v.name })) : t("demo.session.exited", { name: v.name, code: e.code });
      reasons.push(how + (v.expectFailure ? t("demo.session.shouldHaveFailed") : ""));
    }
    if (notStarted.length) reasons.push(t("demo.session.neverStarted", { names: listOf(notStarted) }));
    // Exits as expected are not enough: what the lesson says happens must have happened.
    const verdict = judgeOutcome(spec.outcome, this.state, this.runtime, this.clock, this.options.autoInput);
    if (verdict.reason) reasons.push(verdict.reason);
    void this.finish(reasons.length === 0, clausesOf(reasons) || undefined, verdict.kernelTimer);
  }

  private neverStarts(p: DemoProcessSpec): boolean {
    if (!p.after || this.triggered.has(p.name)) return false;
    const target = this.procs.get(p.after.process);
    if (!target) return true;
    const spec = this.demo.spec.processes.find((x) => x.name === p.after!.process)!;
    return target.exited || (!target.started && this.neverStarts(spec));
  }

  private async finish(ok: boolean, reason?: string, kernelTimer?: KernelTimerNotice): Promise<void> {
    if (this.finishing) return;
    this.finishing = true;
    const gen = this.generation;
    await this.killAll();
    await this.finalTable();
    await this.drainWire(500);
    if (gen !== this.generation) return;
    this.teardown();
    this.publish({ type: "status", status: "done", ok, reason, ...(kernelTimer ? { kernelTimer } : {}), t: now() });
    this.resolveDone?.(this.state);
  }

  private async killAll(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.clockTimers.clear();
    clearTimeout(this.deadline);
    const waits: Promise<void>[] = [];
    for (const p of this.procs.values()) {
      if (!p.started) continue;
      // Also a program that has exited: under a subreaper, what it left running ends now.
      const reaped = p.reaperRunning;
      if (p.exited && !reaped) continue;
      p.kill();
      if (!p.exited) waits.push(p.waitExit(2000));
      if (reaped) waits.push(p.leaderGone(2000));
    }
    await Promise.all(waits);
  }

  /** Synchronous: for the tutor's own exit and signals, when no event loop turn is left. */
  private killNow(): void {
    for (const p of this.procs.values()) p.kill();
    this.capture?.stop();
    this.sandbox?.stop();
    if (this.strace?.available) this.strace.close();
    this.removeTemp();
  }

  private teardown(): void {
    this.table.stop();
    this.capture?.stop();
    this.capture = undefined;
    // Last: the final table was read from the private network, which ends with its holder.
    this.sandbox?.stop();
    this.sandbox = undefined;
    if (this.strace?.available) this.strace.close();
    this.strace = undefined;
    this.removeTemp();
    this.unregister?.();
    this.unregister = undefined;
    this.procs.clear();
  }

  private removeTemp(): void {
    if (!this.tempDir) return;
    try {
      rmSync(this.tempDir, { recursive: true, force: true });
    } catch {
      // best effort: it lives under the system temp dir
    }
  }

  // ---- the kernel's table ----

  private makePoller(): TablePoller {
    let gen = this.generation;
    return new TablePoller({
      intervalMs: this.options.tablePollMs,
      read: () => {
        gen = this.generation;
        const read = this.options.readTable ?? readSocketTable;
        const box = this.sandbox;
        const filter = { pids: () => this.tablePids(), ports: this.port !== undefined ? [this.port] : [], paths: this.socketPath ? [this.socketPath] : [] };
        return box ? read(filter, { netns: { procNet: box.procNet, wrap: (cmd, args) => box.wrap(cmd, args) } }) : read(filter);
      },
      // A reading from an earlier run (restart), or one that ends after the run's last status, is dropped.
      current: () => gen === this.generation && this.state.status !== "done" && this.state.status !== "stopped",
      select: (rows) => this.rows.select(rows.filter((r) => !this.plumbing.isPlumbing(r)), this.state.processes.flatMap((p) => p.calls)),
      publish: (snapshot) => this.publish({ type: "table", snapshot, t: snapshot.t }),
    });
  }

  /**
   * The table as the processes left it, read once they have all ended and published
   * before the run's last status (see TablePoller.final).
   */
  private finalTable(): Promise<void> {
    return this.table.final();
  }

  /** The pids whose sockets the table shows, asked for when the owners are scanned (not when the read starts). */
  private tablePids(): number[] {
    const procs = [...this.procs.values()];
    // A subreaper's own socket is its status pipe to the tutor (a socketpair): not the run's.
    const pids = procs.filter((p) => !p.exited && p.pid !== undefined && !p.reaped).map((p) => p.pid!);
    // In a private network each spawned pid is nsenter's: its child, the program, owns the
    // sockets, and may not be announced yet when a reading starts. So does a subreaper's child,
    // and what the program left running (reparented to the subreaper).
    for (const p of procs) if (!p.exited && p.pid !== undefined && (this.sandbox || p.reaped)) for (const child of childPids(p.pid)) if (!pids.includes(child)) pids.push(child);
    if (procs.some((p) => !p.exited)) for (const pid of this.knownPids) if (!pids.includes(pid)) pids.push(pid);
    return pids;
  }

  // ---- the wire ----

  /** The run's packet capture (run-capture.ts), or a wire event saying why there is none. */
  private async startCapture(stale: () => boolean): Promise<void> {
    if (this.options.packets === false) return;
    const unavailable = (reason: string): void => this.publish({ type: "wire", status: "unavailable", reason, t: now() });
    const started = await startRunCapture({
      sandbox: this.sandbox,
      python: this.choice.python,
      spec: this.demo.spec,
      sandboxWanted: this.options.sandbox !== false,
      stale,
      onEvent: (capture, ev) => this.onPacket(capture, ev),
      onRead: (capture, at) => {
        if (capture !== this.capture) return;
        for (const listener of [...this.wireReadListeners]) listener(at);
      },
      onEnd: (capture, why) => {
        if (capture === this.capture) unavailable(t("wire.unavailable.ended", { why: escapeTerminal(why) }));
      },
    });
    if (!started) return;
    if ("unavailable" in started) return unavailable(started.unavailable);
    this.capture = started.capture;
    this.publish({ type: "wire", status: "capturing", t: now() });
  }

  /**
   * Asks the run's capture how far it has read; the answer goes to onWireRead's
   * listeners, after every packet delivered before it. False when there is no capture.
   */
  syncWire(): boolean {
    return this.capture?.sync() === true;
  }

  /**
   * Waits, at most `ms`, until the capture has reported every packet of the run: under
   * load its lines come tens of ms late, and stopping it at once lost the last ones (the FINs).
   */
  private drainWire(ms: number): Promise<void> {
    const capture = this.capture;
    if (!capture) return Promise.resolve();
    return new Promise((resolve) => {
      let off = (): void => undefined;
      const timer = setTimeout(() => done(), ms);
      const done = (): void => {
        clearTimeout(timer);
        off();
        resolve();
      };
      off = this.onWireRead(() => done());
      if (!capture.sync()) done();
    });
  }

  /** Calls `listener` with each answer to syncWire(): packets delivered before that time were all published. */
  onWireRead(listener: (t: number) => void): () => void {
    this.wireReadListeners.add(listener);
    return () => this.wireReadListeners.delete(listener);
  }

  private onPacket(from: PacketCapture, ev: PacketEvent | PacketGapEvent): void {
    // A capture of an earlier run (restart) is stopped, but a line may still be on its way.
    if (from !== this.capture) return;
    // Packets change the kernel's table (a handshake, a FIN): read it often again.
    this.table.busy();
    this.publish(ev);
  }

  // ---- helpers ----

  private publish(ev: DemoEvent): void {
    this.state = reduce(this.state, ev);
    for (const listener of [...this.listeners]) listener(ev);
  }

  private note(text: string, level: "info" | "warn"): void {
    this.publish({ type: "note", text, level, t: now() });
  }

  /** Calls fn once the demo clock has moved on by `ms` (the run's own waits: a pause does not count). */
  private onClock(ms: number, fn: () => void): ClockTimer {
    return this.clockTimers.after(ms, fn);
  }

  private later(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
    return t;
  }
}
