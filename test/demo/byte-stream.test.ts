import assert from "node:assert/strict";
import { assertNothingLeft, runDemo } from "../support/demo.js";
import { ends, inBothRuntimes, outputOf } from "./lesson-demo-helpers.js";

inBothRuntimes("byte-stream: two sends arrive in one recv; one 1000000-byte send needs several recvs, even with room for all of it", async (runtime) => {
  const run = await runDemo("byte-stream", { runtime });
  assert.equal(run.state.ok, true, run.state.reason);
  const send = runtime === "python" ? "sendall" : "send";
  const sends = ends(run.events, "client", send);
  assert.deepEqual(sends.map((c) => c.bytes), [6, 5, 1_000_000], "hello, world, then the big one");

  const recvs = ends(run.events, "server", "recv");
  const [first, ...rest] = recvs;
  assert.equal(first!.bytes, 11, "one recv() returns both small sends");
  assert.match(first!.result ?? "", /hello world/);
  assert.ok(first!.t > sends[1]!.t, "the recv came after both sends");

  const big = rest.filter((c) => (c.bytes ?? 0) > 0);
  assert.equal(big.reduce((n, c) => n + c.bytes!, 0), 1_000_000, "every byte arrives, in order of the stream");
  assert.ok(big.length >= 2, `one send, ${big.length} recv() calls`);
  if (runtime === "python") {
    // The buffer had room for the whole megabyte, yet each recv() returned what had
    // arrived so far: sizes set by the kernel, not by the program's buffer.
    assert.ok(rest.every((c) => c.args.includes("1048576")), `recv(1048576): ${rest.map((c) => c.args.join(",")).join(" ")}`);
    assert.ok(big.slice(0, -1).every((c) => c.bytes! < 1_048_576), "no recv() filled the buffer");
  }
  assert.equal(rest.at(-1)!.bytes, 0, "the last recv() returns b'': the client closed");
  const out = outputOf(run.events, "server");
  assert.match(out, new RegExp(`1000000 bytes arrived in ${big.length} (recv\\(\\) calls|'data' events)`));
  await assertNothingLeft(run);
});
