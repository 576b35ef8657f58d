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
