import assert from "node:assert/strict";
import type { CallEvent } from "../../src/demo/events.js";
import { assertNothingLeft, runDemo } from "../support/demo.js";
import { ends, exitCode, inBothRuntimes, outputOf } from "./lesson-demo-helpers.js";

const TOTAL = 8 * 1024 * 1024;

inBothRuntimes("nonblocking-naive: against a slow reader, the naive server dies (sendall() and EAGAIN; Node: memory past its budget)", async (runtime) => {
  const run = await runDemo("nonblocking-naive", { runtime, deadlineMs: 25_000 });
  assert.equal(run.state.ok, true, run.state.reason);
  assert.notEqual(exitCode(run.events, "server"), 0, "the server died");
  assert.equal(exitCode(run.events, "client"), 0);
  const back = /got (\d+) of (\d+) bytes back/.exec(outputOf(run.events, "client"));
  assert.ok(back, outputOf(run.events, "client"));
  assert.equal(Number(back[2]), TOTAL);
  assert.ok(Number(back[1]) < TOTAL, `the client got only part back: ${back[1]}`);
  if (runtime === "python") {
    const sendalls = ends(run.events, "server", "sendall");
    const last = sendalls.at(-1)!;
    assert.equal(last.errno, "EAGAIN", `the last sendall() failed with EAGAIN: ${last.result}`);
    assert.ok(sendalls.slice(0, -1).every((c) => c.errno === undefined), "the ones before succeeded");
    assert.match(outputOf(run.events, "server", true), /BlockingIOError/);
  } else {
    assert.match(outputOf(run.events, "server", true), /write\(\) said false \d+ times; now 2\.\d MiB wait in memory for one client: over budget/);
  }
  await assertNothingLeft(run);
});

inBothRuntimes("nonblocking-right: the same slow reader gets all 8 MiB back; the server's buffer stays bounded", async (runtime) => {
  const run = await runDemo("nonblocking-right", { runtime, deadlineMs: 25_000 });
  assert.equal(run.state.ok, true, run.state.reason);
  assert.equal(exitCode(run.events, "server"), 0);
  assert.equal(exitCode(run.events, "client"), 0);
  assert.match(outputOf(run.events, "client"), new RegExp(`got ${TOTAL} of ${TOTAL} bytes back`));
  const m = /times it stopped reading: (\d+); at most (\d+) KiB waited in memory/.exec(outputOf(run.events, "server"));
  assert.ok(m, outputOf(run.events, "server"));
  assert.ok(Number(m[1]) >= 1, "backpressure: it stopped reading at least once");
  assert.ok(Number(m[2]) <= 256 + 64, `bounded: at most ${m[2]} KiB waited`);
  if (runtime === "python") {
    assert.deepEqual(ends(run.events, "server", "sendall"), [], "no sendall()");
    // Some send() took less than it was given: the rest stayed in the buffer, for the next writable.
    const sends = ends(run.events, "server", "send").filter((c) => c.errno === undefined);
    assert.ok(sends.length > 0);
    const selects = run.events.filter((e): e is CallEvent => e.type === "call" && e.proc === "server" && e.phase === "end" && e.kind === "select");
    for (const c of sends) {
      const before = selects.filter((s) => s.t <= c.t).at(-1);
      assert.ok(before && /write/.test(before.result ?? ""), `send() after select() said writable: ${before?.result ?? "none"}`);
    }
  }
  await assertNothingLeft(run);
});
