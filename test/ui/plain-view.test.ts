import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DemoEvent } from "../../src/demo/events.js";
import type { DemoSession } from "../../src/demo/session.js";
import type { DemoSpec } from "../../src/demo/spec.js";
import { initialState, reduce, type DemoState } from "../../src/demo/state.js";
import type { SocketRow } from "../../src/kernel/types.js";
import { PlainView, renderTimeline } from "../../src/ui/plain-view.js";
import { makeStyle } from "../../src/util/style.js";
import { displayWidth } from "../../src/text/width.js";

const spec: DemoSpec = {
  id: "t",
  title: "Test demo",
  summary: "s",
  processes: [
    { name: "server", side: "left", python: "server.py", node: "server.mjs" },
    { name: "client", side: "right", python: "client.py", node: "client.mjs" },
  ],
};

/** A PlainView over a hand-made session: the state is what the events make of it. */
function viewOf(): { view: PlainView; out: string[]; apply(ev: DemoEvent): void } {
  const session = { demo: { spec }, runtime: "python", mode: "run", port: 8000, state: initialState({ spec, runtime: "python", mode: "run", sources: {} }) as DemoState };
  const out: string[] = [];
  const view = new PlainView(session as unknown as DemoSession, { write: (t) => out.push(t), style: makeStyle(false), width: 100 });
  return {
    view,
    out,
    apply(ev) {
      session.state = reduce(session.state, ev);
      view.onEvent(ev);
    },
  };
}

const listen = (p: Partial<SocketRow> = {}): SocketRow => ({ proto: "tcp", local: "127.0.0.1:8000", remote: "0.0.0.0:*", state: "LISTEN", recvQ: 3, sendQ: 5, inode: 1, ...p });
const table = (rows: SocketRow[], t: number, source = "/proc/net + ss"): DemoEvent => ({ type: "table", snapshot: { t, rows, source }, t });

describe("the plain demo view", () => {
  it("the verdict is the last thing printed: a table arriving after it prints nothing", () => {
    const v = viewOf();
    v.apply(table([listen()], 1));
    v.apply({ type: "status", status: "done", ok: true, t: 2 });
    v.view.summary();
    const printed = v.out.join("");
    assert.match(printed, /The demo ran as designed(\.|: .+)\n$/);
    v.apply(table([], 3));
    v.apply({ type: "note", text: "late", level: "info", t: 4 });
    assert.equal(v.out.join(""), printed, "nothing after the verdict");
  });

  it("without ss a listener's backlog is '?' with a line saying why, during the run and in the final table", () => {
    const v = viewOf();
    const reason = "/proc/net does not show it and ss is not installed";
    v.apply({ type: "table", snapshot: { t: 1, rows: [listen({ sendQ: 0, unknown: ["sendQ"] })], source: "/proc/net", unknownReason: reason }, t: 1 });
    v.apply({ type: "status", status: "done", ok: true, t: 2 });
    v.view.summary();
    const printed = v.out.join("");
    assert.doesNotMatch(printed, /accept queue 3\/0/);
    assert.equal(printed.match(/accept queue 3\/\?/g)?.length, 2, printed);
    assert.equal(printed.match(new RegExp(`\\? = not known here: ${reason}`, "g"))?.length, 2, printed);
    // With ss, the numbers and no such line.
    const w = viewOf();
    w.apply(table([listen()], 1));
    assert.match(w.out.join(""), /accept queue 3\/5/);
    assert.doesNotMatch(w.out.join(""), /not known/);
  });
});

/** A PlainView with --packets over a hand-made session whose capture answers syncWire() only when the test says. */
function packetViewOf(): { view: PlainView; out: string[]; apply(ev: DemoEvent): void; asked: () => number; answer(t: number): void } {
  let asked = 0;
  const readers = new Set<(t: number) => void>();
  const session = {
    demo: { spec },
    runtime: "python",
    mode: "run",
    port: 8000,
    state: initialState({ spec, runtime: "python", mode: "run", sources: {} }) as DemoState,
    syncWire: () => {
      asked++;
      return true;
    },
    onWireRead: (fn: (t: number) => void) => {
      readers.add(fn);
      return () => readers.delete(fn);
    },
  };
  const out: string[] = [];
  const view = new PlainView(session as unknown as DemoSession, { write: (t) => out.push(t), style: makeStyle(false), width: 100, packets: true });
  return {
    view,
    out,
    apply(ev) {
      session.state = reduce(session.state, ev);
      view.onEvent(ev);
    },
    asked: () => asked,
    answer: (t) => {
      for (const fn of [...readers]) fn(t);
    },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const clockNow = (): number => performance.timeOrigin + performance.now();
const S = "127.0.0.1:8000";
const C = "127.0.0.1:40000";

describe("the plain view with --packets: packet lines late from the capture", () => {
  const recv = (t: number, phase: "start" | "end") =>
    ({ type: "call", proc: "client", pid: 20, seq: 2, phase, call: "recv", args: ["1024"], t, kind: "socket", fd: 3, ...(phase === "end" ? { result: "b'hello'", bytes: 5 } : {}) }) as DemoEvent;
  const data = (t: number) =>
    ({ type: "packet", n: 1, t, ip: 4, proto: "tcp", src: S, dst: C, size: 57, bytes: 5, preview: "hello", tcp: { flags: "PA", seq: 1, ack: 1, win: 65495 } }) as DemoEvent;
  const start = (v: ReturnType<typeof packetViewOf>, t0: number): void => {
    v.apply({ type: "status", status: "running", t: t0 });
    v.apply({ type: "wire", status: "capturing", t: t0 });
    v.apply({ type: "spawn", proc: "client", pid: 20, t: t0 });
    v.apply(recv(t0 + 0.1, "start"));
    v.apply(recv(t0 + 0.5, "end"));
  };
  const returned = /^client .*recv\(.*hello/m;

  it("holds recv()'s return until the capture has read past it: the data packet, 80 ms late, prints before it", async () => {
    const v = packetViewOf();
    const t0 = clockNow();
    start(v, t0);
    await sleep(80); // the capture's pipe is late (measured ~33 ms under load; the old fixed hold was 30 ms)
    assert.ok(v.asked() >= 1, "the view asked the capture how far it has read");
    assert.doesNotMatch(v.out.join(""), returned, "recv()'s return is still held");
    v.apply(data(t0 + 0.3));
    v.answer(clockNow());
    const lines = v.out.join("").split("\n");
    const packet = lines.findIndex((l) => /^packet .*PSH\+ACK/.test(l));
    const call = lines.findIndex((l) => returned.test(l));
    assert.ok(packet >= 0 && call >= 0, lines.join("\n"));
    assert.ok(packet < call, `the data packet prints before the recv() that returned it:\n${lines.join("\n")}`);
    v.view.summary();
  });

  it("a capture that never answers holds a line at most about 500 ms", async () => {
    const v = packetViewOf();
    start(v, clockNow());
    await sleep(150);
    assert.doesNotMatch(v.out.join(""), returned, "held while the capture may still answer");
    const deadline = clockNow() + 2000;
    while (!returned.test(v.out.join("")) && clockNow() < deadline) await sleep(20);
    assert.match(v.out.join(""), returned, "printed without an answer, within the bound");
    assert.ok(v.asked() >= 1 && v.asked() <= 3, `asked ${v.asked()} times: one question at a time, not one per tick`);
    v.view.summary();
  });
});

describe("the plain timeline's packet arrows", () => {
  const three: DemoSpec = {
    id: "r",
    title: "Relay",
    summary: "s",
    processes: [
      { name: "server", side: "left", python: "server.py", node: "server.mjs" },
      { name: "relay", side: "left", python: "relay.py", node: "relay.mjs" },
      { name: "client", side: "right", python: "client.py", node: "client.mjs" },
    ],
  };
  const T = 1_700_000_000_000;
  const bind = (proc: string, pid: number, t: number, local: string): DemoEvent => ({ type: "call", proc, pid, seq: 1, phase: "end", call: "bind", args: [`('127.0.0.1', ${local.split(":")[1]})`], result: "ok", fd: 3, local, t: T + t, kind: "socket" });
  const udp = (n: number, t: number, src: string, dst: string, bytes: number): DemoEvent => ({ type: "packet", n, t: T + t, ip: 4, proto: "udp", src, dst, size: 28 + bytes, bytes });
  const state = [
    { type: "status", status: "running", t: T } as DemoEvent,
    { type: "wire", status: "capturing", t: T } as DemoEvent,
    bind("server", 10, 1, "127.0.0.1:8001"),
    bind("relay", 11, 2, "127.0.0.1:8000"),
    bind("client", 12, 3, "127.0.0.1:40000"),
    udp(1, 4, "127.0.0.1:40000", "127.0.0.1:8000", 8), // client → relay: across
    udp(2, 5, "127.0.0.1:8000", "127.0.0.1:8001", 8), // relay → server: both on the left
    udp(3, 6, "127.0.0.1:8001", "127.0.0.1:8000", 13), // server → relay
  ].reduce(reduce, initialState({ spec: three, runtime: "python", mode: "run", sources: {} }));

  it("draws a packet between two processes of one side in that side's column, naming both ends, not across the middle", () => {
    const width = 100;
    const col = Math.floor((width - 12 - 2) / 2);
    const lines = renderTimeline(state, width, makeStyle(false), true);
    const arrows = lines.filter((l) => /UDP/.test(l));
    assert.equal(arrows.length, 3, lines.join("\n"));
    const [across, toServer, toRelay] = arrows as [string, string, string];
    assert.match(across, /◀─+ UDP 8 ─+$/, "client → relay goes right to left across the middle");
    assert.ok(across.indexOf("◀") < 2 + col && across.length > 2 + col + 12, "it crosses the gutter");
    assert.match(toServer, /^ {6}relay ─+ UDP 8 ─+▶ server$/, lines.join("\n"));
    assert.match(toRelay, /^ {6}server ─+ UDP 13 ─+▶ relay$/, lines.join("\n"));
    for (const l of [toServer, toRelay]) assert.ok(displayWidth(l) <= 2 + col, `it stays in the left column (${col} wide): ${JSON.stringify(l)}`);
  });

  it("on the right side, the same arrow starts in the right column", () => {
    const right = { ...state, processes: state.processes.map((p) => ({ ...p, side: p.name === "client" ? ("left" as const) : ("right" as const) })) };
    const width = 100;
    const col = Math.floor((width - 12 - 2) / 2);
    const line = renderTimeline(right, width, makeStyle(false), true).find((l) => /relay ─+ UDP 8/.test(l)) ?? "";
    assert.ok(line.startsWith(" ".repeat(2 + col + 12 + 4) + "relay"), JSON.stringify(line));
  });
});
