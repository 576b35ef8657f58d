import assert from "node:assert/strict";
import { assertNothingLeft, indexOf, isCall, runDemo } from "../support/demo.js";
import { ends, exitCode, inBothRuntimes, outputOf, rowsOf } from "./lesson-demo-helpers.js";

inBothRuntimes("addr-in-use: the second copy's bind fails with EADDRINUSE while the first holds the port", async (runtime) => {
  const run = await runDemo("addr-in-use", { runtime });
  assert.equal(run.state.ok, true, run.state.reason);
  // Python reports bind(); Node's listen() binds and listens in one call.
  const binding = runtime === "python" ? "bind" : "listen";
  const [first] = ends(run.events, "server", binding);
  const [second] = ends(run.events, "server 2", binding);
  assert.equal(first?.errno, undefined);
  assert.equal(second?.errno, "EADDRINUSE");
  assert.ok(indexOf(run.events, isCall("server", "listen")) < indexOf(run.events, isCall("server 2", binding)), "the second tries while the first listens");
  assert.ok(indexOf(run.events, isCall("server 2", binding)) < indexOf(run.events, isCall("server", "close")), "... and before the first closes");
  if (runtime === "python") assert.equal(ends(run.events, "server 2", "listen").length, 0, "the second never listens");

  assert.equal(exitCode(run.events, "server"), 0);
  assert.equal(exitCode(run.events, "server 2"), 1, "the second exits non-zero, expected (not a crash)");
  assert.match(outputOf(run.events, "server 2"), /EADDRINUSE/);
  assert.equal(outputOf(run.events, "server 2", true).includes("Traceback"), false, "the error is handled, not a crash");

  // Only one process ever listens: the first copy. (A LISTEN row read while its socket is being
  // closed can have no owner any more: the fd is gone from /proc before the row leaves the table.)
  const listenPids = new Set(rowsOf(run.events, "tcp").flatMap((s) => s.rows).filter((r) => r.state === "LISTEN" && r.pid !== undefined).map((r) => r.pid));
  assert.deepEqual([...listenPids], [first!.pid]);
  await assertNothingLeft(run);
});
