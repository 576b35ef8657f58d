/**
 * The kernel's socket table, polled for a live run: one module for the demo
 * engine (DemoSession) and `verify --live` (check/live.ts), so both poll, dedupe
 * and hide their plumbing the same way.
 *
 * - Readings never overlap: a poll while one is in flight shares it.
 * - A reading identical to the last one published is dropped (a view redraws only
 *   when the table really changed).
 * - The interval is short while the run is busy and grows, up to `idleMs`, while
 *   readings come back unchanged and nothing else happens (a paused demo): polling
 *   never stops, because the kernel goes on without the processes (a queued
 *   connection arrives while every process is held). `busy()` makes it short again.
 * - `final()` is the last word before a verdict: it waits out a reading in flight
 *   (which may predate the end), then takes and publishes a fresh one.
 */
import type { CallEvent } from "./events.js";
import type { DemoRuntime } from "./spec.js";
import type { SocketRow, SocketTableSnapshot } from "../kernel/types.js";

export interface TablePollerOptions {
  /** One reading of the kernel's table (the caller's filter: pids, ports, paths). */
  read: () => Promise<SocketTableSnapshot>;
  /** The rows of a reading this run shows (plumbing and other runs' rows left out). */
  select: (rows: SocketRow[], snap: SocketTableSnapshot) => SocketRow[];
  /** Called with each reading that differs from the last one published. */
  publish: (snap: SocketTableSnapshot) => void;
  /** False once the run is over or replaced: a reading that ends then is dropped. */
  current?: () => boolean;
  /** The interval while the run is busy. */
  intervalMs: number;
  /** The longest interval while nothing changes (default 1000 ms, never less than intervalMs). */
  idleMs?: number;
  /** Unchanged readings in a row before the interval starts to grow (default 4). */
  calmReadings?: number;
  /** Where the timer comes from: the platform's by default; a test passes its own to fire it by hand. */
  timers?: PollerTimers;
}

/** The one timer the poller keeps armed (an injected clock lets a test check the intervals without wall-clock waits). */
export interface PollerTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const PLATFORM_TIMERS: PollerTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as NodeJS.Timeout | undefined),
};

export class TablePoller {
  private timer?: unknown;
  private inFlight?: Promise<void>;
  private lastKey = "";
  private unchanged = 0;
  private wait: number;
  private running = false;
  /** Readings taken (for tests and the bench). */
  readings = 0;

  constructor(private readonly opts: TablePollerOptions) {
    this.wait = opts.intervalMs;
  }

  private get timers(): PollerTimers {
    return this.opts.timers ?? PLATFORM_TIMERS;
  }

  private get idleMs(): number {
    return Math.max(this.opts.intervalMs, this.opts.idleMs ?? 1000);
  }

  /** Starts polling now (a first reading at once), forgetting what an earlier run published. */
  start(): void {
    this.stop();
    this.running = true;
    this.lastKey = "";
    this.unchanged = 0;
    this.wait = this.opts.intervalMs;
    void this.poll();
    this.arm();
  }

  /** Stops the timer (a reading in flight still completes, and is dropped if the run is no longer current). */
  stop(): void {
    this.running = false;
    this.timers.clear(this.timer);
    this.timer = undefined;
  }

  /** Something happened in the run (a call, output): poll at the short interval again. */
  busy(): void {
    this.unchanged = 0;
    if (!this.running || this.wait === this.opts.intervalMs) return;
    this.wait = this.opts.intervalMs;
    this.arm();
  }

  /** One reading now, or the one in flight. */
  poll(): Promise<void> {
    this.inFlight ??= this.readOnce().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** Stops polling, waits out a reading in flight, then reads and publishes a fresh one. */
  async final(): Promise<void> {
    this.stop();
    await this.inFlight;
    await this.poll();
  }

  private arm(): void {
    this.timers.clear(this.timer);
    if (!this.running) return;
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      void this.poll().finally(() => this.arm());
    }, this.wait);
  }

  private async readOnce(): Promise<void> {
    let snap: SocketTableSnapshot;
    try {
      snap = await this.opts.read();
    } catch (err) {
      snap = { t: Date.now(), rows: [], source: "none", error: (err as Error).message };
    }
    this.readings++;
    if (this.opts.current && !this.opts.current()) return;
    const rows = snap.error && snap.rows.length === 0 ? [] : this.opts.select(snap.rows, snap);
    const key = JSON.stringify([rows, snap.error, snap.source, snap.unknownReason]);
    if (key === this.lastKey) {
      // Calm: each unchanged reading past the first few doubles the wait, up to idleMs.
      if (++this.unchanged >= (this.opts.calmReadings ?? 4)) this.wait = Math.min(this.idleMs, this.wait * 2);
      return;
    }
    this.lastKey = key;
    this.unchanged = 0;
    this.wait = this.opts.intervalMs;
    this.opts.publish({ ...snap, rows });
  }
}

/**
 * The fds the tutor's pipes use in each traced process (stdio, and the tracer's
 * events and control: 3 and 4 at spawn, moved to 200+ by the Python tracer): they
 * are unnamed Unix sockets, not the run's, and stay out of its table. A program's
 * own socket may take one of those numbers once the tracer moved its pipes away:
 * fds its calls returned or used are never plumbing.
 */
const PLUMBING_FDS: Record<DemoRuntime, (fd: number) => boolean> = {
  python: (fd) => fd <= 4 || fd >= 200,
  node: (fd) => fd <= 4,
};

export class PlumbingRule {
  private readonly pids = new Set<number>();
  private readonly claimed = new Map<number, Set<number>>();

  constructor(private readonly runtime: DemoRuntime) {}

  /** A traced process of the run. */
  addPid(pid: number): void {
    this.pids.add(pid);
  }

  hasPid(pid: number): boolean {
    return this.pids.has(pid);
  }

  /** A call of a traced process: its fds are the program's own. */
  noteCall(ev: Pick<CallEvent, "pid" | "fd" | "newFd">): void {
    this.pids.add(ev.pid);
    for (const fd of [ev.fd, ev.newFd]) {
      if (fd === undefined) continue;
      let set = this.claimed.get(ev.pid);
      if (!set) this.claimed.set(ev.pid, (set = new Set()));
      set.add(fd);
    }
  }

  isPlumbing(r: SocketRow): boolean {
    if (r.proto !== "unix" || r.local !== "" || r.pid === undefined || r.fd === undefined) return false;
    if (!this.pids.has(r.pid) || !PLUMBING_FDS[this.runtime](r.fd)) return false;
    return !this.claimed.get(r.pid)?.has(r.fd);
  }

  clear(): void {
    this.pids.clear();
    this.claimed.clear();
  }
}
