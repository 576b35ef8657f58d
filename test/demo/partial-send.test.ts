import assert from "node:assert/strict";
import { assertNothingLeft, describeEvents, runDemo } from "../support/demo.js";
import { ends, exitCode, inBothRuntimes, outputOf } from "./lesson-demo-helpers.js";

const TOTAL = 10_000_000;

inBothRuntimes("partial-send: send() returns a partial count while the server is slow to read; sendall() sends the rest", async (runtime) => {
  const run = await runDemo("partial-send", { runtime, deadlineMs: 25_000 });
  assert.equal(run.state.ok, true, `${run.state.reason}\n${describeEvents(run.events).slice(0, 3000)}`);
  assert.equal(exitCode(run.events, "client"), 0);
  assert.equal(exitCode(run.events, "server"), 0);
  const received = ends(run.events, "server", "recv").reduce((n, c) => n + (c.bytes ?? 0), 0);
  assert.equal(received, TOTAL, "the server received every byte");
  assert.match(outputOf(run.events, "server"), new RegExp(`received all ${TOTAL} bytes`));

  if (runtime === "python") {
    const [send] = ends(run.events, "client", "send");
    assert.ok(send && send.errno === undefined, "send() succeeded");
    const sent = send.bytes!;
    assert.ok(sent > 0 && sent < TOTAL, `send() took part of the 10 MB: ${sent}`);
    assert.match(send.result ?? "", new RegExp(`${sent} of ${TOTAL} bytes`));
    const [sendall] = ends(run.events, "client", "sendall");
    assert.ok(sendall && sendall.t > send.t && sendall.errno === undefined);
    assert.equal(sendall.bytes, TOTAL - sent, "sendall() sent exactly the rest");
    const out = outputOf(run.events, "client");
    assert.match(out, new RegExp(`send\\(\\) took ${sent} of ${TOTAL} bytes`));
    assert.match(out, new RegExp(`sendall\\(\\) took the other ${TOTAL - sent} bytes`));
    // The server read nothing until the client's send() had returned short.
    const firstRecv = ends(run.events, "server", "recv")[0]!;
    assert.ok(firstRecv.t > send.t, "the partial count came while the server was not reading");
  } else {
    const writes = ends(run.events, "client", "send");
    assert.equal(writes.length, 1, "one write() of all the bytes");
    assert.equal(writes[0]!.bytes, TOTAL, "Node's write() takes every byte, never part");
    const out = outputOf(run.events, "client");
    assert.match(out, new RegExp(`write\\(\\) accepted all ${TOTAL} bytes and returned false`));
    assert.match(out, /'drain'/);
  }
  await assertNothingLeft(run);
});
