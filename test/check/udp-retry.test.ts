import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { explainRetries, retryPlan } from "../../src/check/exercises/udp-retry.js";
import type { ProgramView } from "../../src/check/program.js";
import { cSolutionCase, exerciseCases, fixturesDir, verifyProgram } from "./support.js";

describe("udp-retry", { concurrency: 4 }, () => {
  exerciseCases("udp-retry", [
    {
      file: "udp-retry/no-retry.py",
      check: /tries again after a timeout/,
      detail: [/Your client sent the request \S+ once; the checker dropped (that request|the reply to that request), and your client exited with code 1 without sending it again/, /send the request again, at least 5 times/],
      hint: /lesson 16, A protocol over UDP/,
    },
    {
      file: "udp-retry/no-timeout.py",
      check: /tries again after a timeout/,
      detail: [/sent nothing more and printed nothing: it still waits for a reply that will never come/, /settimeout\(\)/],
    },
    {
      file: "udp-retry/stale.py",
      check: /prints key=value once for each key/,
      detail: [/Line \d of your output is b'[^']+', but it should be/, /(came late, when your client was already waiting for|the second copy of the reply for)/, /check that it is for the key you asked for/],
    },
  ]);

  it("udp-retry/fixed-wait.mjs fails: the waits between its tries do not grow (or, on a machine too busy to tell, the check says it did not judge them)", async () => {
    const report = await verifyProgram("udp-retry", path.join(fixturesDir, "udp-retry/fixed-wait.mjs"));
    const check = report.checks.find((c) => /tries again after a timeout/.test(c.name))!;
    if (check.passed) {
      // The checker measured its own stall: too long to tell 150 ms waits from growing ones.
      assert.match(check.detail, /^Not judged: whether the waits between the tries grew\. This machine held the checker up by \d+ ms/, JSON.stringify(report.checks, null, 2));
    } else {
      assert.match(check.detail, /the waits between the tries did not grow/);
      assert.match(check.detail, /double it/);
      assert.equal(report.passed, false);
    }
  });
  cSolutionCase("udp-retry");

  it("a seed decides the keys, values and troubles; each run meets every trouble, none that needs a next key on the last", () => {
    assert.deepEqual(retryPlan(7), retryPlan(7));
    assert.notDeepEqual(retryPlan(1).keys, retryPlan(2).keys);
    for (let seed = 0; seed < 200; seed++) {
      const p = retryPlan(seed);
      assert.deepEqual([...p.trouble].sort(), ["deep", "late", "lost-reply", "plain", "twice"], `seed ${seed}`);
      assert.ok(!["late", "twice"].includes(p.trouble[4]!), `seed ${seed}`);
      assert.equal(new Set(p.keys).size, p.keys.length);
      for (const k of p.keys) assert.match(k, /^[a-z0-9]+$/);
      for (const v of p.values) assert.match(v, /^[\x20-\x7e]+$/);
    }
  });

  it("a request sent again before its reply came is not answered twice: the trouble met is the seed's, however late the client's timer runs out", async () => {
    // stale-impatient.py sends every request twice at once, as a client on a busy machine whose
    // timer ran out just before the reply came. Seeds 7 and 39 put no trouble on the first key
    // and a late reply on a later one: the first stale line must be that late reply.
    const file = path.join(fixturesDir, "udp-retry/stale-impatient.py");
    const { loadChecker } = await import("../../src/check/checkers.js");
    const { runVerify } = await import("../../src/check/harness.js");
    const { commandForFile } = await import("../../src/check/command.js");
    for (const seed of [7, 39]) {
      const plan = retryPlan(seed);
      const late = plan.trouble.indexOf("late");
      assert.equal(plan.trouble[0], "plain");
      const report = await runVerify((await loadChecker("udp-retry"))!, { command: commandForFile(file), seeds: [seed] });
      const failed = report.checks.find((c) => !c.passed)!;
      assert.match(failed.name, /prints key=value once for each key/, JSON.stringify(report.checks, null, 2));
      assert.ok(failed.detail.startsWith(`Line ${late + 2} of your output is b'${plan.keys[late]}=`), failed.detail);
      assert.match(failed.detail, new RegExp(`reply to an earlier request for ${plan.keys[late]}: it came late`));
    }
  });

  it("fixed waits made uneven by a busy machine are not judged as growing: a small lag leaves them unjudged, never passed", () => {
    const plan = retryPlan(7);
    const k = plan.trouble.indexOf("deep");
    const tries = plan.keys.map((_, i) => (i < k ? [0] : []));
    tries[k] = [0, 140, 280, 450, 620];
    const program = { exit: () => ({ code: 0, signal: null, atMs: 700 }), stdout: () => Buffer.from(plan.keys.slice(0, k).map((x, i) => `${x}=${plan.values[i]}\n`).join("")) } as unknown as ProgramView;
    const conv = { plan, program, tries, lagMs: 80 };
    assert.deepEqual(explainRetries(conv, 10_000), { unjudged: 80 });
    // Without lag the same waits fail; doubling waits pass with it.
    assert.match((explainRetries({ ...conv, lagMs: 0 }, 10_000) as { detail: string }).detail, /did not grow/);
    assert.equal(explainRetries({ ...conv, tries: tries.map((x, i) => (i === k ? [0, 100, 300, 700, 1500] : x)) }, 10_000), undefined);
  });

  it("a failure names its seed, and --seed N meets the same trouble again", async () => {
    const file = path.join(fixturesDir, "udp-retry/stale.py");
    const first = await verifyProgram("udp-retry", file);
    const failed = first.checks.find((c) => !c.passed)!;
    assert.ok(failed.seed !== undefined, JSON.stringify(failed));
    const checker = (await import("../../src/check/checkers.js")).loadChecker;
    assert.ok(await checker("udp-retry"));
    const again = await (await import("../../src/check/harness.js")).runVerify((await checker("udp-retry"))!, {
      command: (await import("../../src/check/command.js")).commandForFile(file),
      seeds: [failed.seed!],
    });
    const replay = again.checks.find((c) => !c.passed)!;
    assert.equal(replay.name, failed.name);
    assert.equal(replay.detail, failed.detail);
  });
});
