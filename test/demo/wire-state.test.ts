/**
 * The wire's reduction (src/demo/wire.ts, wire-view.ts) on recorded-like events: relative
 * sequence numbers, retransmissions, window scaling, ICMP errors, endpoints named by
 * process from calls and the table, bounds, and the timeline with packets in causal order.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CallEvent, DemoEvent, PacketEvent } from "../../src/demo/events.js";
import type { DemoSpec } from "../../src/demo/spec.js";
import { initialState, reduce, type DemoState } from "../../src/demo/state.js";
import { flagWords } from "../../src/demo/wire.js";
import { packetText, gapText } from "../../src/demo/wire-format.js";
import { endpointLabel, wireTimeline } from "../../src/demo/wire-view.js";
import { parseCaptureLine } from "../../src/demo/capture/lines.js";

const spec: DemoSpec = {
  id: "w",
  title: "W",
  summary: "s",
  processes: [
    { name: "server", side: "left", python: "s.py", node: "s.mjs" },
    { name: "client 1", side: "right", python: "c.py", node: "c.mjs" },
    { name: "client 2", side: "right", python: "c.py", node: "c.mjs" },
  ],
};

const S = "127.0.0.1:8000";
const C1 = "127.0.0.1:40001";
const C2 = "127.0.0.1:40002";
const T0 = 1_700_000_000_000;

function start(limits = {}): DemoState {
  return initialState({ spec, runtime: "python", mode: "run", sources: {}, limits });
}

function play(events: DemoEvent[], state = start()): DemoState {
  return events.reduce(reduce, state);
}

let n = 0;
function tcp(t: number, src: string, dst: string, flags: string, seq: number, ack: number, extra: Partial<PacketEvent> & { win?: number; wscale?: number; mss?: number } = {}): PacketEvent {
  const { win = 65495, wscale, mss, ...rest } = extra;
  const header: NonNullable<PacketEvent["tcp"]> = { flags, seq, ack, win };
  if (wscale !== undefined) header.wscale = wscale;
  if (mss !== undefined) header.mss = mss;
  return { type: "packet", n: ++n, t: T0 + t, ip: 4, proto: "tcp", src, dst, size: 52 + (rest.bytes ?? 0), bytes: 0, tcp: header, ...rest };
}

function call(proc: string, seq: number, phase: CallEvent["phase"], name: string, t: number, extra: Partial<CallEvent> = {}): CallEvent {
  return { type: "call", proc, pid: proc === "server" ? 10 : 20 + seq, seq, phase, call: name, args: [], t: T0 + t, ...extra };
}

/** A handshake, 5 bytes from the client, an ACK: with realistic absolute numbers. */
function handshake(client = C1, at = 0, isnC = 3_000_000_000, isnS = 123_456): PacketEvent[] {
  return [
    tcp(at + 0.1, client, S, "S", isnC, 0, { mss: 65495, wscale: 7 }),
    tcp(at + 0.11, S, client, "SA", isnS, isnC + 1, { mss: 65495, wscale: 7, win: 65483 }),
    tcp(at + 0.12, client, S, "A", isnC + 1, isnS + 1, { win: 512 }),
    tcp(at + 5, client, S, "PA", isnC + 1, isnS + 1, { win: 512, bytes: 5, preview: "hello" }),
    tcp(at + 5.01, S, client, "A", isnS + 1, isnC + 6, { win: 512 }),
  ];
}

describe("the wire's state", () => {
  it("counts seq and ack from each connection's start, and scales the window the handshake agreed", () => {
    const s = play(handshake());
    const [syn, synAck, ack, data, dataAck] = s.wire.packets;
    assert.deepEqual([syn!.flags, synAck!.flags, ack!.flags, data!.flags, dataAck!.flags], ["SYN", "SYN+ACK", "ACK", "PSH+ACK", "ACK"]);
    assert.deepEqual([syn!.seq, syn!.ack], [0, undefined], "a SYN has no ACK flag, so no ack number");
    assert.deepEqual([synAck!.seq, synAck!.ack], [0, 1]);
    assert.deepEqual([ack!.seq, ack!.ack], [1, 1]);
    assert.deepEqual([data!.seq, data!.ack, data!.bytes], [1, 1, 5]);
    assert.deepEqual([dataAck!.seq, dataAck!.ack], [1, 6]);
    assert.equal(syn!.win, 65495, "a SYN's window is never scaled");
    assert.equal(ack!.win, 512 * 128, "after the handshake: 512 << 7");
    assert.equal(syn!.mss, 65495);
    assert.ok(s.wire.packets.every((p) => p.conn === 1 && !p.retransmission));
    assert.equal(packetText(s, data!), `${C1} → ${S}  PSH+ACK  seq 1  ack 1  win 65536  5 bytes b'hello'`, "unnamed ends are shown as addresses");
  });

  it("wraps sequence numbers past 2^32", () => {
    const s = play(handshake(C1, 0, 2 ** 32 - 1, 2 ** 32 - 3));
    const data = s.wire.packets[3]!;
    assert.deepEqual([data.seq, data.ack], [1, 1]);
    assert.deepEqual([s.wire.packets[4]!.seq, s.wire.packets[4]!.ack], [1, 6]);
  });

  it("marks a SYN sent again as a retransmission, with the time since the last one", () => {
    const s = play([tcp(0, C1, S, "S", 77, 0), tcp(1000, C1, S, "S", 77, 0), tcp(2000, C1, S, "S", 77, 0), tcp(2000.1, S, C1, "SA", 5, 78), tcp(2000.2, C1, S, "A", 78, 6)]);
    const [first, second, third, synAck, ack] = s.wire.packets;
    assert.equal(first!.retransmission, undefined);
    assert.deepEqual(second!.retransmission, { after: 1000 });
    assert.deepEqual(third!.retransmission, { after: 1000 });
    assert.equal(synAck!.retransmission, undefined);
    assert.equal(ack!.retransmission, undefined, "an ACK carries no sequence space: never a retransmission");
    assert.equal(s.wire.conns, 1, "one connection, however many SYNs");
    assert.match(packetText(s, second!), /\(retransmission, 1\.000 s after the last\)$/);
  });

  it("marks data sent again as a retransmission, but not new data", () => {
    const s = play([...handshake(), tcp(205, C1, S, "PA", 3_000_000_001, 123_457, { bytes: 5, preview: "hello" }), tcp(210, C1, S, "PA", 3_000_000_006, 123_457, { bytes: 3 })]);
    const again = s.wire.packets[5]!;
    const fresh = s.wire.packets[6]!;
    assert.equal(again.seq, 1);
    assert.ok(again.retransmission, "the same 5 bytes again");
    assert.ok(Math.abs(again.retransmission.after! - 200) < 1e-6);
    assert.equal(fresh.retransmission, undefined);
    assert.equal(fresh.seq, 6);
  });

  it("numbers a new connection on the same two ports (another initial sequence number) as a new one", () => {
    const s = play([...handshake(C1, 0, 1000, 2000), ...handshake(C1, 100, 9000, 8000)]);
    assert.deepEqual(
      s.wire.packets.map((p) => p.conn),
      [1, 1, 1, 1, 1, 2, 2, 2, 2, 2],
    );
    assert.equal(s.wire.packets[5]!.retransmission, undefined);
    assert.deepEqual([s.wire.packets[6]!.seq, s.wire.packets[6]!.ack], [0, 1]);
  });

  it("reads RST+ACK for a refused connect (relative to the SYN it answers)", () => {
    const s = play([tcp(0, C1, S, "S", 555, 0), tcp(0.01, S, C1, "RA", 0, 556, { win: 0 })]);
    const rst = s.wire.packets[1]!;
    assert.equal(rst.flags, "RST+ACK");
    assert.equal(rst.ack, 1);
    assert.equal(rst.win, 0);
  });

  it("decodes ICMP port unreachable about a UDP datagram, with its sender named", () => {
    const udp: PacketEvent = { type: "packet", n: ++n, t: T0 + 1, ip: 4, proto: "udp", src: C1, dst: "127.0.0.1:9999", size: 33, bytes: 5, preview: "hello" };
    const icmp: PacketEvent = { type: "packet", n: ++n, t: T0 + 1.01, ip: 4, proto: "icmp", src: "127.0.0.1", dst: "127.0.0.1", size: 61, bytes: 0, icmp: { type: 3, code: 3, about: { proto: "udp", src: C1, dst: "127.0.0.1:9999" } } };
    const s = play([call("client 1", 1, "end", "sendto", 0.9, { local: "0.0.0.0:40001", peer: "127.0.0.1:9999", bytes: 5 }), udp, icmp]);
    const [u, i] = s.wire.packets;
    assert.equal(packetText(s, u!), "client 1 → 127.0.0.1:9999  UDP  5 bytes b'hello'", "named through the wildcard address the call reported");
    assert.equal(i!.icmp!.meaning, "port-unreachable");
    assert.equal(packetText(s, i!), "127.0.0.1:9999 → client 1  ICMP port unreachable: the UDP datagram client 1 → 127.0.0.1:9999 found no socket there");
  });

  it("names endpoints from the calls' addresses and the table's owners", () => {
    const s = play([
      { type: "spawn", proc: "server", pid: 10, t: T0 },
      call("server", 1, "end", "bind", 0, { local: S }),
      ...handshake(C1, 1),
      { type: "spawn", proc: "client 2", pid: 31, t: T0 + 9 },
      { type: "table", t: T0 + 10, snapshot: { t: T0 + 10, source: "/proc/net", rows: [{ proto: "tcp", local: `[::ffff:${C2.split(":")[0]}]:40002`, remote: S, state: "ESTABLISHED", recvQ: 0, sendQ: 0, inode: 1, pid: 31, fd: 3 }] } },
    ]);
    assert.equal(endpointLabel(s, S), "server");
    assert.equal(endpointLabel(s, C1), C1, "no call or row names client 1's port yet");
    assert.equal(endpointLabel(s, C2), "client 2", "a table row's owner, its IPv4-mapped address read as IPv4");
  });

  it("gives a SYN from an unknown port to the connect() that was running when it left, before or after the call's event arrives", () => {
    // client 1 connected before (its address is known); client 2's connect() is still waiting.
    const early = play([call("client 1", 1, "start", "connect", 0, { args: ["('127.0.0.1', 8000)"] }), call("client 1", 1, "end", "connect", 1, { local: C1, peer: S }), call("client 2", 1, "start", "connect", 5, { args: ["('127.0.0.1', 8000)"] }), tcp(5.02, C2, S, "S", 1, 0)]);
    assert.equal(endpointLabel(early, C2), "client 2");
    // The SYN's event first, the call's start after it (two pipes): named as soon as the call is seen.
    const late = play([tcp(5.02, C2, S, "S", 1, 0), call("client 2", 1, "start", "connect", 5, { args: ["('127.0.0.1', 8000)"] })]);
    assert.equal(endpointLabel(late, C2), "client 2");
    // A connect() to another address does not claim it.
    const other = play([call("client 2", 1, "start", "connect", 5, { args: ["('127.0.0.1', 9000)"] }), tcp(5.02, C2, S, "S", 1, 0)]);
    assert.equal(endpointLabel(other, C2), C2);
    // A connect() started after the SYN did not send it.
    const after = play([tcp(5.02, C2, S, "S", 1, 0), call("client 2", 1, "start", "connect", 9, { args: ["('127.0.0.1', 8000)"] })]);
    assert.equal(endpointLabel(after, C2), C2);
  });

  it("keeps a bounded number of packets and connections, however long the transfer", () => {
    const events: DemoEvent[] = [...handshake()];
    for (let i = 0; i < 5000; i++) events.push(tcp(10 + i, C1, S, "A", 3_000_000_001 + i * 65483, 123_457, { bytes: 65483 }));
    for (let i = 0; i < 400; i++) events.push(tcp(6000 + i, `127.0.0.1:${20000 + i}`, S, "S", i, 0));
    const s = play(events, start({ wire: { packets: 100, flows: 50, names: 64 } }));
    assert.equal(s.wire.packets.length, 100);
    assert.equal(s.wire.droppedPackets, 5000 + 5 + 400 - 100);
    assert.equal(s.wire.flows.length, 50);
    assert.ok(s.wire.unnamed.length <= 16, "SYNs waiting for a name are bounded too");
  });

  it("counts packets not reported one by one", () => {
    const s = play([
      { type: "packet-gap", count: 1200, bytes: 80_000_000, cause: "budget", t: T0 },
      { type: "packet-gap", count: 3, cause: "kernel", t: T0 + 1 },
    ]);
    assert.deepEqual(s.wire.missed, { budget: 1200, kernel: 3, bytes: 80_000_000 });
    assert.equal(gapText({ count: 1200, bytes: 80_000_000, cause: "budget" }), "1200 packets (76.3 MiB of data) not shown one by one: more a second than anyone can read");
  });

  it("forgets the packets on a restart, and keeps why there are none", () => {
    const s = play([{ type: "wire", status: "capturing", t: T0 }, ...handshake(), { type: "status", status: "starting", t: T0 + 100 }]);
    assert.equal(s.wire.packets.length, 0);
    assert.equal(s.wire.status, "off");
    const off = play([{ type: "wire", status: "unavailable", reason: "no namespaces", t: T0 }]);
    assert.equal(off.wire.reason, "no namespaces");
  });

  it("writes flags in words, in one order", () => {
    assert.equal(flagWords("SA"), "SYN+ACK");
    assert.equal(flagWords("AS"), "SYN+ACK");
    assert.equal(flagWords("FPA"), "FIN+PSH+ACK");
    assert.equal(flagWords("RA"), "RST+ACK");
    assert.equal(flagWords(""), "none");
  });
});

describe("the timeline with packets", () => {
  const rows = (s: DemoState) => wireTimeline(s).map((r) => (r.kind === "call" ? `${r.call.proc} ${r.call.call}` : `${r.packet.flags ?? r.packet.proto}`));

  it("puts connect() before its SYN, and accept() after the ACK that completed the handshake", () => {
    const s = play([
      call("server", 1, "start", "accept", 0),
      call("client 1", 1, "start", "connect", 10, { args: ["('127.0.0.1', 8000)"] }),
      tcp(10.05, C1, S, "S", 1, 0),
      tcp(10.06, S, C1, "SA", 9, 2),
      tcp(10.07, C1, S, "A", 2, 10),
      call("client 1", 1, "end", "connect", 10.08, { local: C1, peer: S }),
      call("server", 1, "end", "accept", 10.2, { local: S, peer: C1 }),
    ]);
    assert.deepEqual(rows(s), ["client 1 connect", "SYN", "SYN+ACK", "ACK", "server accept"]);
  });

  it("breaks a near tie by cause: a send before its own packet, a packet before the recv it fed", () => {
    // Stamps 20 µs the wrong way round (two clocks): within CLOCK_SLACK_MS cause decides.
    const s = play([
      call("client 1", 1, "end", "connect", 1, { local: C1, peer: S }),
      call("server", 1, "end", "accept", 2, { local: S, peer: C1 }),
      call("server", 2, "start", "recv", 3),
      tcp(9.98, C1, S, "PA", 1, 1, { bytes: 5 }),
      call("client 1", 2, "start", "send", 10, { peer: S, local: C1 }),
      call("client 1", 2, "end", "send", 10.01, { peer: S, local: C1 }),
      call("server", 2, "end", "recv", 10.02, { peer: C1, local: S }),
      tcp(10.04, S, C1, "A", 1, 6),
    ]);
    // recv's place is its return (10.02); the server's ACK (10.04) is no cause of it and stays after.
    assert.deepEqual(rows(s).slice(2), ["client 1 send", "PSH+ACK", "server recv", "ACK"]);
  });

  it("does not move a packet past a call it did not cause, however close", () => {
    const s = play([
      call("server", 1, "end", "accept", 1, { local: S, peer: C1 }),
      call("server", 2, "start", "close", 10, { local: S, peer: C1 }),
      tcp(10.02, S, C1, "FA", 1, 1),
      // The listening socket's close: no peer, so the FIN is not its packet.
      call("server", 3, "start", "close", 10.04, { local: S }),
    ]);
    assert.deepEqual(rows(s).slice(1), ["server close", "FIN+ACK", "server close"]);
  });
});

describe("the capture helper's lines", () => {
  it("become packet events with endpoints, flags and numbers", () => {
    const ev = parseCaptureLine('{"type":"p","n":3,"t":1796163298957.7363,"v":4,"src":"127.0.0.1","dst":"127.0.0.1","len":60,"p":"tcp","sp":55740,"dp":9000,"f":"SA","seq":1,"ack":2,"win":65483,"mss":65495,"ws":10,"pl":0}');
    assert.deepEqual(ev, { type: "packet", n: 3, t: 1796163298957.7363, ip: 4, proto: "tcp", src: "127.0.0.1:55740", dst: "127.0.0.1:9000", size: 60, bytes: 0, tcp: { flags: "SA", seq: 1, ack: 2, win: 65483, mss: 65495, wscale: 10 } });
    const v6 = parseCaptureLine('{"type":"p","n":9,"t":1,"v":6,"src":"::1","dst":"::1","len":50,"p":"udp","sp":60756,"dp":9998,"pl":2,"pv":"v6"}');
    assert.equal(v6?.type === "packet" && v6.src, "[::1]:60756");
    const icmp = parseCaptureLine('{"type":"p","n":8,"t":2,"v":4,"src":"127.0.0.1","dst":"127.0.0.1","len":65,"p":"icmp","it":3,"ic":3,"ip":"udp","isrc":"127.0.0.1","isp":47097,"idst":"127.0.0.1","idp":9999,"pl":37}');
    assert.deepEqual(icmp?.type === "packet" && icmp.icmp, { type: 3, code: 3, about: { proto: "udp", src: "127.0.0.1:47097", dst: "127.0.0.1:9999" } });
    assert.deepEqual(parseCaptureLine('{"type":"gap","n":5,"bytes":100,"t":3}'), { type: "packet-gap", count: 5, bytes: 100, cause: "budget", t: 3 });
  });

  it("refuse what the helper never writes: forged fields, escapes, huge lines", () => {
    const base = { type: "p", n: 1, t: 5, v: 4, src: "127.0.0.1", dst: "127.0.0.1", len: 52, p: "tcp", sp: 1, dp: 2, f: "S", seq: 1, ack: 0, win: 1, pl: 0 };
    const line = (o: object) => parseCaptureLine(JSON.stringify({ ...base, ...o }));
    assert.ok(line({}));
    assert.equal(line({ src: "\u001b[2J127.0.0.1" }), undefined, "an address is an address");
    assert.equal(line({ f: "SYN\u001b" }), undefined);
    assert.equal(line({ sp: 70000 }), undefined);
    assert.equal(line({ seq: -1 }), undefined);
    assert.equal(line({ t: "now" }), undefined);
    const withEscape = line({ pv: "\u001b]0;owned\u0007" });
    assert.ok(withEscape && withEscape.type === "packet" && withEscape.preview === undefined, "a preview with control characters is dropped");
    assert.equal(parseCaptureLine(JSON.stringify({ ...base, pad: "x".repeat(5000) })), undefined);
    assert.equal(parseCaptureLine("not json"), undefined);
    assert.equal(parseCaptureLine('{"type":"gap","n":0}'), undefined);
  });
});
