/**
 * The table is read from /proc on every poll; ss runs only for what /proc lacks
 * (a listener's backlog, cached per socket). A wrapper named ss, first on PATH,
 * counts the runs. PATH is set before table.js is loaded: it finds ss once.
 */
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { which } from "../../src/util/which.js";

const realSs = process.platform === "linux" ? which("ss") : undefined;
const skip = process.platform !== "linux" ? "reads /proc/net: Linux only" : !realSs ? "ss is not installed" : false;
const dir = mkdtempSync(path.join(os.tmpdir(), "st-ss-count-"));
const log = path.join(dir, "runs.log");
after(() => rmSync(dir, { recursive: true, force: true }));
if (realSs) {
  writeFileSync(path.join(dir, "ss"), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${realSs}' "$@"\n`);
  chmodSync(path.join(dir, "ss"), 0o755);
  process.env.PATH = `${dir}${path.delimiter}${process.env.PATH ?? ""}`;
}
const runs = (): string[] => {
  try {
    return readFileSync(log, "utf8").split("\n").filter(Boolean);
  } catch {
    return [];
  }
};

describe("polling the socket table", { skip }, () => {
  it("runs ss once for a listener's backlog over 20 polls, and fills the backlog on every poll from /proc plus the cache", async () => {
    const { readSocketTable } = await import("../../src/kernel/table.js");
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", 7, r));
    const port = (server.address() as net.AddressInfo).port;
    const client = net.connect(port, "127.0.0.1");
    await new Promise((r) => client.once("connect", r));
    try {
      const before = runs().length;
      for (let i = 0; i < 20; i++) {
        const snap = await readSocketTable({ pids: [process.pid], ports: [port] });
        const listen = snap.rows.find((r) => r.state === "LISTEN" && r.local === `127.0.0.1:${port}`);
        assert.ok(listen, `poll ${i}: the listener is read (${JSON.stringify(snap)})`);
        assert.equal(listen.sendQ, 7, `poll ${i}: the backlog is known`);
        assert.equal(listen.unknown, undefined);
        assert.ok(snap.rows.some((r) => r.state === "ESTABLISHED"), `poll ${i}: the connection is read from /proc`);
      }
      const spawned = runs().slice(before);
      assert.equal(spawned.length, 1, `ss runs: ${spawned.join(" | ")}`);
      assert.match(spawned[0]!, /-l -A tcp/, "the one run asks for TCP listeners only");
    } finally {
      client.destroy();
      await new Promise((r) => server.close(r));
    }
  });

  it("runs no ss at all for a table without listeners or Unix sockets", async () => {
    const { readSocketTable } = await import("../../src/kernel/table.js");
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as net.AddressInfo).port;
    const client = net.connect(port, "127.0.0.1");
    await new Promise((r) => client.once("connect", r));
    // The listener stops listening at once (close's callback would wait for the connection to end): two ESTABLISHED ends are left.
    const closed = new Promise((r) => server.close(r));
    try {
      const before = runs().length;
      for (let i = 0; i < 10; i++) {
        const snap = await readSocketTable({ pids: [process.pid], ports: [port] });
        assert.ok(!snap.rows.some((r) => r.state === "LISTEN"), JSON.stringify(snap.rows));
        assert.ok(snap.rows.some((r) => r.state === "ESTABLISHED"), JSON.stringify(snap.rows));
      }
      assert.deepEqual(runs().slice(before), []);
    } finally {
      client.destroy();
      await closed;
    }
  });
});
