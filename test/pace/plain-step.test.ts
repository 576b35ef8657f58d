/**
 * Every demo, in both runtimes, stepped through `--plain --step` at a reader's pace
 * (an Enter every 0.7 s), ends with the lesson's outcome: the demo clock stops while
 * a call waits for the Enter, so the programs' sleeps and timeouts see no time pass.
 * (Before the clock, udp-two-clients' server timed out and its clients reported lost
 * datagrams, and backlog's clients gave up, at this pace.) The runs go in parallel:
 * each is mostly waiting for its next key.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { listDemos } from "../../src/demo/launcher.js";
import { sandboxSupport } from "../../src/sandbox/namespace.js";
import { pythonSkip } from "../demo/lesson-demo-helpers.js";
import { expectedOutput, PACE_MS, QUICK_PACE_MS, runPlainPaced, TIMING_ENDS, timingOf } from "./pace.js";

/** A run ends by itself well within this (the longest, backlog in Python, takes about 45 s at 0.7 s a key). */
const DEADLINE_MS = 150_000;
const sandboxed = (await sandboxSupport()).available;
/** Keys at a reader's pace before a very long demo is let run freely (see PaceOptions.runAfterKeys). */
const RUN_AFTER_KEYS = 120;

describe("--plain --step at 0.7 s a key ends with the lesson's outcome", { concurrency: 21 }, () => {
  for (const demo of listDemos().demos) {
    for (const runtime of ["python", "node"] as const) {
      it(`${demo.spec.id} (${runtime})`, { skip: runtime === "python" && pythonSkip }, async () => {
        const timing = timingOf(demo, runtime);
        // A demo with no clock, sleep, timeout, timer or delay cannot depend on the pace: stepped quicker.
        const pace = timing.length === 0 ? QUICK_PACE_MS : PACE_MS;
        const ends = TIMING_ENDS[`${demo.spec.id}/${runtime}`];
        // Where the demo's timing ends early, the rest is stepped quicker: shown by its timing being exactly what the rule lists.
        if (ends) assert.deepEqual(timing, ends.timing, `${demo.spec.id} (${runtime}): ${ends.why}`);
        const run = await runPlainPaced(demo.spec.id, runtime, pace, DEADLINE_MS, { runAfterKeys: RUN_AFTER_KEYS, ...(ends ? { quickAfter: ends.after } : {}) });
        const out = run.stdout;
        const context = `${demo.spec.id} (${runtime}), ${run.keys} keys at ${pace} ms, ${run.seconds.toFixed(1)} s; timing: ${timing.join(", ") || "none"}\n${out.slice(-6000)}\n${run.stderr}`;
        assert.equal(run.code, 0, context);
        assert.ok(demo.spec.outcome, `${demo.spec.id} declares its outcome`);
        // The verdict is wrapped to the terminal: compared with its line breaks taken out.
        assert.ok(out.replace(/\s+/g, " ").includes(`The demo ran as designed: ${demo.spec.outcome.what}`.replace(/\s+/g, " ")), context);
        // The outcome's own lines, read from the programs' output (not only the verdict).
        const { present, absent } = expectedOutput(demo, runtime, true);
        const printed = out.split("\n").filter((l) => /^\S.*? {2}\| /.test(l)).map((l) => l.replace(/^.*? {2}\| /, ""));
        for (const text of present) assert.ok(printed.some((l) => l.includes(text)), `printed: ${text}\n${context}`);
        for (const text of absent) assert.ok(!printed.some((l) => l.includes(text)), `not printed: ${text}\n${context}`);
        // A demo whose outcome waits on SYN retries gets them raised in its private network (issue 11 item 4), and says so.
        if (sandboxed && demo.spec.outcome.expect.some((e) => e.timer === "syn-retransmission")) assert.match(out, /In this run's private network the kernel retries a SYN every second/, context);
        assert.ok(!/Run it again:/.test(out), `no kernel-timer notice at a reader's pace\n${context}`);
      });
    }
  }
});
