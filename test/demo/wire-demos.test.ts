/**
 * The lesson demos' packets, in order against their calls, in both runtimes: the
 * handshake completes before accept() returns (even while the server is held before
 * it), a connect to a closed port is answered by RST, shutdown() sends a FIN, each
 * datagram is one UDP packet, a datagram to a closed port is answered by ICMP port
 * unreachable, and past a full backlog SYNs are sent again.
 * Without private networks (npm test's second pass), the run says why it has no packets.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CallEvent, DemoEvent, WireEvent } from "../../src/demo/events.js";
import type { DemoRuntime } from "../../src/demo/spec.js";
import { effectTime, type CallView, type DemoState } from "../../src/demo/state.js";
import type { PacketView } from "../../src/demo/wire.js";
import { endpointLabel, wireTimeline } from "../../src/demo/wire-view.js";
import { sandboxSupport } from "../../src/sandbox/namespace.js";
import { runDemo, type DemoRun } from "../support/demo.js";
import { pythonSkip } from "./lesson-demo-helpers.js";

const support = await sandboxSupport();
const noWire = support.available ? false : `no private networks here (${support.reason}): no packets to check`;

function calls(state: DemoState, proc: string, name: string): CallView[] {
  return state.processes.find((p) => p.name === proc)!.calls.filter((c) => c.call === name && c.status !== "pending");
}

/** The TCP packets between two processes (by name), in order. */
function tcpBetween(state: DemoState, a: string, b: string): PacketView[] {
  return state.wire.packets.filter((p) => {
    const from = endpointLabel(state, p.src);
    const to = endpointLabel(state, p.dst);
    return p.proto === "tcp" && ((from === a && to === b) || (from === b && to === a));
  });
}

function describePackets(state: DemoState): string {
  return state.wire.packets.map((p) => `  ${(p.t - state.startedAt!).toFixed(3)} ${endpointLabel(state, p.src)} → ${endpointLabel(state, p.dst)} ${p.flags ?? p.proto} ${p.bytes}${p.retransmission ? " (again)" : ""}`).join("\n");
}

/** Row labels of the timeline with packets: "client connect", "SYN client>server". */
function timelineRows(state: DemoState): string[] {
  return wireTimeline(state).map((r) => (r.kind === "call" ? `${r.call.proc} ${r.call.call}` : `${r.packet.flags ?? r.packet.proto} ${endpointLabel(state, r.packet.src)}>${endpointLabel(state, r.packet.dst)}`));
}

function ordered(rows: string[], ...wanted: string[]): void {
  let at = -1;
  for (const w of wanted) {
    const i = rows.indexOf(w, at + 1);
    assert.ok(i > at, `'${w}' after '${wanted[wanted.indexOf(w) - 1] ?? "the start"}' in the timeline:\n  ${rows.join("\n  ")}`);
    at = i;
  }
}

function capturing(run: DemoRun): void {
  const wire = run.events.find((e): e is WireEvent => e.type === "wire");
  assert.equal(wire?.status, "capturing", wire?.reason);
}

function both(title: string, check: (runtime: DemoRuntime) => Promise<void>): void {
  describe(title, { concurrency: true, skip: noWire }, () => {
    it("python", { skip: pythonSkip }, () => check("python"));
    it("node", () => check("node"));
  });
}

both("tcp-step-by-step on the wire: connect() → SYN → ← SYN+ACK, ACK →, then accept() returns", async (runtime) => {
  const run = await runDemo("tcp-step-by-step", { runtime });
  assert.equal(run.state.ok, true, run.state.reason);
  capturing(run);
  const s = run.state;
  const packets = tcpBetween(s, "client", "server");
  const [syn, synAck, ack] = packets;
  assert.deepEqual(
    packets.slice(0, 3).map((p) => `${endpointLabel(s, p.src)} ${p.flags} ${p.seq}/${p.ack ?? "-"}`),
    ["client SYN 0/-", "server SYN+ACK 0/1", "client ACK 1/1"],
    describePackets(s),
  );
  const connect = calls(s, "client", "connect")[0]!;
  const accept = calls(s, "server", "accept")[0]!;
  assert.ok(connect.tStart! < syn!.t, "connect() started before its SYN left");
  assert.ok(synAck!.t < accept.tEnd! && ack!.t < accept.tEnd!, "the kernel completed the handshake before accept() returned");
  assert.ok(synAck!.t < connect.tEnd!, "connect() returned after the SYN+ACK came");
  ordered(timelineRows(s), "client connect", "SYN client>server", "SYN+ACK server>client", "ACK client>server", "server accept");
  // The data: the client's 5 bytes, then the server's 3, each acknowledged.
  const data = packets.filter((p) => p.bytes > 0).map((p) => `${endpointLabel(s, p.src)} ${p.bytes} ${p.preview}`);
  assert.deepEqual(data, ["client 5 hello", "server 3 bye"]);
  assert.equal(packets.filter((p) => p.flags?.includes("FIN")).length, 2, "a FIN each way");
  assert.ok(packets.every((p) => !p.retransmission && !p.flags?.includes("RST")), describePackets(s));
});

both("tcp-step-by-step held before accept(): the handshake completes while the server waits", async (runtime) => {
  let held: number | undefined;
  let connected = false;
  let released = false;
  const run = await runDemo("tcp-step-by-step", {
    runtime,
    mode: "step",
    onEvent: (ev: DemoEvent, session) => {
      if (ev.type === "call" && ev.phase === "pending") {
        if (ev.proc === "server" && ev.call === "accept" && held === undefined) held = ev.seq;
        else session.continue(ev.proc, ev.seq);
      }
      if (ev.type === "call" && ev.proc === "client" && ev.call === "connect" && ev.phase === "end") connected = true;
      // Released only once the client's connect() has returned (in Node the two events come in either order).
      if (connected && held !== undefined && !released) released = session.continue("server", held);
    },
  });
  assert.equal(run.state.ok, true, run.state.reason);
  const s = run.state;
  const accept = s.processes.find((p) => p.name === "server")!.calls.find((c) => c.call === "accept")!;
  const [syn, synAck, ack] = tcpBetween(s, "client", "server");
  assert.deepEqual([syn?.flags, synAck?.flags, ack?.flags], ["SYN", "SYN+ACK", "ACK"], describePackets(s));
  // Python pauses before accept() itself; Node only before handing over a connection libuv accepted already.
  if (runtime === "python") assert.ok(accept.tPending! < syn!.t, "the server was already held before accept()");
  else assert.ok(ack!.t < accept.tPending!, "the handshake was complete before Node reported the connection");
  assert.ok(ack!.t < accept.tStart!, "SYN, SYN+ACK and ACK all before accept() even started");
});

both("connect-refused on the wire: the SYN is answered by RST, and connect() fails after it", async (runtime) => {
  const run = await runDemo("connect-refused", { runtime });
  assert.equal(run.state.ok, true, run.state.reason);
  capturing(run);
  const s = run.state;
  const [syn, rst, ...rest] = s.wire.packets;
  assert.equal(rest.length, 0, describePackets(s));
  assert.equal(syn?.flags, "SYN");
  assert.equal(endpointLabel(s, syn!.src), "client", "the SYN is the waiting connect()'s, though it never learned its port");
  assert.equal(syn!.dst, `127.0.0.1:${run.port}`);
  assert.equal(rst?.flags, "RST+ACK");
  assert.deepEqual([rst!.src, rst!.dst, rst!.ack], [syn!.dst, syn!.src, 1]);
  const connect = calls(s, "client", "connect")[0]!;
  assert.equal(connect.errno, "ECONNREFUSED");
  assert.ok(connect.tStart! < syn!.t && rst!.t < connect.tEnd!, "connect() → SYN → RST → ECONNREFUSED");
  ordered(timelineRows(s), "client connect", `SYN client>127.0.0.1:${run.port}`, `RST+ACK 127.0.0.1:${run.port}>client`);
});

both("close-shutdown on the wire: shutdown(SHUT_WR) sends a FIN, the server's recv() returns b'' after it", async (runtime) => {
  const run = await runDemo("close-shutdown", { runtime });
  assert.equal(run.state.ok, true, run.state.reason);
  capturing(run);
  const s = run.state;
  const packets = tcpBetween(s, "client", "server");
  const fins = packets.filter((p) => p.flags?.includes("FIN"));
  assert.deepEqual(
    fins.map((p) => endpointLabel(s, p.src)),
    ["client", "server"],
    `the client's FIN first, the server's after its reply:\n${describePackets(s)}`,
  );
  const shutdown = calls(s, "client", "shutdown")[0]!;
  const eof = calls(s, "server", "recv").find((c) => c.bytes === 0 || /^0 bytes|b''/.test(c.result ?? ""))!;
  assert.ok(eof, "the server read the end of the request");
  assert.ok(shutdown.tStart! < fins[0]!.t && fins[0]!.t < eof.tEnd!, "shutdown() → FIN → recv() returns b''");
  const reply = packets.find((p) => endpointLabel(s, p.src) === "server" && p.bytes > 0)!;
  assert.ok(fins[0]!.t < reply.t && reply.t < fins[1]!.t, "the server still sends after the client's FIN (half-close), then its own FIN");
  assert.equal(fins[1]!.seq, reply.seq! + reply.bytes, "its FIN follows the reply's bytes");
  ordered(timelineRows(s), "client shutdown", "FIN+ACK client>server", "server recv");
});

both("udp-datagrams on the wire: one UDP packet per datagram, the bytes of each sendto()", async (runtime) => {
  const run = await runDemo("udp-datagrams", { runtime });
  assert.equal(run.state.ok, true, run.state.reason);
  capturing(run);
  const s = run.state;
  const sent = calls(s, "sender", "sendto").filter((c) => c.status === "done");
  const datagrams = s.wire.packets.filter((p) => p.proto === "udp" && endpointLabel(s, p.src) === "sender" && endpointLabel(s, p.dst) === "receiver");
  assert.equal(datagrams.length, sent.length, `one packet per sendto(): ${sent.length} calls\n${describePackets(s)}`);
  assert.deepEqual(
    datagrams.map((p) => p.bytes),
    sent.map((c) => c.bytes),
  );
  assert.ok(sent.length >= 33, "three datagrams, then a burst of 30");
  assert.ok(sent[0]!.tStart! < datagrams[0]!.t);
  assert.equal(s.wire.packets.filter((p) => p.proto === "tcp").length, 0);
  // Packets the receiver never read: on the wire all the same (the kernel dropped them at its socket).
  const received = calls(s, "receiver", "recvfrom").filter((c) => c.status === "done").length;
  assert.ok(received < datagrams.length, `${received} received of ${datagrams.length} on the wire`);
});

both("udp-refused on the wire: one UDP packet, an ICMP port unreachable back, then the connected socket's error", async (runtime) => {
  const run = await runDemo("udp-refused", { runtime });
  assert.equal(run.state.ok, true, run.state.reason);
  capturing(run);
  const s = run.state;
  const [datagram, icmp, ...rest] = s.wire.packets;
  assert.equal(rest.length, 0, describePackets(s));
  assert.equal(datagram?.proto, "udp");
  assert.equal(endpointLabel(s, datagram!.src), "client");
  assert.equal(datagram!.dst, `127.0.0.1:${run.port}`);
  assert.equal(datagram!.bytes, 13);
  assert.equal(icmp?.icmp?.meaning, "port-unreachable", describePackets(s));
  assert.deepEqual([icmp!.icmp!.about?.src, icmp!.icmp!.about?.dst], [datagram!.src, datagram!.dst], "it names the datagram it answers");
  // connect() on UDP sent nothing: the datagram left with the send() after it.
  const connect = s.processes[0]!.calls.find((c) => c.call === "connect")!;
  const send = s.processes[0]!.calls.find((c) => c.call === "send" || c.call === "sendto")!;
  assert.ok(connect.tEnd! < datagram!.t && send.tStart! < datagram!.t, "no packet for connect(); the datagram is the send()'s");
  if (runtime === "python") {
    const recv = calls(s, "client", "recv")[0]!;
    assert.equal(recv.errno, "ECONNREFUSED");
    assert.ok(icmp!.t < recv.tEnd!, "recv() failed after the ICMP came");
  } else assert.match(s.processes[0]!.output.map((o) => o.text).join(""), /ECONNREFUSED/, "Node reports it as an 'error' event");
});

both("backlog on the wire: past a full accept queue, a client's SYN is sent again until there is room", async (runtime) => {
  const run = await runDemo("backlog", { runtime, deadlineMs: 25_000 });
  assert.equal(run.state.ok, true, run.state.reason);
  capturing(run);
  const s = run.state;
  const again = s.wire.packets.filter((p) => p.flags === "SYN" && p.retransmission);
  assert.ok(again.length >= 1, `a retransmitted SYN:\n${describePackets(s)}`);
  for (const p of again) {
    const who = endpointLabel(s, p.src);
    assert.match(who, /^client \d$/, `named by its process: ${who}`);
    assert.equal(endpointLabel(s, p.dst), "server");
    // Linux waits about a second before the first resend (and, since 6.5, the next few).
    assert.ok(p.retransmission!.after! > 700, `${p.retransmission!.after} ms after the last`);
  }
  // A stalled client got in on a SYN sent again: that one was answered.
  const stalled = endpointLabel(s, again[0]!.src);
  const conn = tcpBetween(s, stalled, "server");
  const answered = conn.findIndex((p) => p.flags === "SYN+ACK");
  assert.ok(answered > 0 && conn[answered - 1]!.flags === "SYN" && conn[answered - 1]!.retransmission, `${stalled}'s SYN+ACK answers a retransmitted SYN:\n${describePackets(s)}`);
  const connect = calls(s, stalled, "connect")[0]!;
  assert.ok(connect.tEnd! > conn[answered]!.t, "its connect() returned only then");
  const firstAccept = calls(s, "server", "accept")[0]!;
  assert.ok(again[0]!.t < effectTime(firstAccept), "while the server had not accepted anyone yet");
});

describe("without a private network", { skip: support.available ? "this machine has private networks: see npm test's second pass (SOCKET_TUTOR_SANDBOX=off)" : false }, () => {
  it("a run says why it has no packets", async () => {
    const run = await runDemo("connect-refused", { runtime: "node" });
    const wire = run.events.find((e): e is WireEvent => e.type === "wire");
    assert.equal(wire?.status, "unavailable");
    assert.match(wire!.reason!, /Packets cannot be shown/);
    assert.equal(run.state.wire.packets.length, 0);
    assert.equal(run.events.filter((e): e is CallEvent => e.type === "call").length > 0, true, "the demo runs all the same");
  });
});

describe("the wire across a restart", { skip: noWire || pythonSkip }, () => {
  it("shows only the new run's packets, from a new capture", async () => {
    const { startRecorded } = await import("../support/demo.js");
    const rec = await startRecorded("tcp-step-by-step", { runtime: "python" });
    try {
      await rec.waitFor((e) => e.type === "packet", 10_000, "a packet of the first run");
      await rec.session.restart();
      const restartedAt = rec.events.map((e) => e.type === "status" && e.status === "starting").lastIndexOf(true);
      const state = await rec.session.done();
      assert.equal(state.ok, true, state.reason);
      const fresh = rec.events.slice(restartedAt).filter((e) => e.type === "packet");
      assert.ok(fresh.length >= 10, `the second run's packets: ${fresh.length}`);
      assert.equal(state.wire.packets.length, fresh.length, "the first run's packets are forgotten");
      assert.equal(state.wire.packets[0]!.n, 1, "numbered from 1 by the new capture");
      assert.equal(tcpBetween(state, "client", "server")[0]?.flags, "SYN");
    } finally {
      await rec.session.stop();
    }
  });
});

both("udp-retry-backoff on the wire: every try reaches the relay, only the third goes on to the server, its reply comes back twice", async (runtime) => {
  const run = await runDemo("udp-retry-backoff", { runtime });
  assert.equal(run.state.ok, true, run.state.reason);
  capturing(run);
  const s = run.state;
  const between = (from: string, to: string, preview: string) => s.wire.packets.filter((p) => p.proto === "udp" && endpointLabel(s, p.src) === from && endpointLabel(s, p.dst) === to && p.preview?.includes(preview));
  // The datagram to the relay is there each time; its forward is there only once.
  const tries = between("client", "relay", "1 colour");
  const forwards = between("relay", "server", "1 colour");
  assert.equal(tries.length, 3, describePackets(s));
  assert.equal(forwards.length, 1, describePackets(s));
  assert.ok(forwards[0]!.t > tries[2]!.t, "the forward follows the third try");
  assert.equal(between("server", "relay", "1 colour=blue").length, 1, "the server answered once");
  assert.equal(between("relay", "client", "1 colour=blue").length, 2, "the relay sent the reply twice");
  ordered(timelineRows(s), "udp client>relay", "udp client>relay", "udp client>relay", "udp relay>server", "udp server>relay", "udp relay>client", "udp relay>client");
});
