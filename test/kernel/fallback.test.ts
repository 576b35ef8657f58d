import { test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { descendantsFromPs, mergeFallback, ownedRows } from "../../src/kernel/fallback.js";
import { lsofToRows, parseLsofFields } from "../../src/kernel/lsof.js";
import { parseNetstatInet, parseNetstatListenQueues } from "../../src/kernel/netstat.js";
import { parseProcNet, PROC_NET_FILES } from "../../src/kernel/proc-net.js";
import { readSocketTable } from "../../src/kernel/table.js";
import { which } from "../../src/util/which.js";
import { fixture, handleFd } from "./helpers.js";

test("lsof -F (macOS sample): sockets with owner, addresses, state and queues", () => {
  const socks = parseLsofFields(fixture("macos-sample", "lsof-F.txt"));
  assert.equal(socks.length, 8);
  const rows = lsofToRows(socks);
  const listen = rows.find((r) => r.local === "127.0.0.1:8000" && r.state === "LISTEN");
  assert.deepEqual(
    { pid: listen?.pid, fd: listen?.fd, remote: listen?.remote, recvQ: listen?.recvQ, unknown: listen?.unknown },
    { pid: 4242, fd: 3, remote: "0.0.0.0:*", recvQ: 2, unknown: ["sendQ"] },
  );
  const est = rows.find((r) => r.local === "127.0.0.1:8000" && r.remote === "127.0.0.1:51234");
  assert.equal(est?.state, "ESTABLISHED");
  assert.equal(est?.recvQ, 5);
  const v6 = rows.find((r) => r.proto === "tcp6");
  assert.equal(v6?.local, "[::1]:8001");
  assert.equal(v6?.remote, "[::]:*");
  assert.deepEqual(v6?.unknown, ["recvQ", "sendQ"], "no TQR/TQS given");
  const udp = rows.find((r) => r.proto === "udp");
  assert.equal(udp?.state, "UNCONN");
  const unix = rows.filter((r) => r.proto === "unix");
  assert.deepEqual(
    unix.map((r) => [r.local, r.fd, r.unknown]),
    [
      ["/private/tmp/st-x/echo.sock", 7, ["state", "recvQ", "sendQ", "remote"]],
      ["", 8, ["state", "recvQ", "sendQ", "remote"]],
    ],
  );
  assert.equal(rows.find((r) => r.local === "127.0.0.1:51240")?.state, "FIN_WAIT2", "BSD's FIN_WAIT_2 spelled as the kernel's");
});

test("netstat -an, both dialects, and netstat -Lan", () => {
  const bsd = parseNetstatInet(fixture("macos-sample", "netstat-an.txt"), "bsd");
  assert.equal(bsd.length, 12, "unix lines and headers skipped");
  assert.deepEqual(bsd.find((r) => r.state === "TIME_WAIT"), { proto: "tcp", recvQ: 0, sendQ: 0, local: "127.0.0.1:51238", remote: "127.0.0.1:8000", state: "TIME_WAIT" });
  assert.equal(bsd.find((r) => r.local === "[::1]:8001")?.remote, "[::]:*");
  assert.deepEqual(bsd.find((r) => r.local === "[::]:5353"), { proto: "udp6", recvQ: 0, sendQ: 0, local: "[::]:5353", remote: "[::]:*", state: "UNCONN" });
  assert.equal(bsd.find((r) => r.local === "127.0.0.1:51240")?.state, "FIN_WAIT2");

  const lq = parseNetstatListenQueues(fixture("macos-sample", "netstat-Lan.txt"));
  assert.deepEqual(lq[0], { rawLocal: "127.0.0.1.8000", port: 8000, qlen: 2, incqlen: 0, maxqlen: 3 });
  assert.equal(lq.length, 3);
  assert.deepEqual(parseNetstatListenQueues("Proto Listen  Local Address\ntcp4  1/0/5  127.0.0.1.9000\n")[0].maxqlen, 5, "FreeBSD layout");

  const linux = parseNetstatInet("tcp6       0      0 :::8000     :::*      LISTEN\ntcp6  0 0 ::1:8000  ::1:4000  ESTABLISHED\nudp   0  0 127.0.0.1:53   0.0.0.0:*\n", "linux");
  assert.deepEqual(
    linux.map((r) => [r.proto, r.local, r.remote, r.state]),
    [
      ["tcp6", "[::]:8000", "[::]:*", "LISTEN"],
      ["tcp6", "[::1]:8000", "[::1]:4000", "ESTABLISHED"],
      ["udp", "127.0.0.1:53", "0.0.0.0:*", "UNCONN"],
    ],
  );
});

test("merge (macOS sample): netstat -L gives the listener's queue and backlog; unowned rows on the demo's port are added", () => {
  const owned = lsofToRows(parseLsofFields(fixture("macos-sample", "lsof-F.txt")));
  const ns = parseNetstatInet(fixture("macos-sample", "netstat-an.txt"), "bsd");
  const lq = parseNetstatListenQueues(fixture("macos-sample", "netstat-Lan.txt"));
  const rows = mergeFallback(owned, ns, lq, { ports: [8000] });
  const listen = rows.find((r) => r.local === "127.0.0.1:8000" && r.state === "LISTEN");
  assert.equal(listen?.recvQ, 2);
  assert.equal(listen?.sendQ, 3, "maxqlen is the backlog");
  assert.equal(listen?.unknown, undefined);
  const tw = rows.find((r) => r.state === "TIME_WAIT");
  assert.equal(tw?.pid, undefined);
  assert.equal(tw?.local, "127.0.0.1:51238");
  assert.equal(rows.filter((r) => r.local === "127.0.0.1:51240").length, 1, "an owned row is not added again from netstat");
  assert.ok(rows.some((r) => r.local === "127.0.0.1:8000" && r.state === "CLOSE_WAIT" && r.pid === undefined));
  assert.ok(!rows.some((r) => r.local.startsWith("192.168.") || r.local === "[::]:5353"), "other ports stay out");
  assert.equal(rows.find((r) => r.proto === "tcp6")?.sendQ, 128);
});

test("ps output → descendants (for systems without /proc)", () => {
  const ps = "    1     0\n  100     1\n  200   100\n  201   100\n  300   200\n  999     1\n";
  assert.deepEqual(descendantsFromPs(ps, [100]), [100, 200, 201, 300]);
  assert.deepEqual(descendantsFromPs(ps, [999]), [999]);
});

test("lsof/netstat on Linux (captured): lsof's rows agree with /proc/net's", () => {
  const dir = "linux-x86_64";
  const meta = JSON.parse(fixture(dir, "meta.json")) as { pid: number; dataPort: number; acceptQueuePort: number; unixStream: string };
  const proc = PROC_NET_FILES.flatMap((f) => parseProcNet(f, fixture(dir, `proc-net-${f}.txt`), "LE"));
  const rows = ownedRows(lsofToRows(parseLsofFields(fixture(dir, "lsof-F.txt"))), [0, 1, 2]);
  const inet = rows.filter((r) => r.proto !== "unix");
  assert.ok(inet.length >= 15, `lsof listed ${inet.length} inet sockets`);
  for (const r of inet) {
    assert.equal(r.pid, meta.pid);
    const p = proc.find((x) => x.inode === r.inode);
    assert.ok(p, `no /proc row for lsof's inode ${r.inode}`);
    assert.deepEqual([r.proto, r.local, r.remote, r.state, r.recvQ], [p.proto, p.local, p.remote, p.state, p.recvQ], `row fd ${r.fd}`);
  }
  assert.ok(rows.some((r) => r.proto === "unix" && r.local === meta.unixStream && r.state === "LISTEN"));

  const ns = parseNetstatInet(fixture(dir, "netstat-an.txt"), "linux");
  const tw = ns.filter((r) => r.state === "TIME_WAIT" && r.remote === `127.0.0.1:${meta.dataPort}`);
  assert.equal(tw.length, 1);
  assert.ok(proc.some((p) => p.state === "TIME_WAIT" && p.local === tw[0].local && p.remote === tw[0].remote));
});

/** A loopback connection whose client closed first: its TIME_WAIT (nobody's, remote: `port`) outlives both ends. */
async function leaveTimeWait(): Promise<{ port: number; clientLocal: string }> {
  const server = net.createServer((conn) => conn.on("end", () => conn.end()));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  const client = net.connect(port, "127.0.0.1");
  await new Promise((r) => client.once("connect", r));
  const clientLocal = `127.0.0.1:${client.localPort}`;
  client.end();
  await new Promise((r) => client.once("close", r));
  await new Promise((r) => server.close(r));
  return { port, clientLocal };
}

test("live: the lsof source finds a listener and a connection with owner pid/fd, and an earlier TIME_WAIT on the port as nobody's", { skip: which("lsof") ? false : "lsof is not installed" }, async () => {
  // A port the suite used before (the kernel hands ports out again) may hold a TIME_WAIT
  // whose remote end is this port, like the client's row: made here on purpose, so the
  // rows are told apart by their owner and both addresses, never by the port alone.
  const old = await leaveTimeWait();
  const port = old.port;
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  const accepted = new Promise<net.Socket>((r) => server.once("connection", r));
  const client = net.connect(port, "127.0.0.1");
  await new Promise((r) => client.once("connect", r));
  const conn = await accepted;
  const clientLocal = `127.0.0.1:${client.localPort}`;
  try {
    const snap = await readSocketTable({ pids: [process.pid], ports: [port], children: false }, { source: "lsof" });
    assert.equal(snap.error, undefined);
    assert.match(snap.source, /^lsof/);
    const listen = snap.rows.find((r) => r.state === "LISTEN" && r.local === `127.0.0.1:${port}`);
    assert.equal(listen?.pid, process.pid);
    assert.equal(listen?.fd, handleFd(server));
    const c = snap.rows.find((r) => r.local === clientLocal && r.remote === `127.0.0.1:${port}`);
    assert.deepEqual([c?.state, c?.pid, c?.fd], ["ESTABLISHED", process.pid, handleFd(client)]);
    const s = snap.rows.find((r) => r.local === `127.0.0.1:${port}` && r.remote === clientLocal);
    assert.deepEqual([s?.state, s?.pid, s?.fd], ["ESTABLISHED", process.pid, handleFd(conn)]);
    if (snap.source === "lsof + netstat") {
      const tw = snap.rows.find((r) => r.local === old.clientLocal && r.remote === `127.0.0.1:${port}`);
      assert.deepEqual([tw?.state, tw?.pid], ["TIME_WAIT", undefined], "netstat adds the unowned row on the demo's port");
    }
    assert.equal(snap.rows[0], listen, "listening rows first");
  } finally {
    client.destroy();
    conn.destroy();
    await new Promise((r) => server.close(r));
  }
});
