import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_RULES, Deliverer, LossyLink, type Fate } from "../../src/util/lossy.js";

/** The first n fates of one direction. */
function fates(link: LossyLink, dir: "request" | "reply", n: number): (Fate | undefined)[] {
  return Array.from({ length: n }, () => link.next(dir));
}

describe("the lossy link", () => {
  it("gives the same fates for the same seed, whatever the order of the two directions", () => {
    const a = new LossyLink(42);
    const b = new LossyLink(42);
    const aReq = fates(a, "request", 50);
    const aRep = fates(a, "reply", 50);
    // b interleaves the directions: each direction's fates are its own.
    const bReq: (Fate | undefined)[] = [];
    const bRep: (Fate | undefined)[] = [];
    for (let i = 0; i < 50; i++) {
      bRep.push(b.next("reply"));
      bReq.push(b.next("request"));
    }
    assert.deepEqual(bReq, aReq);
    assert.deepEqual(bRep, aRep);
    assert.notDeepEqual(fates(new LossyLink(43), "request", 50), aReq, "another seed, other fates");
  });

  it("drops, doubles and delays within its bounds, and stops after maxDatagrams", () => {
    const rules = { ...DEFAULT_RULES, maxDatagrams: 500 };
    const link = new LossyLink(7, rules);
    const all = fates(link, "request", 500);
    let inARow = 0;
    let most = 0;
    for (const f of all) {
      assert.ok(f);
      if (f.drop) most = Math.max(most, ++inARow);
      else {
        inARow = 0;
        assert.ok(f.delayMs >= 0 && f.delayMs <= rules.maxDelayMs);
      }
    }
    assert.ok(most <= rules.maxDropsInARow, `at most ${rules.maxDropsInARow} drops in a row, saw ${most}`);
    assert.ok(all.some((f) => f?.drop), "some dropped");
    assert.ok(all.some((f) => f && !f.drop && f.copies === 2), "some doubled");
    assert.ok(all.some((f) => f && !f.drop && f.delayMs > 0), "some delayed");
    assert.equal(link.next("request"), undefined, "no fates after maxDatagrams");
  });

  it("the deliverer sends now, twice, later or never, and close() cancels what it holds", async () => {
    const d = new Deliverer();
    const sent: string[] = [];
    d.deliver({ drop: true }, () => sent.push("dropped"));
    d.deliver({ drop: false, copies: 2, delayMs: 0 }, () => sent.push("twice"));
    d.deliver({ drop: false, copies: 1, delayMs: 30 }, () => sent.push("late"));
    d.deliver({ drop: false, copies: 1, delayMs: 5000 }, () => sent.push("never"));
    assert.deepEqual(sent, ["twice", "twice"]);
    assert.equal(d.held(), 2);
    await new Promise((r) => setTimeout(r, 80));
    assert.deepEqual(sent, ["twice", "twice", "late"]);
    d.close();
    assert.equal(d.held(), 0);
  });
});
