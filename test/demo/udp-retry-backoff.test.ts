import assert from "node:assert/strict";
import { assertNothingLeft, runDemo } from "../support/demo.js";
import { ends, exitCode, inBothRuntimes, outputOf } from "./lesson-demo-helpers.js";

inBothRuntimes("udp-retry-backoff: two requests dropped, two timeouts, the same request again, the third try answered", async (runtime) => {
  const run = await runDemo("udp-retry-backoff", { runtime });
  assert.equal(run.state.ok, true, run.state.reason);
  const sends = ends(run.events, "client", "sendto");
  assert.equal(sends.length, 3, "three tries of the same request");
  assert.ok(sends.every((s) => !s.errno), "every send succeeded: the loss shows only as timeouts");
  const out = outputOf(run.events, "client");
  assert.equal((out.match(/no reply in time/g) ?? []).length, 2);
  assert.match(out, /reply on try 3: .*colour=blue/);
  assert.match(outputOf(run.events, "server"), /request 1 .*dropped on purpose[\s\S]*request 3 .*answered/);
  // The waits grow: the gap before the third try is longer than the one before the second.
  const [a, b, c] = sends.map((s) => s.t);
  assert.ok(c! - b! > b! - a!, `waits ${b! - a!} then ${c! - b!} ms`);
  assert.equal(exitCode(run.events, "client"), 0);
  await assertNothingLeft(run);
});
