import { randomInt } from "node:crypto";

/**
 * The seeds that decide the checker's traffic (traffic.ts). Every run sends each
 * stream check's traffic once per seed: the fixed ones, which between them give
 * every shape (one piece, single bytes, cuts at the telling places, random cuts
 * with pauses), and one fresh seed, so that over many runs many more shapes are
 * tried. A failure names its seed; `verify … --seed N` runs that seed alone and
 * sends exactly the same pieces again.
 */
export const FIXED_SEEDS: readonly number[] = [1, 2, 3, 4];

/** Seeds are unsigned 32-bit numbers. */
export const MAX_SEED = 0xffffffff;

/** A fresh seed, never one of the fixed ones (that run would repeat a shape already sent). */
export function freshSeed(): number {
  return randomInt(FIXED_SEEDS.length + 1, 2 ** 31);
}

/** The seeds of one run: the one being replayed, or the fixed ones and a fresh one. */
export function runSeeds(replay?: number): number[] {
  return replay === undefined ? [...FIXED_SEEDS, freshSeed()] : [replay];
}

/** Parses a --seed value: a whole number from 0 to MAX_SEED, written in decimal. */
export function parseSeed(text: string): number | undefined {
  if (!/^\d{1,10}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= MAX_SEED ? n : undefined;
}

/**
 * mulberry32: a small generator whose whole state is one 32-bit number, so a seed
 * gives the same sequence on every machine and every Node version (Math.random cannot
 * be seeded). Good enough to pick cut points; not for anything secret.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    // Mixed once, so that neighbouring seeds (1, 2, 3) start far apart.
    this.state = (seed ^ 0x9e3779b9) >>> 0;
    this.next();
  }

  /** The next unsigned 32-bit number. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return (z ^ (z >>> 14)) >>> 0;
  }

  /** A whole number from lo to hi, both included (lo when hi < lo). */
  int(lo: number, hi: number): number {
    if (hi <= lo) return lo;
    return lo + (this.next() % (hi - lo + 1));
  }

  /** true with probability p. */
  chance(p: number): boolean {
    return this.next() / 0x100000000 < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }
}
