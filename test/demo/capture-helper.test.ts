/**
 * The capture helper (src/demo/capture/socket_tutor_capture.py) inside a private network:
 * each packet once, decoded (TCP over IPv4 and IPv6, UDP, ICMP port unreachable), with
 * the kernel's time; bounded output when packets come faster than anyone reads; gone
 * when stopped.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import type { PacketEvent, PacketGapEvent } from "../../src/demo/events.js";
import { PacketCapture } from "../../src/demo/capture/helper.js";
import { findPython } from "../../src/demo/runtime.js";
import { RunSandbox, sandboxSupport } from "../../src/sandbox/namespace.js";

const support = await sandboxSupport();
const python = await findPython();
const skip = !support.available ? `no private namespaces here: ${support.reason}` : !python ? "python3 >= 3.8 is not installed" : false;

/** Runs Python code inside the sandbox's network, to its end. */
function inside(box: RunSandbox, code: string): string {
  const { cmd, args } = box.wrap(python!.executable, ["-c", code]);
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 10_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

async function settle(events: unknown[], count: number, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (events.length < count && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  // and a moment for any duplicate to show up
  await new Promise((r) => setTimeout(r, 100));
}

const TRAFFIC = `
import socket, time
def echo(family, host):
    srv = socket.socket(family, socket.SOCK_STREAM); srv.bind((host, 0)); srv.listen(1)
    c = socket.socket(family, socket.SOCK_STREAM); c.connect(srv.getsockname()[:2])
    a, _ = srv.accept(); c.sendall(b"hi\\x00\\n"); a.recv(10); a.sendall(b"x" * 1000); time.sleep(0.05)
    c.recv(2000); c.close(); time.sleep(0.05); a.close(); srv.close()
    return c
echo(socket.AF_INET, "127.0.0.1"); echo(socket.AF_INET6, "::1")
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.connect(("127.0.0.1", 9)); u.send(b"ping")
try:
    u.recv(10)
except ConnectionRefusedError:
    print("refused")
`;

describe("the capture helper", { skip, concurrency: true }, () => {
  it("reports each packet of the run's loopback once, decoded, in the kernel's order and time", async () => {
    const box = await RunSandbox.start();
    const events: (PacketEvent | PacketGapEvent)[] = [];
    const capture = await PacketCapture.start({ python: python!.executable, wrap: (c, a) => box.wrap(c, a), onEvent: (ev) => events.push(ev) });
    try {
      const before = performance.timeOrigin + performance.now();
      assert.equal(inside(box, TRAFFIC).trim(), "refused", "a connected UDP socket got ECONNREFUSED");
      const after = performance.timeOrigin + performance.now();
      // Two TCP connections of ten packets or so each, a UDP datagram and its ICMP answer.
      await settle(events, 22);
      const packets = events.filter((e): e is PacketEvent => e.type === "packet");
      assert.equal(events.filter((e) => e.type === "packet-gap").length, 0);
      const tcp4 = packets.filter((p) => p.proto === "tcp" && p.ip === 4);
      const tcp6 = packets.filter((p) => p.proto === "tcp" && p.ip === 6);
      for (const [name, conn] of [["IPv4", tcp4], ["IPv6", tcp6]] as const) {
        const flags = conn.map((p) => p.tcp!.flags);
        assert.deepEqual(flags.slice(0, 3), ["S", "SA", "A"], `${name}: the handshake, each packet once (loopback shows every packet twice): ${flags.join(" ")}`);
        assert.equal(flags.filter((f) => f === "S").length, 1, `${name}: one SYN`);
        assert.equal(flags.filter((f) => f.includes("F")).length, 2, `${name}: a FIN each way`);
        const data = conn.filter((p) => p.bytes > 0);
        assert.deepEqual(data.map((p) => p.bytes), [4, 1000], `${name}: the two sends`);
        assert.equal(data[0]!.preview, "hi\\x00\\n", "a short preview, escaped like a bytes literal");
        assert.equal(data[1]!.preview, "x".repeat(24), "at most 24 bytes of a payload are kept");
        assert.equal(conn[0]!.tcp!.mss, name === "IPv4" ? 65495 : 65476, "the SYN's options: loopback's MTU less the headers");
      }
      assert.match(tcp6[0]!.src, /^\[::1\]:\d+$/);
      const udp = packets.find((p) => p.proto === "udp")!;
      assert.deepEqual([udp.dst, udp.bytes, udp.preview], ["127.0.0.1:9", 4, "ping"]);
      const icmp = packets.find((p) => p.proto === "icmp")!;
      assert.deepEqual(icmp.icmp, { type: 3, code: 3, about: { proto: "udp", src: udp.src, dst: "127.0.0.1:9" } });
      // In order, numbered from 1 with none missing, stamped by the kernel while the traffic ran.
      assert.deepEqual(packets.map((p) => p.n), packets.map((_, i) => i + 1));
      for (let i = 1; i < packets.length; i++) assert.ok(packets[i]!.t >= packets[i - 1]!.t);
      assert.ok(packets[0]!.t > before && packets.at(-1)!.t < after, "the kernel's stamps are on the tutor's clock");
    } finally {
      capture.stop();
      box.stop();
    }
  });

  it("prints a burst, then counts what comes faster than its budget", async () => {
    const box = await RunSandbox.start();
    const events: (PacketEvent | PacketGapEvent)[] = [];
    const capture = await PacketCapture.start({ python: python!.executable, wrap: (c, a) => box.wrap(c, a), onEvent: (ev) => events.push(ev), args: ["--burst=5", "--rate=1"] });
    try {
      inside(box, `
import socket
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); r.bind(("127.0.0.1", 0))
for i in range(50): u.sendto(b"d" * 100, r.getsockname())
`);
      const end = Date.now() + 3000;
      const counted = () => events.reduce((n, e) => n + (e.type === "packet" ? 1 : e.cause === "budget" ? e.count : 0), 0);
      while (counted() < 50 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      const shown = events.filter((e) => e.type === "packet");
      const gaps = events.filter((e): e is PacketGapEvent => e.type === "packet-gap");
      assert.ok(shown.length >= 5 && shown.length <= 8, `a burst of 5, then about one a second: ${shown.length}`);
      assert.equal(counted(), 50, "every packet is either shown or counted");
      assert.equal(gaps.reduce((b, g) => b + (g.bytes ?? 0), 0), (50 - shown.length) * 100, "with the data they carried");
    } finally {
      capture.stop();
      box.stop();
    }
  });

  it("says so when it ends by itself (its namespace ended), and not when it is stopped", async () => {
    const box = await RunSandbox.start();
    const ended: string[] = [];
    const capture = await PacketCapture.start({ python: python!.executable, wrap: (c, a) => box.wrap(c, a), onEvent: () => undefined, onEnd: (why) => ended.push(why) });
    box.stop();
    const end = Date.now() + 3000;
    while (ended.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    assert.equal(ended.length, 1);
    capture.stop();
    const box2 = await RunSandbox.start();
    const quiet: string[] = [];
    const c2 = await PacketCapture.start({ python: python!.executable, wrap: (c, a) => box2.wrap(c, a), onEvent: () => undefined, onEnd: (why) => quiet.push(why) });
    c2.stop();
    await new Promise((r) => setTimeout(r, 300));
    box2.stop();
    assert.deepEqual(quiet, []);
  });

  it("answers sync() with how far it has read: after every packet sent before the question, with a time past them", async () => {
    const box = await RunSandbox.start();
    const seen: string[] = [];
    const packets: PacketEvent[] = [];
    const reads: number[] = [];
    const capture = await PacketCapture.start({
      python: python!.executable,
      wrap: (c, a) => box.wrap(c, a),
      onEvent: (ev) => {
        seen.push(ev.type);
        if (ev.type === "packet") packets.push(ev);
      },
      onRead: (at) => {
        seen.push("read");
        reads.push(at);
      },
    });
    try {
      inside(box, `
import socket
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); r.bind(("127.0.0.1", 0))
for i in range(3): u.sendto(b"d", r.getsockname())
`);
      const asked = performance.timeOrigin + performance.now();
      assert.equal(capture.sync(), true);
      const end = Date.now() + 3000;
      while (reads.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
      assert.equal(reads.length, 1, "one answer to one question");
      assert.deepEqual(seen, ["packet", "packet", "packet", "read"], "the three datagrams, then the answer");
      assert.ok(reads[0]! >= asked - 5, "the answer's time is when it read, not before the question");
      assert.ok(packets.every((p) => p.t < reads[0]!), "past every packet it reported");
      // Idle, it says nothing by itself (no busy loop, no heartbeat to parse).
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(reads.length, 1);
    } finally {
      capture.stop();
      box.stop();
    }
    assert.equal(capture.sync(), false, "a stopped capture cannot be asked");
  });

  it("is gone when stopped", async () => {
    const box = await RunSandbox.start();
    const capture = await PacketCapture.start({ python: python!.executable, wrap: (c, a) => box.wrap(c, a), onEvent: () => undefined });
    const pid = capture.pid!;
    capture.stop();
    const end = Date.now() + 2000;
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    while (alive() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    assert.equal(alive(), false);
    box.stop();
  });
});
