import { t } from "../text/catalog.js";
import { escapeBytes, showBytes } from "./bytes.js";
import { Rng } from "./seeds.js";
import { listOf, clausesOf } from "../text/list.js";

/**
 * How the checker's bytes travel: the shapes a real network gives a stream. TCP keeps
 * the bytes and their order, nothing else: one send() may arrive in many recv()s and
 * several sends in one. A plan cuts the messages a check sends into the pieces that
 * are written, decided entirely by a seed (seeds.ts), so a failure can be replayed.
 * The transport (transport.ts) writes each piece only once the program has read the
 * one before, so the pieces are what the program's recv() returns.
 */

export type Shape = "whole" | "bytes" | "cuts" | "random";

/** By seed, modulo 4: the fixed seeds 1, 2, 3, 4 give whole, bytes, cuts, random. */
const SHAPES: readonly Shape[] = ["random", "whole", "bytes", "cuts"];

export interface Piece {
  data: Buffer;
  /** A pause before this piece (after the program has read the one before). */
  pauseMs: number;
}

/** A piece that ends inside a multi-byte UTF-8 character. */
export interface SplitChar {
  /** Index of the piece that ends mid-character. */
  piece: number;
  /** The character's bytes. */
  char: Buffer;
}

export interface Plan {
  seed: number;
  shape: Shape;
  pieces: Piece[];
  /** Bytes in all pieces. */
  total: number;
  /** The reader falls behind: how long the checker leaves the answer unread at first (0: it reads at once). */
  lagMs: number;
  splitChars: SplitChar[];
}

export interface PlanOptions {
  /** Offsets where a cut tells most (inside a length prefix); cuts inside UTF-8 characters are found by themselves. */
  cuts?: readonly number[];
  /** At most this many pieces (default 12): each costs a wait for the program to read it. */
  maxPieces?: number;
  /** Let the reader fall behind (for big payloads, where the program's sends must wait). */
  lag?: boolean;
}

export function shapeOf(seed: number): Shape {
  return SHAPES[seed % SHAPES.length]!;
}

/** Length of the UTF-8 character that starts with byte b (0: not a lead byte of a multi-byte character). */
function utf8Length(b: number): number {
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

/** The multi-byte UTF-8 characters in buf: where each starts and how long it is. */
export function utf8Characters(buf: Uint8Array): Array<{ at: number; length: number }> {
  const out: Array<{ at: number; length: number }> = [];
  for (let i = 0; i < buf.length; ) {
    const n = utf8Length(buf[i]!);
    let ok = n > 0 && i + n <= buf.length;
    for (let k = 1; ok && k < n; k++) ok = (buf[i + k]! & 0xc0) === 0x80;
    if (ok) {
      out.push({ at: i, length: n });
      i += n;
    } else i++;
  }
  return out;
}

/** Picks at most `max` of the sorted offsets, spread by the generator, still sorted. */
function keepAtMost(offsets: number[], max: number, rng: Rng): number[] {
  const kept = [...offsets];
  while (kept.length > max) kept.splice(rng.int(0, kept.length - 1), 1);
  return kept;
}

/** Characters are looked for in text-sized payloads only: in 256 KiB of arbitrary bytes they mean nothing. */
const TEXT_MAX = 64 * 1024;

function cutPoints(shape: Shape, all: Buffer, chars: Array<{ at: number; length: number }>, ends: number[], rng: Rng, opts: PlanOptions): number[] {
  const n = all.length;
  const max = Math.max(1, (opts.maxPieces ?? 12) - 1);
  const cuts = new Set<number>();
  const add = (at: number): void => {
    if (at > 0 && at < n) cuts.add(at);
  };
  switch (shape) {
    case "whole":
      break;
    case "bytes": {
      // The first bytes one by one (a length prefix, a command word), then the rest in two.
      const k = Math.min(8, n - 1, max - 1);
      for (let i = 1; i <= k; i++) add(i);
      if (n - k > 2) add(rng.int(k + 1, n - 1));
      break;
    }
    case "cuts": {
      // Where a program that assumes whole messages breaks first: inside a character,
      // inside a length prefix, just before a message's end, just after it (the next
      // message's first byte arrives with the end of this one).
      for (const c of chars) add(c.at + rng.int(1, c.length - 1));
      for (const at of opts.cuts ?? []) add(at);
      for (const end of ends) {
        add(end - 1);
        add(end + 1);
      }
      if (cuts.size === 0) add(rng.int(1, n - 1));
      break;
    }
    case "random": {
      const count = rng.int(1, Math.min(5, n - 1, max));
      for (let i = 0; i < count; i++) add(rng.int(1, n - 1));
      break;
    }
  }
  return keepAtMost([...cuts].sort((a, b) => a - b), max, rng);
}

/** The pieces for `messages` under `seed`. The same seed and messages always give the same plan. */
export function makePlan(seed: number, messages: readonly Buffer[], opts: PlanOptions = {}): Plan {
  const rng = new Rng(seed);
  const shape = shapeOf(seed);
  const all = Buffer.concat(messages);
  const ends: number[] = [];
  let at = 0;
  for (const m of messages) {
    at += m.length;
    if (at < all.length) ends.push(at);
  }
  const chars = all.length <= TEXT_MAX ? utf8Characters(all) : [];
  const cuts = all.length > 1 ? cutPoints(shape, all, chars, ends, rng, opts) : [];
  const pieces: Piece[] = [];
  let from = 0;
  for (const to of [...cuts, all.length]) {
    const pauseMs = shape === "random" && pieces.length > 0 && rng.chance(0.5) ? rng.int(1, 12) : 0;
    pieces.push({ data: all.subarray(from, to), pauseMs });
    from = to;
  }
  const lagMs = opts.lag && (shape === "whole" || shape === "random") ? rng.int(10, 30) : 0;
  const splitChars: SplitChar[] = [];
  let end = 0;
  pieces.forEach((p, i) => {
    end += p.data.length;
    const c = chars.find((ch) => ch.at < end && end < ch.at + ch.length);
    if (c) splitChars.push({ piece: i, char: all.subarray(c.at, c.at + c.length) });
  });
  return { seed, shape, pieces, total: all.length, lagMs, splitChars };
}

/** A plan of explicit pieces (a check that needs one exact shape), still sent through the transport. */
export function fixedPlan(seed: number, pieces: readonly Buffer[], pauseMs = 0): Plan {
  const all = Buffer.concat(pieces);
  return { seed, shape: "cuts", pieces: pieces.map((data, i) => ({ data, pauseMs: i > 0 ? pauseMs : 0 })), total: all.length, lagMs: 0, splitChars: [] };
}

/** Sum of the first k pieces' lengths. */
export function piecesLength(plan: Plan, k: number): number {
  return plan.pieces.slice(0, k).reduce((n, p) => n + p.data.length, 0);
}

/**
 * How the bytes went, completing "sent 12 bytes …": "in one piece", "in 3 pieces:
 * b'hel', b'lo\n', b'world\n'", or by sizes when the pieces are too big to show.
 * `paced`: each piece waited until the program had read the one before.
 */
export function describePlan(plan: Plan, paced: boolean): string {
  const n = plan.pieces.length;
  if (n === 1) return t("stream.plan.one");
  const small = plan.total <= 64 && n <= 12;
  const list = small
    ? t("stream.plan.list", { n, pieces: listOf(plan.pieces.map((p) => showBytes(p.data))) })
    : t("stream.plan.sizes", { n, sizes: listOf(plan.pieces.map((p) => String(p.data.length))) });
  const cuts = plan.splitChars.slice(0, 2).map((s) => t("stream.plan.charCut", { piece: s.piece + 1, n: s.char.length, char: s.char.toString("utf8"), bytes: `b'${escapeBytes(s.char)}'` }));
  return clausesOf([paced ? t("stream.plan.withPaced", { list, paced: t("stream.plan.paced") }) : list, ...cuts]);
}
