import assert from "node:assert/strict";
import { assertNothingLeft, runDemo } from "../support/demo.js";
import { ends, exitCode, inBothRuntimes, outputOf } from "./lesson-demo-helpers.js";

inBothRuntimes("connect-refused: connect() fails with ECONNREFUSED, explained, exit 1 as expected", async (runtime) => {
  const run = await runDemo("connect-refused", { runtime });
  assert.equal(run.state.ok, true, run.state.reason);
  const [connect] = ends(run.events, "client", "connect");
  assert.ok(connect, "the client called connect()");
  assert.equal(connect.errno, "ECONNREFUSED");
  if (runtime === "python") assert.deepEqual(connect.args, [`('127.0.0.1', ${run.port})`]);
  assert.equal(exitCode(run.events, "client"), 1);
  const out = outputOf(run.events, "client");
  assert.match(out, /ECONNREFUSED/);
  assert.match(out, /Nothing listens on 127\.0\.0\.1:\d+/);
  assert.equal(outputOf(run.events, "client", true).includes("Traceback"), false);
  await assertNothingLeft(run);
});
