import assert from "node:assert/strict";
import { assertNothingLeft, runDemo } from "../support/demo.js";
import { ends, inBothRuntimes, outputOf } from "./lesson-demo-helpers.js";

inBothRuntimes("byte-stream: two sends arrive in one recv; one 100000-byte send needs several recvs", async (runtime) => {
  const run = await runDemo("byte-stream", { runtime });
  assert.equal(run.state.ok, true, run.state.reason);
  const send = runtime === "python" ? "sendall" : "send";
  const sends = ends(run.events, "client", send);
  assert.deepEqual(sends.map((c) => c.bytes), [6, 5, 100_000], "hello, world, then the big one");

  const recvs = ends(run.events, "server", "recv");
  const [first, ...rest] = recvs;
  assert.equal(first!.bytes, 11, "one recv() returns both small sends");
  assert.match(first!.result ?? "", /hello world/);
  assert.ok(first!.t > sends[1]!.t, "the recv came after both sends");

  const big = rest.filter((c) => (c.bytes ?? 0) > 0);
  assert.equal(big.reduce((n, c) => n + c.bytes!, 0), 100_000, "every byte arrives, in order of the stream");
  assert.ok(big.length >= 2, `one send, ${big.length} recv() calls`);
  assert.equal(rest.at(-1)!.bytes, 0, "the last recv() returns b'': the client closed");
  const out = outputOf(run.events, "server");
  assert.match(out, new RegExp(`100000 bytes arrived in ${big.length} (recv\\(\\) calls|'data' events)`));
  await assertNothingLeft(run);
});
