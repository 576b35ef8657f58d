/**
 * The views say which time is which (issue 11 item 2): a call's real duration, and its
 * duration on the demo clock when the learner's pauses made them differ; and a pause
 * that outlasted a kernel timer comes first in the live view's notes, offering R (item 4).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { durationText } from "../../src/demo/format.js";
import { findDemo } from "../../src/demo/launcher.js";
import { initialState } from "../../src/demo/state.js";
import { runNotes } from "../../src/ui/live/frame.js";

describe("a call's real time and its demo-clock time", () => {
  it("plain: 'took 13.4 s, 0.2 s on the demo clock' when pauses made them differ", () => {
    assert.equal(durationText({ status: "done", tStart: 1000, tEnd: 14_400, dStart: 500, dEnd: 700 }), "took 13.4 s, 200 ms on the demo clock");
    assert.equal(durationText({ status: "failed", tStart: 0, tEnd: 5000, dStart: 0, dEnd: 5000 }), "took 5.0 s");
  });

  it("live pane: the short form; a quick call shows no time, a pending one none either", () => {
    assert.equal(durationText({ status: "done", tStart: 0, tEnd: 4100, dStart: 0, dEnd: 2200 }, true), "4.1 s · demo 2.2 s");
    assert.equal(durationText({ status: "done", tStart: 0, tEnd: 20, dStart: 0, dEnd: 20 }), undefined);
    assert.equal(durationText({ status: "running", tStart: 0, dStart: 0 }), undefined);
    // Quick really, but long on the demo clock cannot happen; long really and quick on the demo clock is a held call.
    assert.equal(durationText({ status: "done", tStart: 0, tEnd: 900, dStart: 0, dEnd: 30 }), "took 900 ms, 30 ms on the demo clock");
  });
});

describe("the kernel-timer notice in the live view", () => {
  const demo = findDemo("backlog")!;
  const base = initialState({ spec: demo.spec, runtime: "python", mode: "step", sources: {} });
  const kernelTimer = { timer: "syn-retransmission" as const, text: "client 4's connect() waited in SYN_SENT through 90 seconds of pauses.", line: "Your pauses outlasted the kernel's SYN retries (client 4)." };

  it("comes first in the notes once the run is over, in one line that offers R, then in full", () => {
    const notes = runNotes({ ...base, status: "done", ok: false, kernelTimer }, undefined);
    assert.deepEqual(notes.slice(0, 2), ["Your pauses outlasted the kernel's SYN retries (client 4). R runs it again.", kernelTimer.text]);
  });

  it("is not shown while the run goes on, nor without a timer", () => {
    assert.ok(!runNotes({ ...base, status: "running", kernelTimer }, undefined).some((n) => n.includes("R runs it again")));
    assert.ok(!runNotes({ ...base, status: "done", ok: false }, undefined).some((n) => n.includes("R runs it again")));
  });
});
