import assert from "node:assert/strict";
import { assertNothingLeft, runDemo } from "../support/demo.js";
import { ends, exitCode, inBothRuntimes, outputOf } from "./lesson-demo-helpers.js";

inBothRuntimes("reset-unread: close() with unread bytes resets; the client gets ECONNRESET (then EPIPE in Python), caught, no crash", async (runtime) => {
  const run = await runDemo("reset-unread", { runtime });
  assert.equal(run.state.ok, true, run.state.reason);
  const out = outputOf(run.events, "client");
  if (runtime === "python") {
    const [first] = ends(run.events, "server", "recv");
    assert.equal(first?.bytes, 5, "the server reads 5 of the 21 bytes");
    const sends = ends(run.events, "client", "sendall");
    assert.deepEqual(
      sends.map((s) => s.errno ?? "ok"),
      ["ok", "ECONNRESET", "EPIPE"],
      "the request goes out; after the reset the next send fails with ECONNRESET, the one after with EPIPE",
    );
    assert.match(out, /send 1 failed: ECONNRESET \(ConnectionResetError\)/);
    assert.match(out, /send 2 failed: EPIPE \(BrokenPipeError\)/);
  } else {
    // Node reads all the time: the reset arrives as one 'error' event.
    assert.match(out, /'error' event: ECONNRESET/);
  }
  assert.match(out, /client done, no crash/);
  assert.equal(exitCode(run.events, "client"), 0);
  assert.equal(exitCode(run.events, "server"), 0);
  await assertNothingLeft(run);
});
