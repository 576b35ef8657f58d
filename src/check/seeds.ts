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

// The generator lives in util/ so the lossy relay (util/lossy.ts) draws from the same one.
export { Rng } from "../util/rng.js";
