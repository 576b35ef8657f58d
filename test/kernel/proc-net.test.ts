import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeProcAddress, formatIPv6, hexAddressBytes } from "../../src/kernel/addr.js";
import { parseProcNet, parseProcNetInet, parseProcNetUnix, PROC_NET_FILES } from "../../src/kernel/proc-net.js";
import { parseSsOutput, ssStateToKernel, type SsRow } from "../../src/kernel/ss.js";
import { applySs } from "../../src/kernel/table.js";
import type { SocketRow } from "../../src/kernel/types.js";
import { fixture } from "./helpers.js";

// Captured on this machine by fixtures/capture.py (x86_64, little-endian): one Python
// process holding every socket state, /proc/net/* and `ss -[tux]anpe` read right after.
const dir = "linux-x86_64";
const meta = JSON.parse(fixture(dir, "meta.json")) as {
  pid: number;
  acceptQueuePort: number;
  dataPort: number;
  v6Port: number;
  mappedPort: number;
  udpReceiverPort: number;
  udp6Port: number;
  unixStream: string;
  unixDgram: string;
  unixSeqpacket: string;
  abstract: string;
};
const rows: SocketRow[] = PROC_NET_FILES.flatMap((f) => parseProcNet(f, fixture(dir, `proc-net-${f}.txt`), "LE"));
const ss = {
  tcp: parseSsOutput(fixture(dir, "ss-tanpe.txt")),
  udp: parseSsOutput(fixture(dir, "ss-uanpe.txt")),
  unix: parseSsOutput(fixture(dir, "ss-xanpe.txt")),
};

test("hex addresses decode in host byte order, per 32-bit word", () => {
  assert.equal(decodeProcAddress("0100007F:1F40", "LE").text, "127.0.0.1:8000");
  assert.equal(decodeProcAddress("7F000001:1F40", "BE").text, "127.0.0.1:8000");
  assert.equal(decodeProcAddress("00000000:0000", "LE").text, "0.0.0.0:*");
  assert.equal(decodeProcAddress("00000000000000000000000001000000:1F40", "LE").text, "[::1]:8000");
  assert.equal(decodeProcAddress("0000000000000000FFFF00000100007F:1F40", "LE").text, "[::ffff:127.0.0.1]:8000");
  assert.equal(decodeProcAddress("00000000000000000000000000000000:0000", "LE").text, "[::]:*");
  assert.equal(decodeProcAddress("000080FE00000000FF0000A0010000FE:0016", "LE").text, "[fe80::a000:ff:fe00:1]:22");
  assert.deepEqual(hexAddressBytes("00000000000000000000000001000000", "BE").slice(12), [1, 0, 0, 0]);
  assert.throws(() => decodeProcAddress("XYZ:0000", "LE"));
});

test("IPv6 text follows inet_ntop (what ss prints)", () => {
  const b = (words: number[]) => words.flatMap((w) => [w >> 8, w & 0xff]);
  assert.equal(formatIPv6(b([0, 0, 0, 0, 0, 0, 0, 0])), "::");
  assert.equal(formatIPv6(b([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1])), "2001:db8::1:0:0:1");
  assert.equal(formatIPv6(b([0x2001, 0xdb8, 0, 1, 1, 1, 1, 1])), "2001:db8:0:1:1:1:1:1");
  assert.equal(formatIPv6(b([0xfe80, 0, 0, 0, 0, 0, 0, 0])), "fe80::");
  assert.equal(formatIPv6(b([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1])), "::ffff:127.0.0.1");
});

test("bad lines are skipped, not thrown on", () => {
  assert.deepEqual(parseProcNetInet("  sl  local_address\n   0: garbage\n", "tcp"), []);
  assert.deepEqual(parseProcNetUnix("Num RefCount\nnonsense\n"), []);
});

function find(pred: (r: SocketRow) => boolean, what: string): SocketRow {
  const r = rows.find(pred);
  assert.ok(r, `no row for ${what}`);
  return r;
}

test("fixture: the states a demo shows are parsed from /proc/net", () => {
  const q = `127.0.0.1:${meta.acceptQueuePort}`;
  const listener = find((r) => r.proto === "tcp" && r.local === q && r.state === "LISTEN", "accept-queue listener");
  assert.equal(listener.recvQ, 3, "3 connections wait in the accept queue (backlog 2 admits backlog+1)");
  assert.equal(listener.remote, "0.0.0.0:*");
  assert.deepEqual(listener.unknown, ["sendQ"], "/proc/net/tcp has no backlog");
  // queued connections exist on the server side without an inode: not accepted by anyone yet
  assert.equal(rows.filter((r) => r.local === q && r.state === "ESTABLISHED" && r.inode === 0).length, 3);
  assert.equal(rows.filter((r) => r.remote === q && r.state === "SYN_SENT").length, 1, "the 4th client waits in SYN_SENT");

  const d = `127.0.0.1:${meta.dataPort}`;
  const unread = find((r) => r.local === d && r.state === "ESTABLISHED" && r.recvQ === 5, "5 unread bytes");
  assert.notEqual(unread.inode, 0);
  find((r) => r.local === d && r.state === "CLOSE_WAIT", "CLOSE_WAIT on the server side");
  find((r) => r.remote === d && r.state === "FIN_WAIT2", "FIN_WAIT2 on the client that closed");
  const tw = find((r) => r.remote === d && r.state === "TIME_WAIT", "TIME_WAIT after the active close");
  assert.equal(tw.inode, 0, "TIME_WAIT belongs to no process");

  find((r) => r.proto === "tcp6" && r.local === `[::1]:${meta.v6Port}` && r.state === "LISTEN", "IPv6 listener");
  find((r) => r.proto === "tcp6" && r.local === `[::ffff:127.0.0.1]:${meta.mappedPort}` && r.state === "LISTEN", "IPv4-mapped listener");
  find((r) => r.proto === "tcp6" && r.remote === `[::ffff:127.0.0.1]:${meta.mappedPort}` && r.state === "ESTABLISHED", "IPv4-mapped client");

  const rx = find((r) => r.proto === "udp" && r.local === `127.0.0.1:${meta.udpReceiverPort}`, "UDP receiver");
  assert.equal(rx.state, "UNCONN");
  assert.ok((rx.drops ?? 0) > 0, `the kernel dropped datagrams (drops=${rx.drops})`);
  assert.ok(rx.recvQ > 0, "its receive buffer is in use");
  const tx = find((r) => r.proto === "udp" && r.remote === `127.0.0.1:${meta.udpReceiverPort}`, "connected UDP sender");
  assert.equal(tx.state, "ESTABLISHED");
  assert.equal(tx.drops, 0);
  find((r) => r.proto === "udp6" && r.local === `[::1]:${meta.udp6Port}` && r.remote === "[::]:*", "UDP over IPv6");

  const ul = find((r) => r.proto === "unix" && r.local === meta.unixStream && r.state === "LISTEN", "unix listener");
  assert.equal(ul.unixType, "STREAM");
  assert.deepEqual(ul.unknown, ["recvQ", "sendQ", "remote"]);
  find((r) => r.proto === "unix" && r.local === meta.unixStream && r.state === "CONNECTED", "accepted unix socket (keeps the path)");
  assert.equal(find((r) => r.local === meta.unixDgram, "unix dgram").unixType, "DGRAM");
  assert.equal(find((r) => r.local === meta.unixSeqpacket, "unix seqpacket").unixType, "SEQPACKET");
  assert.equal(find((r) => r.local === meta.abstract, "abstract name").state, "LISTEN");
});

/** ss's address text in SocketRow's form: ss prints a non-v6only IPv6 wildcard as "*". */
function ssAddr(a: string): string {
  return a === "*:*" ? "[::]:*" : a.replace(/^\*:/, "[::]:");
}

function compareWithSs(ssRows: SsRow[], protoRows: SocketRow[], label: string): number {
  let compared = 0;
  for (const s of ssRows) {
    const mine = s.users.some((u) => u.pid === meta.pid);
    const ports = [meta.acceptQueuePort, meta.dataPort];
    const unownedOnPort = !mine && s.ino === 0 && ports.some((p) => s.local.endsWith(`:${p}`) || s.remote.endsWith(`:${p}`));
    if (!mine && !unownedOnPort) continue;
    const r = mine
      ? protoRows.find((x) => x.inode === s.ino)
      : protoRows.find((x) => x.inode === 0 && x.local === ssAddr(s.local) && x.remote === ssAddr(s.remote));
    assert.ok(r, `${label}: no /proc row for ss row ${JSON.stringify(s)}`);
    assert.equal(r.local, ssAddr(s.local), `${label} local`);
    assert.equal(r.remote, ssAddr(s.remote), `${label} remote`);
    assert.equal(r.state, ssStateToKernel(s.state), `${label} state of ${r.local}`);
    assert.equal(r.recvQ, s.recvQ, `${label} recvQ of ${r.local} ${r.state}`);
    if (r.state !== "LISTEN") assert.equal(r.sendQ, s.sendQ, `${label} sendQ of ${r.local}`);
    compared++;
  }
  return compared;
}

test("fixture: /proc/net rows match what ss read over netlink at the same moment (TCP, UDP)", () => {
  const tcp = rows.filter((r) => r.proto === "tcp" || r.proto === "tcp6");
  const udp = rows.filter((r) => r.proto === "udp" || r.proto === "udp6");
  assert.ok(compareWithSs(ss.tcp, tcp, "tcp") >= 15);
  assert.ok(compareWithSs(ss.udp, udp, "udp") >= 3);
});

test("fixture: unix rows match ss (path, type, state); ss fills queues, peers and backlogs", () => {
  const unix = rows.filter((r) => r.proto === "unix").map((r) => ({ ...r }));
  const mine = ss.unix.filter((s) => s.users.some((u) => u.pid === meta.pid));
  assert.ok(mine.length >= 9, `only ${mine.length} unix sockets of the capture process`);
  for (const s of mine) {
    const r = unix.find((x) => x.inode === s.unixInode);
    assert.ok(r, `no /proc row for unix inode ${s.unixInode}`);
    assert.equal(r.local, s.local === "*" ? "" : s.local);
    assert.equal(r.unixType, { u_str: "STREAM", u_dgr: "DGRAM", u_seq: "SEQPACKET" }[s.netid ?? ""]);
    assert.equal(r.state, ssStateToKernel(s.state, true));
  }
  const paths = new Map(unix.filter((r) => r.inode !== 0).map((r) => [r.inode, r.local]));
  const tcp = rows.filter((r) => r.proto === "tcp" && r.state === "LISTEN").map((r) => ({ ...r }));
  applySs([...unix, ...tcp], { tcpListen: ss.tcp, unix: ss.unix }, paths);

  const accepted = unix.find((r) => r.local === meta.unixStream && r.state === "CONNECTED");
  assert.equal(accepted?.recvQ, 3, "'abc' waits unread");
  assert.equal(accepted?.unknown, undefined);
  const client = unix.find((r) => r.inode === accepted?.peerInode);
  assert.equal(client?.local, "", "the client is unnamed");
  assert.equal(client?.remote, meta.unixStream, "its peer is the server's path");
  assert.equal(unix.find((r) => r.local === meta.unixStream && r.state === "LISTEN")?.sendQ, 4, "listen(4)");
  assert.equal(unix.find((r) => r.local === meta.unixDgram)?.recvQ, 8, "one 8-byte datagram waits");
  const q = tcp.find((r) => r.local === `127.0.0.1:${meta.acceptQueuePort}`);
  assert.equal(q?.sendQ, 2, "backlog 2, from ss");
  assert.equal(q?.unknown, undefined);
});
