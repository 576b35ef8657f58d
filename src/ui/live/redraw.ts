/**
 * When the live view draws: never more than once a frame. Every event asks for a
 * redraw; a burst (2,000 packets of a big transfer in a few ms, a table reading and
 * the calls it explains) is drawn once, FRAME_MS after the previous drawing at most,
 * and nothing at all is drawn while nothing asks (a paused view costs no CPU).
 */
export const FRAME_MS = 16;

export interface RedrawClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL: RedrawClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export class RedrawScheduler {
  private timer: unknown;
  private last = -Infinity;

  constructor(
    private readonly draw: () => void,
    private readonly frameMs = FRAME_MS,
    private readonly clock: RedrawClock = REAL,
  ) {}

  /** Something changed: draw soon, together with whatever else changes before then. */
  request(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.frameMs - (this.clock.now() - this.last));
    this.timer = this.clock.setTimeout(() => this.run(), wait);
  }

  /** No drawing any more (the view is gone). */
  cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private run(): void {
    this.timer = undefined;
    this.last = this.clock.now();
    this.draw();
  }
}
