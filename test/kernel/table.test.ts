import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import dgram from "node:dgram";
import net from "node:net";
import path from "node:path";
import { PROC_NET_FILES, parseProcNet } from "../../src/kernel/proc-net.js";
import { compareRows, sortRows } from "../../src/kernel/select.js";
import { ssStateToKernel } from "../../src/kernel/ss.js";
import { readSocketTable } from "../../src/kernel/table.js";
import type { SocketRow, SocketTableSnapshot } from "../../src/kernel/types.js";
import { alive, fixture, handleFd, hasSs, python3, ssNow, startPython, tempDir, waitFor } from "./helpers.js";

const linux = process.platform === "linux";
const skipLinux = linux ? false : "reads /proc/net: Linux only";
const noPython = python3() ? false : "python3 is not installed: this case needs a listener that never accepts / a receiver that never reads";

/** Every port and pid a test used, checked at the end: nothing may stay bound or running. */
const usedPorts = new Set<number>();
const usedPids = new Set<number>();
after(async () => {
  await waitFor("test processes to exit", () => ([...usedPids].every((p) => !alive(p)) ? true : undefined), 3000);
  if (hasSs) {
    const bound = ssNow("-ltnup").filter((r) => [...usedPorts].some((p) => r.local.endsWith(`:${p}`)));
    assert.deepEqual(bound, [], "a port a test used is still bound");
  }
});

function listen(server: net.Server, host: string): Promise<number> {
  return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as net.AddressInfo).port)));
}

async function connectPair(server: net.Server, port: number, host = "127.0.0.1"): Promise<{ client: net.Socket; conn: net.Socket }> {
  const accepted = new Promise<net.Socket>((r) => server.once("connection", r));
  const client = net.connect(port, host);
  await new Promise((r) => client.once("connect", r));
  return { client, conn: await accepted };
}

async function tableUntil(what: string, filter: Parameters<typeof readSocketTable>[0], pred: (s: SocketTableSnapshot) => boolean): Promise<SocketTableSnapshot> {
  let last: SocketTableSnapshot | undefined;
  try {
    return await waitFor(what, async () => {
      last = await readSocketTable(filter);
      return pred(last) ? last : undefined;
    });
  } catch (e) {
    throw new Error(`${(e as Error).message}\nlast snapshot: ${JSON.stringify(last, null, 1)}`);
  }
}

test("owned rows carry pid and fd, listeners come first, ss supplies the backlog; rows match ss -tanpe", { skip: skipLinux }, async () => {
  const server = net.createServer();
  const port = await listen(server, "127.0.0.1");
  usedPorts.add(port);
  const { client, conn } = await connectPair(server, port);
  try {
    const snap = await readSocketTable({ pids: [process.pid], ports: [port] });
    assert.equal(snap.error, undefined);
    const rows = snap.rows.filter((r) => r.proto === "tcp");
    assert.equal(rows.length, 3, JSON.stringify(snap.rows));
    const [l, a, b] = rows;
    assert.deepEqual([l.state, l.local, l.remote, l.pid, l.fd], ["LISTEN", `127.0.0.1:${port}`, "0.0.0.0:*", process.pid, handleFd(server)]);
    const c = [a, b].find((r) => r.remote === `127.0.0.1:${port}`);
    const s = [a, b].find((r) => r.local === `127.0.0.1:${port}`);
    assert.equal(c?.fd, handleFd(client));
    assert.equal(s?.fd, handleFd(conn));
    assert.equal(c?.state, "ESTABLISHED");
    if (hasSs) {
      assert.equal(snap.source, "/proc/net + ss");
      assert.equal(l.sendQ, 511, "Node's default backlog");
      assert.equal(l.unknown, undefined);
      for (const sr of ssNow("-tanpe").filter((x) => x.local.endsWith(`:${port}`) || x.remote.endsWith(`:${port}`))) {
        const r = rows.find((x) => x.inode === sr.ino);
        assert.ok(r, `ss row ${JSON.stringify(sr)} missing`);
        assert.deepEqual([r.local, r.remote, r.state, r.recvQ, r.sendQ], [sr.local, sr.remote, ssStateToKernel(sr.state), sr.recvQ, sr.sendQ]);
        assert.deepEqual(sr.users.map((u) => [u.pid, u.fd]), [[r.pid, r.fd]]);
      }
    } else {
      assert.deepEqual(l.unknown, ["sendQ"]);
    }
    const bare = await readSocketTable({ pids: [process.pid], ports: [port] }, { ss: false });
    assert.equal(bare.source, "/proc/net");
    const bl = bare.rows.find((r) => r.state === "LISTEN" && r.local === `127.0.0.1:${port}`);
    assert.deepEqual([bl?.sendQ, bl?.unknown], [0, ["sendQ"]], "without ss the backlog is marked unknown, not made up");
    assert.equal(bare.unknownReason, "/proc/net does not show it and ss was not asked", "and the snapshot says why");
    if (hasSs) assert.equal(snap.unknownReason, undefined, "nothing unknown with ss");
  } finally {
    client.destroy();
    conn.destroy();
    await new Promise((r) => server.close(r));
  }
});

test("CLOSE_WAIT and FIN_WAIT2 after a half close, then TIME_WAIT on the side that closed first (no owner, found by port)", { skip: skipLinux }, async () => {
  const server = net.createServer({ allowHalfOpen: true });
  const port = await listen(server, "127.0.0.1");
  usedPorts.add(port);
  const { client, conn } = await connectPair(server, port);
  const clientPort = client.localPort as number;
  const filter = { pids: [process.pid], ports: [port] };
  try {
    client.end(); // FIN from the client; the server keeps its side open
    let snap = await tableUntil("CLOSE_WAIT and FIN_WAIT2", filter, (s) => s.rows.some((r) => r.state === "CLOSE_WAIT") && s.rows.some((r) => r.state === "FIN_WAIT2"));
    const cw = snap.rows.find((r) => r.state === "CLOSE_WAIT");
    assert.equal(cw?.local, `127.0.0.1:${port}`);
    assert.equal(cw?.fd, handleFd(conn));
    const fw = snap.rows.find((r) => r.local === `127.0.0.1:${clientPort}`);
    assert.equal(fw?.state, "FIN_WAIT2");
    const order = snap.rows.map((r) => `${r.local}>${r.remote}`);

    conn.end();
    snap = await tableUntil("TIME_WAIT", filter, (s) => s.rows.some((r) => r.state === "TIME_WAIT"));
    const tw = snap.rows.find((r) => r.state === "TIME_WAIT");
    assert.equal(tw?.local, `127.0.0.1:${clientPort}`, "the active closer waits");
    assert.equal(tw?.pid, undefined);
    assert.equal(tw?.inode, 0);
    assert.deepEqual(
      snap.rows.map((r) => `${r.local}>${r.remote}`),
      order.filter((k) => snap.rows.some((r) => `${r.local}>${r.remote}` === k)),
      "rows keep their order as states change",
    );
    const without = await readSocketTable({ pids: [process.pid] });
    assert.ok(!without.rows.some((r) => r.state === "TIME_WAIT"), "without the port, an unowned row is not ours to show");
  } finally {
    client.destroy();
    conn.destroy();
    await new Promise((r) => server.close(r));
  }
});

test("the accept queue: a listener that never accepts shows recvQ = waiting clients, sendQ = backlog", { skip: skipLinux || noPython }, async () => {
  const py = await startPython(
    "import socket, json\ns = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(5)\nprint(json.dumps({'port': s.getsockname()[1], 'fd': s.fileno(), 'pid': os.getpid()}), flush=True)\nthreading.Event().wait()\n",
  );
  const port = py.ready.port as number;
  usedPorts.add(port);
  usedPids.add(py.child.pid as number);
  const clients: net.Socket[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const c = net.connect(port, "127.0.0.1");
      await new Promise((r) => c.once("connect", r));
      clients.push(c);
    }
    const snap = await tableUntil("3 queued", { pids: [py.child.pid as number], ports: [port] }, (s) => s.rows.some((r) => r.state === "LISTEN" && r.recvQ === 3));
    const l = snap.rows[0];
    assert.deepEqual([l.state, l.pid, l.fd, l.recvQ], ["LISTEN", py.ready.pid, py.ready.fd, 3]);
    if (hasSs) assert.equal(l.sendQ, 5, "listen(5)");
    const queued = snap.rows.filter((r) => r.local === `127.0.0.1:${port}` && r.state === "ESTABLISHED");
    assert.equal(queued.length, 3, "the server ends of the queued connections, accepted by nobody yet");
    assert.ok(queued.every((r) => r.pid === undefined && r.inode === 0));
    const clientRows = snap.rows.filter((r) => r.remote === `127.0.0.1:${port}`);
    assert.equal(clientRows.length, 3, "the clients (the test's sockets) show up by port...");
    assert.ok(clientRows.every((r) => r.pid === undefined && r.inode !== 0), "...with no owner: the test process is not in pids");
  } finally {
    for (const c of clients) c.destroy();
    await py.stop();
  }
  assert.ok(!alive(py.child.pid as number));
});

test("UDP: the drops counter rises when a receiver's buffer overflows", { skip: skipLinux || noPython }, async () => {
  const py = await startPython(
    "import socket, json\nr = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\nr.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)\nr.bind(('127.0.0.1', 0))\nprint(json.dumps({'port': r.getsockname()[1], 'fd': r.fileno()}), flush=True)\nthreading.Event().wait()\n",
  );
  const port = py.ready.port as number;
  usedPorts.add(port);
  usedPids.add(py.child.pid as number);
  const tx = dgram.createSocket("udp4");
  try {
    await new Promise<void>((r) => tx.bind(0, "127.0.0.1", r));
    const before = await readSocketTable({ pids: [py.child.pid as number] });
    const rx0 = before.rows.find((r) => r.proto === "udp");
    assert.deepEqual([rx0?.state, rx0?.drops, rx0?.fd, rx0?.local], ["UNCONN", 0, py.ready.fd, `127.0.0.1:${port}`]);
    const payload = Buffer.alloc(512, 120);
    for (let i = 0; i < 64; i++) await new Promise((r) => tx.send(payload, port, "127.0.0.1", r));
    const snap = await tableUntil("drops", { pids: [py.child.pid as number] }, (s) => (s.rows.find((r) => r.proto === "udp")?.drops ?? 0) > 0);
    const rx = snap.rows.find((r) => r.proto === "udp") as SocketRow;
    assert.ok((rx.drops ?? 0) > 0 && (rx.drops ?? 0) <= 64, `drops=${rx.drops}`);
    assert.ok(rx.recvQ > 0, "the buffer holds what fitted");
  } finally {
    tx.close();
    await py.stop();
  }
});

test("Unix sockets: path, type, state, owner; ss adds the peer's path", { skip: skipLinux }, async () => {
  const tmp = tempDir("st-kernel-unix-");
  const sockPath = path.join(tmp.dir, "echo.sock");
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(sockPath, r));
  const accepted = new Promise<net.Socket>((r) => server.once("connection", r));
  const client = net.connect(sockPath);
  await new Promise((r) => client.once("connect", r));
  const conn = await accepted;
  try {
    const snap = await readSocketTable({ pids: [process.pid], paths: [sockPath] });
    const unix = snap.rows.filter((r) => r.proto === "unix" && (r.local === sockPath || r.fd === handleFd(client)));
    assert.equal(unix.length, 3, JSON.stringify(snap.rows));
    const l = unix.find((r) => r.state === "LISTEN");
    assert.deepEqual([l?.local, l?.unixType, l?.pid, l?.fd], [sockPath, "STREAM", process.pid, handleFd(server)]);
    const s = unix.find((r) => r.local === sockPath && r.state === "CONNECTED");
    assert.equal(s?.fd, handleFd(conn), "the accepted socket carries the listener's path");
    const c = unix.find((r) => r.fd === handleFd(client));
    assert.equal(c?.local, "", "the client has no name");
    assert.equal(c?.state, "CONNECTED");
    if (hasSs) {
      assert.equal(c?.remote, sockPath, "the client's peer is the server's path");
      assert.equal(c?.peerInode, s?.inode);
      assert.equal(s?.peerInode, c?.inode);
      assert.equal(l?.sendQ, 511, "backlog");
      assert.equal(c?.unknown, undefined);
    }
    const bare = await readSocketTable({ pids: [process.pid], paths: [sockPath] }, { ss: false });
    const bc = bare.rows.find((r) => r.fd === handleFd(client));
    assert.deepEqual([bc?.remote, bc?.unknown], ["", ["recvQ", "sendQ", "remote"]], "/proc/net/unix alone has no queues or peer");
  } finally {
    client.destroy();
    conn.destroy();
    await new Promise((r) => server.close(r));
    tmp.remove();
  }
});

test("Unix sockets: bytes nobody has read yet show in recvQ, waiting connections in the listener's", { skip: skipLinux || noPython || (hasSs ? false : "needs ss: /proc/net/unix has no queues") }, async () => {
  const tmp = tempDir("st-kernel-unixq-");
  const sockPath = path.join(tmp.dir, "q.sock");
  const py = await startPython(
    "import socket, json\ns = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(3)\nprint(json.dumps({'pid': os.getpid()}), flush=True)\nc, _ = s.accept()\nthreading.Event().wait()\n",
    [sockPath],
  );
  usedPids.add(py.child.pid as number);
  const clients: net.Socket[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const c = net.connect(sockPath);
      await new Promise((r) => c.once("connect", r));
      clients.push(c);
    }
    clients[0].write("abc");
    const filter = { pids: [py.child.pid as number], paths: [sockPath] };
    const snap = await tableUntil("unread bytes", filter, (s) => s.rows.some((r) => r.state === "CONNECTED" && r.recvQ === 3));
    const l = snap.rows.find((r) => r.state === "LISTEN");
    assert.deepEqual([l?.recvQ, l?.sendQ], [2, 3], "2 connections wait for accept(); listen(3)");
    const acc = snap.rows.find((r) => r.state === "CONNECTED" && r.pid === py.child.pid);
    assert.equal(acc?.recvQ, 3);
  } finally {
    for (const c of clients) c.destroy();
    await py.stop();
    tmp.remove();
  }
});

test("IPv6 and IPv4-mapped addresses read as ss prints them", { skip: skipLinux }, async () => {
  const s6 = net.createServer();
  const sm = net.createServer();
  const p6 = await listen(s6, "::1");
  const pm = await listen(sm, "::ffff:127.0.0.1");
  usedPorts.add(p6).add(pm);
  const a = await connectPair(s6, p6, "::1");
  const b = await connectPair(sm, pm, "::ffff:127.0.0.1");
  try {
    const snap = await readSocketTable({ pids: [process.pid], ports: [p6, pm] });
    const mine = snap.rows.filter((r) => r.proto === "tcp6");
    assert.ok(mine.some((r) => r.state === "LISTEN" && r.local === `[::1]:${p6}` && r.remote === "[::]:*"));
    assert.ok(mine.some((r) => r.state === "LISTEN" && r.local === `[::ffff:127.0.0.1]:${pm}`));
    assert.ok(mine.some((r) => r.state === "ESTABLISHED" && r.remote === `[::1]:${p6}` && r.fd === handleFd(a.client)));
    assert.ok(mine.some((r) => r.state === "ESTABLISHED" && r.remote === `[::ffff:127.0.0.1]:${pm}` && r.fd === handleFd(b.client)));
    if (hasSs) {
      for (const sr of ssNow("-tanpe").filter((x) => x.users.some((u) => u.pid === process.pid) && (x.local.endsWith(`:${p6}`) || x.local.endsWith(`:${pm}`)))) {
        const r = mine.find((x) => x.inode === sr.ino);
        assert.equal(r?.local, sr.local);
        assert.equal(r?.remote, sr.remote === "*:*" ? "[::]:*" : sr.remote);
      }
    }
  } finally {
    for (const x of [a, b]) {
      x.client.destroy();
      x.conn.destroy();
    }
    await Promise.all([s6, sm].map((s) => new Promise((r) => s.close(r))));
  }
});

test("descendants are included; stdio socketpairs are hidden; a vanished process just has no rows", { skip: skipLinux }, async () => {
  // sh → node: the table is asked for sh's pid, the socket belongs to its child
  const code = "const s=require('net').createServer().listen(0,'127.0.0.1',()=>console.log(JSON.stringify({port:s.address().port,fd:s._handle.fd,pid:process.pid})));process.stdin.resume();process.stdin.on('end',()=>process.exit(0))";
  const sh = spawn("sh", ["-c", `"${process.execPath}" -e "$0"; exit 0`, code], { stdio: ["pipe", "pipe", "inherit"] });
  usedPids.add(sh.pid as number);
  const ready = await new Promise<{ port: number; fd: number; pid: number }>((resolve, reject) => {
    sh.stdout.setEncoding("utf8").once("data", (d: string) => resolve(JSON.parse(d) as { port: number; fd: number; pid: number }));
    sh.once("exit", () => reject(new Error("child exited early")));
  });
  usedPids.add(ready.pid);
  usedPorts.add(ready.port);
  try {
    assert.notEqual(ready.pid, sh.pid);
    const snap = await readSocketTable({ pids: [sh.pid as number] });
    assert.deepEqual(
      snap.rows.map((r) => [r.proto, r.state, r.pid, r.fd]),
      [["tcp", "LISTEN", ready.pid, ready.fd]],
      "only the listener: the child's stdio are Unix socketpairs at fds 0-2, hidden",
    );
    const all = await readSocketTable({ pids: [sh.pid as number], ignoreFds: [] });
    // the socketpairs are shared by sh and node: the first pid given owns them
    assert.ok(all.rows.filter((r) => r.proto === "unix" && r.pid === sh.pid && (r.fd ?? 99) <= 1).length >= 2, "shown when not ignored");
    const direct = await readSocketTable({ pids: [sh.pid as number], children: false });
    assert.ok(!direct.rows.some((r) => r.proto === "tcp"), "children: false stops at sh");
  } finally {
    sh.stdin.end();
  }
  await waitFor("child exit", () => (!alive(ready.pid) && !alive(sh.pid as number) ? true : undefined));
  const gone = await readSocketTable({ pids: [sh.pid as number, ready.pid, 999999999] });
  assert.deepEqual(gone.rows, []);
  assert.equal(gone.error, undefined);
});

test("sorting is stable and puts listeners first (fixture rows in any order)", () => {
  const rows = PROC_NET_FILES.flatMap((f) => parseProcNet(f, fixture("linux-x86_64", `proc-net-${f}.txt`), "LE"));
  const sorted = sortRows([...rows]);
  const firstNon = sorted.findIndex((r) => !(r.state === "LISTEN" || r.state === "UNCONN"));
  assert.ok(firstNon > 0);
  assert.ok(sorted.slice(firstNon).every((r) => r.state !== "LISTEN"));
  for (let i = 0; i < 5; i++) {
    const shuffled = [...rows].sort(() => Math.random() - 0.5);
    assert.deepEqual(sortRows(shuffled), sorted);
  }
  const a: SocketRow = { proto: "tcp", local: "127.0.0.1:9", remote: "127.0.0.1:80", state: "ESTABLISHED", recvQ: 0, sendQ: 0, inode: 5 };
  const b: SocketRow = { ...a, local: "127.0.0.1:10" };
  assert.ok(compareRows(a, b) < 0, "ports compare as numbers");
  assert.equal(compareRows(a, { ...a, state: "TIME_WAIT", inode: 5 }), 0, "state past LISTEN is not a key");
});
