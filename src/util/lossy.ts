import { Rng } from "./rng.js";

/**
 * A lossy datagram link of the tutor's own. Loopback never drops, duplicates or
 * reorders a datagram, so a lesson on retries has nothing to show there; this link
 * decides, for each datagram, whether it is dropped, delivered once or twice, and
 * how late. Everything comes from a seed, one generator per direction, so the same
 * seed gives the same fates whatever the timing of the two directions. It is bounded:
 * a delay is never longer than `maxDelayMs`, no more than `maxDropsInARow` datagrams
 * in a row are dropped (a client that retries always gets through), and after
 * `maxDatagrams` in one direction the link gives no more fates (its user stops).
 */

export type Direction = "request" | "reply";

/** What happens to one datagram. `copies` 2 is a duplicate; a delay lets later datagrams overtake it. */
export type Fate = { drop: true } | { drop: false; copies: 1 | 2; delayMs: number };

export interface LossyRules {
  /** Chance that a datagram is dropped. */
  drop: number;
  /** Chance that a datagram that is not dropped arrives twice. */
  duplicate: number;
  /** Chance that a datagram that is not dropped is held back. */
  delay: number;
  /** How long a held datagram waits, at most (it waits from a quarter of this to all of it). */
  maxDelayMs: number;
  maxDropsInARow: number;
  maxDatagrams: number;
}

export const DEFAULT_RULES: LossyRules = { drop: 0.25, duplicate: 0.1, delay: 0.15, maxDelayMs: 400, maxDropsInARow: 3, maxDatagrams: 200 };

/** Fates for one direction of a link. */
class Lane {
  private readonly rng: Rng;
  private count = 0;
  private dropsInARow = 0;

  constructor(
    seed: number,
    private readonly rules: LossyRules,
  ) {
    this.rng = new Rng(seed);
  }

  next(): Fate | undefined {
    if (this.count >= this.rules.maxDatagrams) return undefined;
    this.count++;
    // Every draw is made whatever the outcome, so one fate never shifts the ones after it.
    const drop = this.rng.chance(this.rules.drop);
    const dup = this.rng.chance(this.rules.duplicate);
    const late = this.rng.chance(this.rules.delay);
    const lo = Math.floor(this.rules.maxDelayMs / 4);
    const delayMs = this.rng.int(lo, this.rules.maxDelayMs);
    if (drop && this.dropsInARow < this.rules.maxDropsInARow) {
      this.dropsInARow++;
      return { drop: true };
    }
    this.dropsInARow = 0;
    return { drop: false, copies: dup ? 2 : 1, delayMs: late ? delayMs : 0 };
  }
}

export class LossyLink {
  private readonly lanes: Record<Direction, Lane>;

  constructor(
    readonly seed: number,
    readonly rules: LossyRules = DEFAULT_RULES,
  ) {
    // Two generators: the replies' fates do not depend on how requests and replies interleave.
    this.lanes = { request: new Lane(seed >>> 0, rules), reply: new Lane((seed ^ 0x5bd1e995) >>> 0, rules) };
  }

  /** The fate of the next datagram in this direction; undefined once the direction has had maxDatagrams. */
  next(direction: Direction): Fate | undefined {
    return this.lanes[direction].next();
  }
}

/**
 * Carries out fates: sends now, twice, later or never. Its timers are its own, so
 * `close()` cancels every datagram still held (nothing fires after its user is done).
 */
export class Deliverer {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  /** Applies a fate to one datagram; `send` is called once per copy that goes out. */
  deliver(fate: Fate, send: () => void): void {
    if (fate.drop || this.closed) return;
    const go = (): void => {
      if (this.closed) return;
      for (let i = 0; i < fate.copies; i++) send();
    };
    if (fate.delayMs <= 0) return go();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      go();
    }, fate.delayMs);
    this.timers.add(timer);
  }

  /** How many datagrams are being held back. */
  held(): number {
    return this.timers.size;
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
