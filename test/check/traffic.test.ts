import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FIXED_SEEDS, MAX_SEED, parseSeed, Rng, runSeeds } from "../../src/check/seeds.js";
import { describePlan, makePlan, shapeOf, utf8Characters } from "../../src/check/traffic.js";

const text = (s: string): Buffer => Buffer.from(s);
const sizes = (seed: number, messages: Buffer[], opts = {}): number[] => makePlan(seed, messages, opts).pieces.map((p) => p.data.length);
const lines = [text("hello\n"), text("world\n")];

describe("seeds", () => {
  it("a run has the fixed seeds and one fresh one; a replay has only its seed", () => {
    const seeds = runSeeds();
    assert.deepEqual(seeds.slice(0, FIXED_SEEDS.length), [...FIXED_SEEDS]);
    assert.equal(seeds.length, FIXED_SEEDS.length + 1);
    assert.ok(!FIXED_SEEDS.includes(seeds.at(-1)!), "the fresh seed repeats no fixed one");
    assert.notDeepEqual(runSeeds().at(-1), undefined);
    assert.deepEqual(runSeeds(77), [77]);
  });

  it("the fixed seeds give every shape", () => {
    assert.deepEqual(FIXED_SEEDS.map(shapeOf), ["whole", "bytes", "cuts", "random"]);
  });

  it("--seed takes a decimal whole number from 0 to 2^32-1 and nothing else", () => {
    assert.equal(parseSeed("0"), 0);
    assert.equal(parseSeed("4294967295"), MAX_SEED);
    for (const bad of ["", "-1", "4294967296", "1e3", "0x10", "12a", " 5", "99999999999"]) assert.equal(parseSeed(bad), undefined, bad);
  });

  it("the generator gives the same numbers for a seed on every machine (mulberry32)", () => {
    const a = new Rng(12345);
    const first = [a.next(), a.next(), a.next()];
    const b = new Rng(12345);
    assert.deepEqual([b.next(), b.next(), b.next()], first);
    assert.notDeepEqual([new Rng(12346).next()], [first[0]]);
    // Pinned: a change to the generator would change what every seed sends, and old replays with it.
    assert.deepEqual(first, [2711965971, 2674996497, 1984766809]);
    assert.deepEqual(sizes(4, lines), [2, 2, 1, 1, 6], "seed 4's plan for two lines, as a replay printed yesterday would send it");
    const r = new Rng(1);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 7);
      assert.ok(n >= 3 && n <= 7 && Number.isInteger(n));
    }
  });
});

describe("traffic plans", () => {
  it("the pieces are the messages' bytes, in order, whatever the seed", () => {
    for (let seed = 0; seed < 200; seed++) {
      const plan = makePlan(seed, lines);
      assert.deepEqual(Buffer.concat(plan.pieces.map((p) => p.data)), Buffer.concat(lines), `seed ${seed}`);
      assert.ok(plan.pieces.every((p) => p.data.length > 0), `no empty piece (seed ${seed})`);
      assert.ok(plan.pieces.length <= 12);
    }
  });

  it("a seed always gives the same plan; other seeds give other plans", () => {
    assert.deepEqual(sizes(987654, lines), sizes(987654, lines));
    const seen = new Set<string>();
    for (let seed = 100; seed < 140; seed++) seen.add(sizes(seed, lines).join(","));
    assert.ok(seen.size > 10, `only ${seen.size} different plans in 40 seeds`);
  });

  it("whole: one write; bytes: single bytes first; cuts: next to each message's end; random: a few cuts, short pauses", () => {
    assert.deepEqual(sizes(1, lines), [12]);
    const bytes = sizes(2, lines);
    assert.deepEqual(bytes.slice(0, 8), [1, 1, 1, 1, 1, 1, 1, 1]);
    const cuts = makePlan(3, lines);
    const ends = cuts.pieces.map((p, i) => cuts.pieces.slice(0, i + 1).reduce((n, q) => n + q.data.length, 0));
    assert.ok(ends.includes(5) && ends.includes(7), `a cut just before and just after the first line's end: ${ends}`);
    const random = makePlan(4, lines);
    assert.ok(random.pieces.length >= 2 && random.pieces.length <= 6);
    assert.ok(random.pieces.every((p) => p.pauseMs >= 0 && p.pauseMs <= 12));
    assert.equal(random.pieces[0]!.pauseMs, 0);
  });

  it("cuts: inside every multi-byte UTF-8 character, and where a length prefix says", () => {
    const utf8 = text("é → 🙂 done");
    assert.deepEqual(utf8Characters(utf8).map((c) => c.length), [2, 3, 4]);
    const plan = makePlan(3, [utf8]);
    assert.deepEqual(plan.splitChars.map((s) => s.char.toString()), ["é", "→", "🙂"]);
    // A 4-byte length prefix: a cut inside it, at offset 2.
    const framed = Buffer.concat([Buffer.from([0, 0, 0, 5]), text("hello")]);
    const ends = makePlan(3, [framed], { cuts: [2] }).pieces.map((p) => p.data.length);
    assert.equal(ends[0], 2);
  });

  it("a big payload stays in few pieces, and may let the reader fall behind", () => {
    const big = Buffer.alloc(262144, 1);
    for (const seed of [...FIXED_SEEDS, 5, 6, 7, 8]) {
      const plan = makePlan(seed, [big], { lag: true });
      assert.ok(plan.pieces.length <= 12);
      assert.ok(plan.lagMs >= 0 && plan.lagMs <= 30);
    }
    assert.ok(makePlan(1, [big], { lag: true }).lagMs > 0, "the whole shape reads late");
    assert.equal(makePlan(1, [big]).lagMs, 0, "no lag unless asked");
  });

  it("says how the bytes went: listed when small, by size when big, and where a character was cut", () => {
    assert.equal(describePlan(makePlan(1, lines), true), "in one piece");
    assert.match(describePlan(makePlan(2, lines), true), /^in \d+ pieces: b'h', b'e', .*, each sent once your program had read the one before$/);
    assert.match(describePlan(makePlan(2, [Buffer.alloc(1000)]), false), /^in \d+ pieces of 1, 1, 1, 1, 1, 1, 1, 1, \d+, \d+ bytes$/);
    assert.match(describePlan(makePlan(3, [text("café au lait")]), false), /piece 1 ends inside the 2-byte character é \(b'\\xc3\\xa9'\)/);
  });
});
