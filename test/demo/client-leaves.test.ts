import assert from "node:assert/strict";
import type { DemoSession } from "../../src/demo/launcher.js";
import type { DemoRuntime } from "../../src/demo/spec.js";
import type { SocketRow } from "../../src/kernel/types.js";
import { assertNothingLeft, callsOf, describeEvents, runDemo, type DemoRun } from "../support/demo.js";
import { ends, exitCode, inBothRuntimes, outputOf, rowsOf } from "./lesson-demo-helpers.js";

/**
 * Step mode, every call let through at once, except that the server's second and third
 * send() wait until the kernel table has shown what comes before each: the CLOSE_WAIT row
 * after the client left, then (after the send that "worked") no row for the connection.
 * A free run would depend on a table reading falling inside a half-second window.
 */
function runHeld(runtime: DemoRuntime): Promise<DemoRun> {
  let sends = 0;
  let held: { seq: number; until: (rows: SocketRow[]) => boolean; timer: NodeJS.Timeout } | undefined;
  const release = (session: DemoSession): void => {
    if (!held) return;
    clearTimeout(held.timer);
    session.continue("server", held.seq);
    held = undefined;
  };
  return runDemo("client-leaves", {
    runtime,
    mode: "step",
    onEvent: (ev, session) => {
      if (ev.type === "table" && held?.until(ev.snapshot.rows)) release(session);
      if (ev.type !== "call" || ev.phase !== "pending") return;
      if (runtime === "python" && ev.proc === "server" && ev.call === "send" && ++sends >= 2) {
        const port = `:${session.port}`;
        const conn = (r: SocketRow) => r.proto === "tcp" && r.local.endsWith(port) && r.state !== "LISTEN";
        const until = sends === 2 ? (rows: SocketRow[]) => rows.some((r) => conn(r) && r.state === "CLOSE_WAIT") : (rows: SocketRow[]) => rows.some((r) => r.state === "LISTEN" && r.local.endsWith(port)) && !rows.some(conn);
        // Never longer than 5 s: the assertions below then say what the table missed.
        held = { seq: ev.seq, until, timer: setTimeout(() => release(session), 5000) };
        return;
      }
      session.continue(ev.proc, ev.seq);
    },
  });
}

inBothRuntimes("client-leaves: the article's loop after the client leaves: b'', a send that still works, then EPIPE", async (runtime) => {
  const run = await runHeld(runtime);
  const trace = `Events:\n${describeEvents(run.events)}`;
  assert.equal(run.state.ok, true, `${run.state.reason}\n${trace}`);
  assert.equal(exitCode(run.events, "client"), 0);
  assert.equal(exitCode(run.events, "server"), 1, "the server fails, as the article's would");
  // (The start of close(): the server may see the FIN before the client's close() returns.)
  const clientClose = callsOf(run.events, "client", "start").filter((c) => c.call === "close").at(-1);
  assert.ok(clientClose, "the client closes its socket without saying bye");
  assert.match(outputOf(run.events, "client"), /server: hi/);

  const recvs = ends(run.events, "server", "recv");
  assert.equal(recvs[0]!.bytes, 5, "the server reads hello");
  const eof = recvs.find((c) => c.bytes === 0);
  assert.ok(eof && eof.t > clientClose.t, `after the client left, recv() returns 0 bytes:\n${trace}`);
  const server = `127.0.0.1:${run.port}`;
  const connRow = (r: { local: string; remote: string; proto: string }) => r.proto === "tcp" && r.local === server && r.remote !== "0.0.0.0:*" && r.remote !== "*:*";

  if (runtime === "python") {
    assert.deepEqual(recvs.map((c) => c.bytes), [5, 0, 0], "hello, then b'' again and again");
    const sends = ends(run.events, "server", "send");
    assert.deepEqual(sends.map((c) => c.args[0]), ["b'hi'", "b'anyone there?'", "b'bye'"], trace);
    const [, afterLeft, last] = sends;
    assert.ok(afterLeft!.t > eof.t, "the server answered after the client had left");
    assert.equal(afterLeft!.errno, undefined, "that send() succeeded: the kernel took the bytes");
    assert.equal(afterLeft!.bytes, 13);
    assert.equal(last!.errno, "EPIPE", "the next send() fails: the client's kernel had answered with a reset");
    assert.match(outputOf(run.events, "server", true), /BrokenPipeError/);
    // Python prints the traceback and warns of unclosed sockets with repr(), which asks
    // getsockname() and getpeername(): no line of the program did, so they are not shown.
    const queries = callsOf(run.events, "server").filter((c) => c.call === "getsockname" || c.call === "getpeername");
    assert.deepEqual(queries.map((c) => `${c.call} ${c.file ?? "(no line)"}`), [], trace);
    // The article's print() of b'': an empty line.
    assert.match(outputOf(run.events, "server"), /client: \n/);
    // The kernel's view: the server's end waits in CLOSE_WAIT after the client's FIN; after
    // the send that "worked", the reset has removed it while the server still listens.
    const tables = rowsOf(run.events);
    assert.ok(tables.some(({ rows }) => rows.some((r) => connRow(r) && r.state === "CLOSE_WAIT")), `a CLOSE_WAIT row for the server's end:\n${trace}`);
    // By the order of events, not by their times: a snapshot's time is when its reading began.
    const [from, to] = [run.events.indexOf(afterLeft!), run.events.indexOf(last!)];
    const between = tables.filter(({ at }) => at > from && at < to);
    assert.ok(
      between.some(({ rows }) => rows.some((r) => r.state === "LISTEN" && r.local === server) && !rows.some(connRow)),
      `after the reset, a snapshot with the LISTEN row and no row for the connection:\n${trace}`,
    );
  } else {
    // Node reads the end itself and closes its own side: no empty 'data', no kernel send.
    assert.deepEqual(recvs.map((c) => c.bytes), [5, 0]);
    assert.ok(ends(run.events, "server", "shutdown").some((c) => c.t >= eof.t), "Node ends its side on its own after the client's FIN");
    const out = outputOf(run.events, "server");
    assert.doesNotMatch(out, /client: \n/, "no empty line: Node never hands an empty chunk to 'data'");
    assert.match(out, /write\('anyone there\?'\) failed: EPIPE/);
    assert.match(out, /write\('bye'\) failed: EPIPE/);
    const sends = ends(run.events, "server", "send");
    assert.deepEqual(sends.map((c) => c.bytes), [2], "only 'hi' reached the kernel");
  }
  await assertNothingLeft(run);
});
