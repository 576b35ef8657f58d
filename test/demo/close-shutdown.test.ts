import assert from "node:assert/strict";
import type { SocketTableSnapshot } from "../../src/kernel/types.js";
import { assertNothingLeft, callsOf, runHolding } from "../support/demo.js";
import { ends, inBothRuntimes, outputOf, rowsOf } from "./lesson-demo-helpers.js";

inBothRuntimes("close-shutdown: after shutdown(SHUT_WR) the server reads b'' and the client still reads the reply", async (runtime) => {
  // The server's reply waits until a reading shows both half-closed ends (its own pause may
  // pass between two readings on a busy machine).
  const halfClosed = (snap: SocketTableSnapshot) => snap.rows.some((r) => r.state === "CLOSE_WAIT") && snap.rows.some((r) => r.state === "FIN_WAIT2");
  const run = await runHolding("close-shutdown", { runtime, hold: { proc: "server", call: { python: "sendall", node: "send" } }, until: halfClosed });
  assert.equal(run.state.ok, true, run.state.reason);
  const [shutdown] = ends(run.events, "client", "shutdown");
  assert.ok(shutdown, "the client shuts down its sending side");
  assert.deepEqual(shutdown.args, ["SHUT_WR"]);
  const sent = ends(run.events, "client", runtime === "python" ? "sendall" : "send").filter((c) => c.t < shutdown.t);
  assert.equal(sent.reduce((n, c) => n + (c.bytes ?? 0), 0), 23, "the whole request went out before the shutdown");

  // The server reads the request, then b'' (end of request) — after the client's shutdown.
  const serverRecvs = ends(run.events, "server", "recv");
  const eof = serverRecvs.find((c) => c.bytes === 0)!;
  // (Against the start of shutdown(): the server's recv() may return before shutdown() does.)
  const shutdownStart = callsOf(run.events, "client", "start").find((c) => c.call === "shutdown")!;
  assert.ok(eof && eof.t > shutdownStart.t, "b'' arrives after the client's shutdown");
  assert.equal(serverRecvs.filter((c) => c.t < eof.t).reduce((n, c) => n + (c.bytes ?? 0), 0), 23);

  // The client reads the reply after its own shutdown: half-closed, not closed.
  const reply = ends(run.events, "client", "recv").find((c) => (c.bytes ?? 0) > 0)!;
  assert.ok(reply && reply.t > shutdown.t, "the client still reads after shutdown(SHUT_WR)");
  assert.match(reply.result ?? "", /got 23 bytes/);
  assert.match(outputOf(run.events, "client"), /got 23 bytes/);

  // During the server's pause: it is in CLOSE_WAIT, the client in FIN_WAIT2.
  const server = `127.0.0.1:${run.port}`;
  const half = rowsOf(run.events, "tcp").find(({ rows }) => rows.some((r) => r.local === server && r.state === "CLOSE_WAIT") && rows.some((r) => r.remote === server && r.state === "FIN_WAIT2"));
  assert.ok(half, "a snapshot with the server in CLOSE_WAIT and the client in FIN_WAIT2");
  // The client sent FIN first, so TIME_WAIT ends on its side.
  const tw = rowsOf(run.events, "tcp").flatMap((s) => s.rows).filter((r) => r.state === "TIME_WAIT");
  assert.equal(tw.some((r) => r.local === server), false, "no TIME_WAIT on the server's port");
  await assertNothingLeft(run);
});
