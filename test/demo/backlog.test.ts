import assert from "node:assert/strict";
import type { CallEvent } from "../../src/demo/events.js";
import { assertNothingLeft, runDemo } from "../support/demo.js";
import { ends, exitCode, inBothRuntimes, outputOf, tablesOf } from "./lesson-demo-helpers.js";

const CLIENTS = ["client 1", "client 2", "client 3", "client 4", "client 5"];

inBothRuntimes("backlog: clients connect before accept(); the accept queue holds backlog+1, the rest stall in SYN_SENT", async (runtime) => {
  const run = await runDemo("backlog", { runtime, deadlineMs: 25_000 });
  assert.equal(run.state.ok, true, run.state.reason);
  const server = `127.0.0.1:${run.port}`;
  const [listen] = ends(run.events, "server", "listen");
  assert.ok(listen && listen.errno === undefined);
  if (runtime === "python") assert.deepEqual(listen.args, ["2"]);
  else assert.match(listen.args.join(" "), /backlog: 2/);

  // The moment the server first turns to accept() (Node: when libuv hands over the first connection).
  const firstAccept = run.events.find((e): e is CallEvent => e.type === "call" && e.proc === "server" && e.call === "accept");
  assert.ok(firstAccept, "the server accepts");
  const acceptAt = firstAccept.t;
  const clientPids = new Set(run.events.flatMap((e) => (e.type === "spawn" && e.proc.startsWith("client") ? [e.pid] : [])));

  // connect() returned for (at least) three clients before anything was accepted.
  const earlyConnects = CLIENTS.flatMap((c) => ends(run.events, c, "connect")).filter((c) => c.errno === undefined && c.t < acceptAt);
  assert.ok(earlyConnects.length >= 3, `connect() returned before accept() for ${earlyConnects.map((c) => c.proc).join(", ")}`);

  // While nobody accepts, the LISTEN row's Recv-Q counts the waiting connections. (One reading
  // of /proc/net/tcp is not atomic, so a snapshot taken mid-handshake may be off by one: the
  // check is on the settled queue, which lasts until accept().)
  const before = tablesOf(run.events).filter((t) => t.snapshot.t < acceptAt - 5);
  const settled = before.find(({ snapshot }) => {
    const rows = snapshot.rows.filter((r) => r.proto === "tcp");
    const listening = rows.find((r) => r.state === "LISTEN" && r.local === server);
    const waiting = rows.filter((r) => r.state === "ESTABLISHED" && r.local === server);
    const stalled = rows.filter((r) => r.state === "SYN_SENT" && clientPids.has(r.pid ?? -1));
    return listening?.recvQ === 3 && waiting.length === 3 && stalled.length >= 1;
  });
  assert.ok(settled, `a snapshot before accept() shows Recv-Q 3 = three waiting connections, and a client stalled in SYN_SENT:\n${before.map((t) => JSON.stringify(t.snapshot.rows.map((r) => [r.local, r.remote, r.state, r.recvQ, r.pid]))).join("\n")}`);
  const rows = settled.snapshot.rows;
  const listening = rows.find((r) => r.state === "LISTEN")!;
  assert.ok(rows.filter((r) => r.state === "ESTABLISHED" && r.local === server).every((r) => r.pid === undefined), "a connection in the accept queue belongs to no process");
  assert.ok(rows.filter((r) => r.state === "ESTABLISHED" && r.local !== server).every((r) => clientPids.has(r.pid ?? -1)), "its other end is a client's connected socket");
  if (!listening.unknown?.includes("sendQ")) assert.equal(listening.sendQ, 2, "ss shows the backlog as Send-Q");
  const maxQueued = Math.max(...tablesOf(run.events).flatMap((t) => t.snapshot.rows.filter((r) => r.state === "LISTEN").map((r) => r.recvQ)));
  assert.equal(maxQueued, 3, "Linux queues backlog + 1 = 3 connections, never more");

  // Then every client is served: the stalled ones got in on a retransmitted SYN.
  for (const c of CLIENTS) {
    assert.equal(exitCode(run.events, c), 0, `${c} exits 0`);
    assert.match(outputOf(run.events, c), new RegExp(`'welcome, ${c}'`));
  }
  assert.equal(outputOf(run.events, "server").match(/accepted client \d/g)?.length, 5);

  // Room in the queue, not a client leaving, let the stalled clients in: the server holds
  // every connection open until all five are accepted, so no client has closed when the
  // last connect() returns. (The article ties the two together.)
  const accepts = ends(run.events, "server", "accept");
  assert.equal(accepts.length, 5, "five accept() calls");
  const leaves = CLIENTS.flatMap((c) => [...ends(run.events, c, "close"), ...ends(run.events, c, "shutdown")]);
  assert.ok(leaves.length >= 5, "every client closes its connection");
  const firstLeave = Math.min(...leaves.map((c) => c.t));
  const connects = CLIENTS.flatMap((c) => ends(run.events, c, "connect")).filter((c) => c.errno === undefined);
  assert.equal(connects.length, 5);
  const late = connects.filter((c) => c.t > acceptAt);
  assert.ok(late.length >= 1, "at least one client stalled until the server began to accept");
  for (const c of connects) assert.ok(c.t < firstLeave, `${c.proc} got in before any client had left`);
  assert.ok(accepts.at(-1)!.t < firstLeave, "the fifth accept() came before any client left");
  assert.match(outputOf(run.events, "server"), /accepted client \d; 5 connected, none has left/);
  await assertNothingLeft(run);
});
