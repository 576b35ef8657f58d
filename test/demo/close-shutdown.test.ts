import assert from "node:assert/strict";
import net from "node:net";
import { describe, it } from "node:test";
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

/**
 * What the lesson says about Node's allowHalfOpen, tested: it matters on the side that
 * RECEIVES the first FIN. A client with the default still reads the reply after its own
 * end(); a server with the default cannot reply after the client's FIN.
 */
describe("allowHalfOpen, in Node", () => {
  for (const serverHalfOpen of [true, false]) {
    it(`a server ${serverHalfOpen ? "with" : "without"} allowHalfOpen ${serverHalfOpen ? "replies" : "fails with EPIPE"} after the client's FIN; the client has the default`, async () => {
      const outcome = await halfCloseExchange(serverHalfOpen);
      if (serverHalfOpen) assert.deepEqual(outcome, { serverWrite: "ok", clientRead: "got 7 bytes" });
      else assert.deepEqual(outcome, { serverWrite: "EPIPE", clientRead: "" });
    });
  }
});

function halfCloseExchange(serverHalfOpen: boolean): Promise<{ serverWrite: string; clientRead: string }> {
  return new Promise((resolve, reject) => {
    const result = { serverWrite: "", clientRead: "" };
    let pending = 2;
    const done = (): void => {
      if (--pending === 0) resolve(result);
    };
    const timer = setTimeout(() => reject(new Error("no outcome within 5 s")), 5000);
    const server = net.createServer({ allowHalfOpen: serverHalfOpen }, (conn) => {
      server.close();
      let request = "";
      conn.on("data", (d: Buffer) => (request += d.toString()));
      conn.on("error", () => undefined); // the outcome is read from the write callback
      conn.on("end", () =>
        setTimeout(() => {
          conn.write(`got ${request.length} bytes`, (err) => {
            result.serverWrite = err ? ((err as NodeJS.ErrnoException).code ?? String(err)) : "ok";
            conn.end();
            done();
          });
        }, 100),
      );
    });
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      const client = net.connect(port, "127.0.0.1", () => {
        client.write("request");
        client.end(); // shutdown(SHUT_WR); allowHalfOpen left at its default (false)
      });
      client.on("data", (d: Buffer) => (result.clientRead += d.toString()));
      client.on("close", () => {
        clearTimeout(timer);
        done();
      });
    });
  });
}
