/**
 * The demo clock: one per run, kept by the tutor. It runs like a stopwatch, except
 * that it stops while any call of the demo waits for the learner's key (step mode),
 * so a program's sleeps and timeouts see no time pass while the learner reads.
 * It never goes backwards. Slow motion counts as running: those pauses end by themselves.
 *
 * The tracers follow it (socket_tutor_trace.py, preload.ts): the tutor sends each
 * traced process a control line whenever it stops or starts (`line()`), and sets
 * the same line in the environment of a process it starts. Both sides measure with
 * the system's monotonic clock (CLOCK_MONOTONIC on Linux: Node's hrtime, Python's
 * time.monotonic), so "running from demo time D since monotonic time M" means the
 * same thing in every process.
 *
 * The kernel's own timers (SYN retransmission, TIME_WAIT) cannot be stopped: the
 * clock keeps its history of stops, so the verdict can tell how long a pause was
 * (heldBetween) and the views can show a call's time on the demo clock (demoAt).
 */

/** Where the clock reads time. The default is the process's monotonic clock; tests pass their own. */
export interface ClockSource {
  /** Milliseconds, monotonic (performance.now()). */
  now(): number;
  /** Add to now() for the system's monotonic clock in ms (what the tracers read). */
  monoOffset: number;
  /** Add to now() for wall time in ms (the base of events' `t`). */
  wallOffset: number;
}

export function systemClockSource(): ClockSource {
  const perf = performance.now();
  const mono = Number(process.hrtime.bigint()) / 1e6;
  return { now: () => performance.now(), monoOffset: mono - perf, wallOffset: performance.timeOrigin };
}

/** One stop or start: when (source time), and how long the clock had been stopped in total before it. */
interface Mark {
  at: number;
  heldBefore: number;
  stopped: boolean;
}

/** Marks kept for demoAt/heldBetween; older ones are merged away (events come milliseconds after their time). */
const MAX_MARKS = 4096;

export class DemoClock {
  private readonly origin: number;
  private stoppedAt: number | undefined;
  private held = 0;
  private readonly marks: Mark[] = [];
  /** Marks merged away: their held time is in the first kept mark's heldBefore. */
  private dropped = 0;

  constructor(private readonly source: ClockSource = systemClockSource()) {
    this.origin = source.now();
  }

  /** Demo milliseconds since the run started. */
  now(): number {
    return this.demoAtSource(this.source.now());
  }

  get stopped(): boolean {
    return this.stoppedAt !== undefined;
  }

  /** Stops the clock; false when it was stopped already. */
  stop(): boolean {
    if (this.stoppedAt !== undefined) return false;
    const at = this.source.now();
    this.stoppedAt = at;
    this.mark({ at, heldBefore: this.held, stopped: true });
    return true;
  }

  /** Starts it again; false when it was running. */
  start(): boolean {
    if (this.stoppedAt === undefined) return false;
    const at = this.source.now();
    this.held += at - this.stoppedAt;
    this.stoppedAt = undefined;
    this.mark({ at, heldBefore: this.held, stopped: false });
    return true;
  }

  /** Milliseconds the clock has been stopped in all, up to now. */
  heldMs(): number {
    return this.heldUpTo(this.source.now());
  }

  /** The demo time at a moment given as wall time in ms (an event's `t`). */
  demoAt(wallMs: number): number {
    return this.demoAtSource(Math.min(wallMs - this.source.wallOffset, this.source.now()));
  }

  /** How long the clock was stopped between two wall times (an event's `t`; a later one). */
  heldBetween(fromWall: number, toWall: number): number {
    const now = this.source.now();
    const a = Math.min(fromWall - this.source.wallOffset, now);
    const b = Math.min(toWall - this.source.wallOffset, now);
    return b > a ? this.heldUpTo(b) - this.heldUpTo(a) : 0;
  }

  /** The wall time of now, in the base of events' `t`. */
  wallNow(): number {
    return this.source.now() + this.source.wallOffset;
  }

  /**
   * The control line that tells a tracer the clock's state: "t hold D" (stopped at
   * demo time D ms) or "t run D M" (running, at demo time D at monotonic time M ms).
   */
  line(): string {
    const at = this.source.now();
    const demo = this.demoAtSource(at).toFixed(3);
    return this.stoppedAt !== undefined ? `t hold ${demo}` : `t run ${demo} ${(at + this.source.monoOffset).toFixed(3)}`;
  }

  private demoAtSource(at: number): number {
    return Math.max(0, at - this.origin - this.heldUpTo(at));
  }

  /** Total stopped time before source time `at` (a time before the first kept mark counts from there). */
  private heldUpTo(at: number): number {
    // The latest mark at or before `at`: binary search, marks are in time order.
    let lo = 0;
    let hi = this.marks.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.marks[mid]!.at <= at) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return this.marks.length && this.dropped ? this.marks[0]!.heldBefore : 0;
    const m = this.marks[found]!;
    return m.stopped ? m.heldBefore + (at - m.at) : m.heldBefore;
  }

  private mark(m: Mark): void {
    this.marks.push(m);
    if (this.marks.length > MAX_MARKS) {
      this.marks.splice(0, this.marks.length - MAX_MARKS);
      this.dropped++;
    }
  }
}

/** A callback due at a demo time, armed on a real timer only while the clock runs. */
interface Due {
  at: number;
  fn: () => void;
  timer?: ReturnType<typeof setTimeout>;
}

/** A handle to cancel a ClockTimers callback. */
export type ClockTimer = object;

/**
 * Timers on the demo clock, for the tutor's own waits inside a run (a process that
 * starts 200 ms after another's listen(), a typed line's delay): a real timer while
 * the clock runs, none while it is stopped. A delay of 0 is no wait: it fires on the
 * next turn even while the clock is stopped (a client that starts as soon as the
 * server listens starts while the server is held). Call `changed()` after the clock
 * stops or starts.
 */
export class ClockTimers {
  private readonly dues = new Set<Due>();

  constructor(
    private readonly clock: DemoClock,
    private readonly setT: (fn: () => void, ms: number) => ReturnType<typeof setTimeout> = setTimeout,
    private readonly clearT: (t: ReturnType<typeof setTimeout>) => void = clearTimeout,
  ) {}

  /** Calls fn once the demo clock has moved on by `ms`. */
  after(ms: number, fn: () => void): ClockTimer {
    const due: Due = { at: this.clock.now() + Math.max(0, ms), fn };
    this.dues.add(due);
    this.arm(due);
    return due;
  }

  cancel(handle: ClockTimer | undefined): void {
    const due = handle as Due | undefined;
    if (!due || !this.dues.has(due)) return;
    if (due.timer) this.clearT(due.timer);
    this.dues.delete(due);
  }

  clear(): void {
    for (const d of this.dues) if (d.timer) this.clearT(d.timer);
    this.dues.clear();
  }

  /** The clock stopped or started: arm or disarm every waiting callback. */
  changed(): void {
    for (const d of this.dues) {
      if (d.timer) this.clearT(d.timer);
      d.timer = undefined;
      this.arm(d);
    }
  }

  get size(): number {
    return this.dues.size;
  }

  private arm(due: Due): void {
    if (this.clock.stopped && due.at > this.clock.now()) return;
    due.timer = this.setT(() => {
      due.timer = undefined;
      if (!this.dues.has(due)) return;
      // A real timer may fire a little early or while the clock had a stop in between: check.
      if (this.clock.now() + 0.5 < due.at) return this.arm(due);
      this.dues.delete(due);
      due.fn();
    }, Math.max(0, due.at - this.clock.now()));
  }
}
