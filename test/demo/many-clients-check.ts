/** The one check behind many-clients, many-clients-threads and many-clients-select. */
import assert from "node:assert/strict";
import type { DemoRuntime } from "../../src/demo/spec.js";
import { assertNothingLeft, runDemo, type DemoRun } from "../support/demo.js";
import { ends, exitCode, outputOf, rowsOf } from "./lesson-demo-helpers.js";

const CLIENTS = ["client 1", "client 2", "client 3"];

/** When the server was busy with each client: from its first recv() to the b'' that ends it. */
export function serviceIntervals(run: DemoRun): { peer: string; from: number; to: number }[] {
  const byPeer = new Map<string, { peer: string; from: number; to: number }>();
  for (const c of ends(run.events, "server", "recv")) {
    const span = byPeer.get(c.peer!) ?? { peer: c.peer!, from: c.t, to: c.t };
    span.from = Math.min(span.from, c.t);
    span.to = Math.max(span.to, c.t);
    byPeer.set(c.peer!, span);
  }
  return [...byPeer.values()].sort((a, b) => a.from - b.from);
}

export async function runManyClients(id: string, runtime: DemoRuntime): Promise<DemoRun> {
  const run = await runDemo(id, { runtime, deadlineMs: 20_000 });
  assert.equal(run.state.ok, true, run.state.reason);
  for (const c of CLIENTS) {
    const out = outputOf(run.events, c);
    assert.match(out, new RegExp(`'hello from ${c}' echoed`));
    assert.match(out, /'bye' echoed/);
    assert.equal(exitCode(run.events, c), 0);
  }
  assert.equal(ends(run.events, "server", "accept").length, 3);
  const spans = serviceIntervals(run);
  assert.equal(spans.length, 3, "three conversations");
  return run;
}

/** One at a time: each conversation starts after the previous one ended; the others wait. */
export async function checkOneAtATime(runtime: DemoRuntime): Promise<void> {
  const run = await runManyClients("many-clients", runtime);
  const spans = serviceIntervals(run);
  for (let i = 1; i < spans.length; i++) assert.ok(spans[i]!.from >= spans[i - 1]!.to, `client served ${i + 1} starts after ${i} ended: ${JSON.stringify(spans)}`);
  assert.ok(spans[2]!.to - spans[0]!.from > 1800, "three one-second conversations in a row take over two seconds");

  // The others were connected all along, waiting.
  const server = `127.0.0.1:${run.port}`;
  const tables = rowsOf(run.events, "tcp").map((s) => s.rows);
  if (runtime === "python") {
    // ...in the kernel's accept queue: counted by the LISTEN row, owned by no process.
    assert.ok(
      tables.some((rows) => rows.some((r) => r.state === "LISTEN" && r.local === server && r.recvQ === 2) && rows.filter((r) => r.state === "ESTABLISHED" && r.local === server && r.pid === undefined).length === 2),
      "a snapshot with two connections in the accept queue while the first client is served",
    );
  } else {
    // ...accepted by libuv at once, owned by the server, their bytes unread.
    assert.ok(
      tables.some((rows) => rows.filter((r) => r.state === "ESTABLISHED" && r.local === server && r.pid === run.pids[0] && r.recvQ > 0).length === 2),
      "a snapshot with two accepted, unread connections while the first client is served",
    );
  }
  await assertNothingLeft(run);
}

/** Together: all three conversations are under way at the same moment. */
export async function checkTogether(id: "many-clients-threads" | "many-clients-select", runtime: DemoRuntime): Promise<DemoRun> {
  const run = await runManyClients(id, runtime);
  const spans = serviceIntervals(run);
  const lastStart = Math.max(...spans.map((s) => s.from));
  const firstEnd = Math.min(...spans.map((s) => s.to));
  assert.ok(lastStart < firstEnd, `all three served at once: ${JSON.stringify(spans)}`);
  const accepts = ends(run.events, "server", "accept");
  assert.ok(new Set(accepts.map((a) => a.result)).size === 3, "three accepted sockets, open together");
  return run;
}
