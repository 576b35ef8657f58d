import assert from "node:assert/strict";
import { assertNothingLeft, runHolding } from "../support/demo.js";
import { ends, exitCode, inBothRuntimes, outputOf, rowsOf } from "./lesson-demo-helpers.js";

inBothRuntimes("time-wait: the side that closes first holds TIME_WAIT; a restart binds only with SO_REUSEADDR", async (runtime) => {
  // The restarted server's close() waits until a reading shows its LISTEN row beside the TIME_WAIT.
  const run = await runHolding("time-wait", {
    runtime,
    // (Python's first close() is the socket whose bind() failed.)
    hold: { proc: "restarted server", call: "close", nth: { python: 2, node: 1 } },
    until: (snap) => snap.rows.some((r) => r.state === "LISTEN") && snap.rows.some((r) => r.state === "TIME_WAIT"),
  });
  assert.equal(run.state.ok, true, run.state.reason);
  const server = `127.0.0.1:${run.port}`;

  // The server closes first: its FIN goes out before the client's.
  const serverFin = ends(run.events, "server", runtime === "python" ? "close" : "shutdown").at(-1)!;
  const clientEof = ends(run.events, "client", "recv").find((c) => c.bytes === 0)!;
  assert.ok(serverFin && clientEof, "the client read b'' from the server");
  const clientAddr = ends(run.events, "client", "connect")[0]!.local!;
  assert.ok(clientAddr, "the client's own address is known");

  // TIME_WAIT sits on the server's side (local = the server's port), never on the client's.
  const rows = rowsOf(run.events, "tcp").flatMap((s) => s.rows);
  const waiting = rows.filter((r) => r.state === "TIME_WAIT");
  assert.ok(waiting.some((r) => r.local === server && r.remote === clientAddr), `a TIME_WAIT row ${server} -> ${clientAddr}: ${JSON.stringify(waiting)}`);
  assert.equal(waiting.some((r) => r.local === clientAddr), false, "the side that closed second has no TIME_WAIT");
  assert.ok(waiting.every((r) => r.pid === undefined), "TIME_WAIT belongs to no process");

  // The restart: while that entry exists...
  if (runtime === "python") {
    const binds = ends(run.events, "restarted server", "bind");
    assert.equal(binds.length, 2);
    assert.equal(binds[0]!.errno, "EADDRINUSE", "without SO_REUSEADDR: EADDRINUSE");
    assert.equal(binds[1]!.errno, undefined, "with SO_REUSEADDR: ok");
    const opt = ends(run.events, "restarted server", "setsockopt")[0]!;
    assert.deepEqual(opt.args, ["SOL_SOCKET", "SO_REUSEADDR", "1"]);
    assert.ok(opt.t < binds[1]!.t && opt.t > binds[0]!.t, "the option is set between the two binds");
    assert.match(outputOf(run.events, "restarted server"), /without SO_REUSEADDR: EADDRINUSE[\s\S]*with SO_REUSEADDR: ok/);
  } else {
    const [listen] = ends(run.events, "restarted server", "listen");
    assert.equal(listen?.errno, undefined, "Node sets SO_REUSEADDR itself: listen() succeeds");
    assert.match(run.state.runtimeNote ?? "", /SO_REUSEADDR on every listening socket/);
  }
  const restartedAt = ends(run.events, "restarted server", runtime === "python" ? "bind" : "listen")[0]!.t;
  assert.ok(waiting.length > 0 && restartedAt > serverFin.t, "the restart came after the first server closed");
  assert.ok(
    rowsOf(run.events, "tcp").some(({ rows: r }) => r.some((x) => x.state === "LISTEN" && x.local === server) && r.some((x) => x.state === "TIME_WAIT" && x.local === server)),
    "the new LISTEN row beside the old connection's TIME_WAIT",
  );
  assert.equal(exitCode(run.events, "restarted server"), 0);
  await assertNothingLeft(run);
});
