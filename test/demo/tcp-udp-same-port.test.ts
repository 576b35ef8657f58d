import assert from "node:assert/strict";
import { assertNothingLeft, callsOf, runHolding } from "../support/demo.js";
import { inBothRuntimes, rowsOf } from "./lesson-demo-helpers.js";

inBothRuntimes("tcp-udp-same-port: a tcp row and a udp row on the same address at once", async (runtime) => {
  // The first close() waits until one reading holds both rows.
  const run = await runHolding("tcp-udp-same-port", {
    runtime,
    hold: { proc: "server", call: "close" },
    until: (snap) => snap.rows.some((r) => r.proto === "tcp" && r.state === "LISTEN") && snap.rows.some((r) => r.proto === "udp"),
  });
  assert.equal(run.state.ok, true, run.state.reason);
  const calls = callsOf(run.events, "server");
  assert.ok(calls.every((c) => c.errno === undefined), `no call fails: ${calls.map((c) => `${c.call} ${c.errno ?? "ok"}`).join(", ")}`);
  if (runtime === "python") {
    const sockets = calls.filter((c) => c.call === "socket").map((c) => c.args);
    assert.deepEqual(sockets, [["AF_INET", "SOCK_STREAM"], ["AF_INET", "SOCK_DGRAM"]]);
    assert.equal(calls.filter((c) => c.call === "bind").length, 2);
  } else {
    assert.deepEqual(calls.map((c) => c.call).slice(0, 2), ["listen", "bind"]);
  }

  const addr = `127.0.0.1:${run.port}`;
  const both = rowsOf(run.events).find(({ rows }) => rows.some((r) => r.proto === "tcp" && r.state === "LISTEN" && r.local === addr) && rows.some((r) => r.proto === "udp" && r.local === addr));
  assert.ok(both, "one snapshot holds both rows");
  const tcp = both.rows.find((r) => r.proto === "tcp")!;
  const udp = both.rows.find((r) => r.proto === "udp")!;
  assert.equal(udp.state, "UNCONN");
  assert.equal(tcp.pid, udp.pid, "one process owns both");
  assert.notEqual(tcp.fd, udp.fd, "two sockets, two descriptors");
  await assertNothingLeft(run);
});
