import assert from "node:assert/strict";
import net from "node:net";
import { it } from "node:test";
import { assertNothingLeft, runHolding } from "../support/demo.js";

/** A connection on loopback whose client closes first: its TIME_WAIT (local: the client's port, remote: `port`) outlives it. */
async function leaveTimeWait(): Promise<{ port: number; clientLocal: string }> {
  const server = net.createServer((conn) => conn.on("end", () => conn.end()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  const client = net.connect(port, "127.0.0.1");
  await new Promise<void>((resolve) => client.on("connect", resolve));
  const clientLocal = `127.0.0.1:${client.localPort}`;
  client.end();
  await new Promise<void>((resolve) => client.on("close", () => resolve()));
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { port, clientLocal };
}

it("the table shows only this run's sockets, not a TIME_WAIT left earlier on the same port", async () => {
  const { port, clientLocal } = await leaveTimeWait();
  // The client's connect() waits until the table has shown the demo's LISTEN row: a short run
  // could otherwise end between two readings on a busy machine.
  const run = await runHolding("tcp-step-by-step", { runtime: "node", port, hold: { proc: "client", call: "connect" }, until: (snap) => snap.rows.some((r) => r.state === "LISTEN") });
  await assertNothingLeft(run);
  assert.equal(run.port, port, "the demo runs on the port with the old TIME_WAIT");
  const tables = run.events.flatMap((e) => (e.type === "table" ? [e.snapshot] : []));
  assert.ok(tables.some((t) => t.rows.some((r) => r.state === "LISTEN")), "the demo's own rows are shown");
  for (const snap of tables) assert.deepEqual(snap.rows.filter((r) => r.local === clientLocal), [], `the earlier connection's TIME_WAIT (${clientLocal}) is not this demo's`);
});
