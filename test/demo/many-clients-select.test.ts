import assert from "node:assert/strict";
import { once } from "node:events";
import net from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import type { CallEvent } from "../../src/demo/events.js";
import { assertNothingLeft } from "../support/demo.js";
import { ends, inBothRuntimes } from "./lesson-demo-helpers.js";
import { checkTogether } from "./many-clients-check.js";
import { startUntraced } from "./untraced.js";

inBothRuntimes("many-clients-select: one thread, select() says who is ready, all three served at once", async (runtime) => {
  const run = await checkTogether("many-clients-select", runtime);
  const calls = ends(run.events, "server", "recv").concat(ends(run.events, "server", "accept"));
  assert.ok(calls.every((c) => c.thread === undefined), "one thread does everything");
  if (runtime === "python") {
    const selects = run.events.filter((e): e is CallEvent => e.type === "call" && e.proc === "server" && e.phase === "end" && e.kind === "select");
    assert.ok(selects.length >= 6, `select() before every accept and recv (${selects.length})`);
    // Every accept() and recv() follows a select() that reported its socket ready: none blocks.
    for (const c of calls) {
      const before = selects.filter((s) => s.t <= c.t).at(-1);
      assert.ok(before && new RegExp(`fd ${c.fd}\\b`).test(before.result ?? ""), `${c.call} on fd ${c.fd} after select() said so: ${before?.result ?? "none"}`);
    }
    // The echo goes out with send() only when select() reported that socket writable, and
    // never with sendall(), which on a non-blocking socket fails once the buffer is full.
    assert.deepEqual(ends(run.events, "server", "sendall"), [], "no sendall() on a non-blocking socket");
    const sends = ends(run.events, "server", "send");
    assert.ok(sends.length >= 6, `an echo of each line (${sends.length} send() calls)`);
    for (const c of sends) {
      const before = selects.filter((s) => s.t <= c.t).at(-1);
      assert.ok(before && new RegExp(`fd ${c.fd} \\([^)]*write`).test(before.result ?? ""), `send() on fd ${c.fd} after select() said it is writable: ${before?.result ?? "none"}`);
    }
  }
  await assertNothingLeft(run);
});

/**
 * The select server is a pattern to copy, so it must survive the clients a real server
 * meets: one that sends 4 MiB and does not read its echo for a while (a blocking
 * sendall() on a non-blocking socket would raise BlockingIOError), and one that resets
 * its connection (an uncaught ECONNRESET would end the server and drop every client).
 */
inBothRuntimes("many-clients-select's server: a slow reader gets every byte back, a reset drops only that client", async (runtime) => {
  const file = `11-many-clients/demos/many-clients-select/server.${runtime === "python" ? "py" : "mjs"}`;
  const server = await startUntraced(file, runtime); // its readiness probe is client 1 of 3
  const sockets: net.Socket[] = [];
  try {
    const data = Buffer.alloc(4 * 1024 * 1024);
    for (let i = 0; i < data.length; i++) data[i] = i % 251;
    const slow = net.connect(server.port, "127.0.0.1");
    sockets.push(slow);
    slow.pause(); // read nothing for now: the server's send buffer for us fills up
    const received: Buffer[] = [];
    const ended = new Promise<void>((resolve, reject) => {
      slow.on("data", (d: Buffer) => received.push(d));
      slow.once("end", resolve);
      slow.once("error", reject);
    });
    slow.write(data, () => slow.end()); // all of it, then close our sending side

    const reset = net.connect(server.port, "127.0.0.1");
    sockets.push(reset);
    await once(reset, "connect");
    reset.write(Buffer.alloc(100_000, 1)); // and never read the echo
    await delay(200);
    reset.resetAndDestroy(); // RST instead of FIN
    await delay(500);
    slow.resume();

    await withDeadline(ended, 15_000, "the slow client's echo");
    const back = Buffer.concat(received);
    assert.equal(back.length, data.length, "every byte came back");
    assert.ok(back.equals(data), "the same bytes, in order");
    const code = await withDeadline(server.exited, 5000, "the server's exit after its three clients");
    assert.equal(code, 0, `the server ended normally:\n${server.output()}`);
    assert.match(server.output(), /lost \((Connection reset by peer|ECONNRESET)\)/, "the reset is reported for that client alone");
  } finally {
    for (const s of sockets) s.destroy();
    await server.stop();
  }
});

async function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
