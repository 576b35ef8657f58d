/**
 * The live view's wire, on a run's state without a terminal: the wire view's lines
 * (the handshake while the server is held before accept(), scrolling, a run without a
 * capture), packets as arrows in the timeline between the calls, the keys w and t, the
 * bottom tab at 80x24 and the wire box at 120x40, and redraws batched per frame.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CallEvent, DemoEvent, PacketEvent } from "../../src/demo/events.js";
import type { LiveRun, LiveSource } from "../../src/demo/live-source.js";
import type { DemoSpec } from "../../src/demo/spec.js";
import { initialState, reduce, type DemoState } from "../../src/demo/state.js";
import { LiveController, nextTab } from "../../src/ui/live/controller.js";
import { linesToText, timelineLines } from "../../src/ui/live/format.js";
import { frame, statusLine, type FrameInput } from "../../src/ui/live/frame.js";
import { barEntries } from "../../src/ui/live/keys.js";
import { liveLayout, type Geometry } from "../../src/ui/live/layout.js";
import { plainText } from "../../src/ui/live/paint.js";
import { RedrawScheduler } from "../../src/ui/live/redraw.js";
import { wireLines } from "../../src/ui/live/wire.js";
import { displayWidth } from "../../src/text/width.js";

const spec: DemoSpec = {
  id: "w",
  title: "Wire",
  summary: "s",
  processes: [
    { name: "server", side: "left", python: "server.py", node: "server.mjs" },
    { name: "client", side: "right", python: "client.py", node: "client.mjs" },
  ],
};
const S = "127.0.0.1:8000";
const C = "127.0.0.1:40000";
const T0 = 1_700_000_000_000;

const call = (proc: string, seq: number, phase: CallEvent["phase"], name: string, t: number, extra: Partial<CallEvent> = {}): CallEvent => ({
  type: "call", proc, pid: proc === "server" ? 10 : 20, seq, phase, call: name, args: [], t: T0 + t, kind: "socket", ...extra,
});
let n = 0;
const tcp = (t: number, src: string, dst: string, flags: string, seq: number, ack: number, extra: Partial<PacketEvent> = {}): PacketEvent => ({
  type: "packet", n: ++n, t: T0 + t, ip: 4, proto: "tcp", src, dst, size: 52 + (extra.bytes ?? 0), bytes: 0, tcp: { flags, seq, ack, win: 65495 }, ...extra,
});

/** The server held before accept(); the client's connect() made the handshake and returned. */
function heldBeforeAccept(): DemoEvent[] {
  n = 0;
  return [
    { type: "status", status: "running", t: T0 },
    { type: "wire", status: "capturing", t: T0 },
    { type: "spawn", proc: "server", pid: 10, t: T0 + 1 },
    call("server", 1, "end", "socket", 2, { result: "fd 3", fd: 3 }),
    call("server", 2, "end", "bind", 3, { args: ["('127.0.0.1', 8000)"], result: "ok", fd: 3, local: S }),
    call("server", 3, "end", "listen", 4, { args: ["3"], result: "ok", fd: 3 }),
    call("server", 4, "pending", "accept", 5, { fd: 3 }),
    { type: "spawn", proc: "client", pid: 20, t: T0 + 6 },
    call("client", 1, "end", "socket", 7, { result: "fd 3", fd: 3 }),
    call("client", 2, "start", "connect", 8, { args: ["('127.0.0.1', 8000)"], fd: 3 }),
    tcp(8.01, C, S, "S", 1000, 0),
    tcp(8.02, S, C, "SA", 5000, 1001),
    tcp(8.03, C, S, "A", 1001, 5001),
    call("client", 2, "end", "connect", 8.04, { args: ["('127.0.0.1', 8000)"], result: "ok", fd: 3, local: C, peer: S }),
  ];
}

function play(events: DemoEvent[]): DemoState {
  return events.reduce(reduce, initialState({ spec, runtime: "python", mode: "step", sources: {} }));
}

/** A controller on a run whose state is `state` (it only reads it). */
async function controllerOn(state: DemoState): Promise<LiveController> {
  const run: LiveRun = { state, host: "127.0.0.1", port: 8000, continue: () => true, setMode: () => undefined, sendInput: () => false, stop: async () => undefined };
  const source: LiveSource = { title: "Wire", interactive: false, steppable: true, restartLabel: "restart", showsAddress: true, waitingFor: () => undefined, start: async () => run };
  const c = new LiveController(source, { runtime: "python", pythonAvailable: true, straceAvailable: false }, { render: () => undefined, left: () => undefined });
  await c.launch(source.start(c.startOptions(() => undefined)));
  return c;
}

function input(c: LiveController, state: DemoState): FrameInput {
  return { source: { title: "Wire", interactive: false, steppable: true, restartLabel: "restart", showsAddress: true, waitingFor: () => undefined, start: async () => c.run! }, controller: c, state, where: S, notes: [] };
}

describe("the wire view's lines", () => {
  it("lists the handshake while the server is held before accept(): SYN, SYN+ACK, ACK, named by process, timed from the run's start", () => {
    const s = play(heldBeforeAccept());
    const lines = wireLines(s, 78, 6).map(plainText);
    assert.deepEqual(lines, [
      "0.007  client → server  SYN  seq 0  win 65495",
      "0.007  server → client  SYN+ACK  seq 0  ack 1  win 65495",
      "0.007  client → server  ACK  seq 1  ack 1  win 65495",
    ]);
    assert.equal(s.processes[0]!.calls.find((x) => x.call === "accept")?.status, "pending", "the server is still held before accept()");
  });

  it("keeps the newest packets in view and says how many are above; scrolled back, how many are below", () => {
    const events = heldBeforeAccept();
    for (let i = 0; i < 20; i++) events.push(tcp(10 + i, C, S, "PA", 1001 + i, 5001, { bytes: 1, preview: "x" }));
    const s = play(events);
    const newest = wireLines(s, 78, 5).map(plainText);
    assert.equal(newest.length, 5);
    assert.match(newest[0]!, /^… 19 earlier packets \(↑\)$/);
    assert.match(newest[4]!, /seq 20 .*1 byte b'x'/);
    const back = wireLines(s, 78, 5, 3).map(plainText);
    assert.match(back[4]!, /^… 4 newer packets \(↓\)$/);
    assert.match(back[3]!, /seq 16 /);
    assert.ok(wireLines(s, 40, 5).every((l) => displayWidth(plainText(l)) <= 40), "cut to the box");
  });

  it("without a capture: why, and where to look; before the capture reports: starting; with no packet yet: what makes one", () => {
    const why = "Packets cannot be shown: runs have no private network here (no unshare). The capture runs inside one.";
    const s = play([{ type: "status", status: "running", t: T0 }, { type: "wire", status: "unavailable", reason: why, t: T0 }]);
    const text = linesToText(wireLines(s, 60, 8));
    assert.match(text.replace(/\n/g, " "), /Packets cannot be shown: runs have no private network here \(no unshare\)/);
    assert.match(text.replace(/\n/g, " "), /doctor says what this machine offers/);
    assert.match(linesToText(wireLines(play([]), 60, 4)), /capture is starting/);
    assert.match(linesToText(wireLines(play([{ type: "wire", status: "capturing", t: T0 }]), 78, 4)), /No packets yet/);
  });
});

describe("packets in the live timeline", () => {
  it("are arrows between the calls: connect(), ◀ SYN, SYN+ACK ▶, ◀ ACK, and the calls' own connection arrow goes", () => {
    const s = play(heldBeforeAccept());
    const rows = timelineLines(s, 78, 20).map(plainText);
    const at = (re: RegExp): number => rows.findIndex((r) => re.test(r));
    const connect = at(/connect\(/);
    const syn = at(/◀─+ SYN ─+│/);
    const synAck = at(/│─+ SYN\+ACK ─+▶│/);
    const ack = at(/◀─+ ACK ─+│/);
    assert.ok(connect > 0 && connect < syn && syn < synAck && synAck < ack, rows.join("\n"));
    assert.ok(!rows.some((r) => /connect ─/.test(r)), `no second arrow for the connection:\n${rows.join("\n")}`);
    assert.ok(rows.every((r) => displayWidth(r) <= 78));
  });

  it("a reset from a port no process owns goes toward the client; a SYN sent again says so", () => {
    const events: DemoEvent[] = [
      { type: "status", status: "running", t: T0 },
      { type: "spawn", proc: "client", pid: 20, t: T0 + 1 },
      call("client", 1, "end", "socket", 2, { result: "fd 3", fd: 3 }),
      call("client", 2, "start", "connect", 3, { args: ["('127.0.0.1', 8000)"], fd: 3 }),
      tcp(3.01, C, S, "S", 1000, 0),
      tcp(1003.01, C, S, "S", 1000, 0),
      tcp(1003.02, S, C, "RA", 0, 1001),
      call("client", 2, "end", "connect", 1003.03, { args: ["('127.0.0.1', 8000)"], fd: 3, errno: "ECONNREFUSED", result: "ECONNREFUSED" }),
    ];
    const two: DemoSpec = { ...spec, processes: [{ name: "server", side: "left", python: "s.py", node: "s.mjs" }, { name: "client", side: "right", python: "c.py", node: "c.mjs" }] };
    const s = events.reduce(reduce, initialState({ spec: two, runtime: "python", mode: "run", sources: {} }));
    const rows = timelineLines(s, 78, 20).map(plainText);
    assert.ok(rows.some((r) => /◀─* ?SYN again ?─*│/.test(r)), rows.join("\n"));
    assert.ok(rows.some((r) => /│─+ RST\+ACK ─+▶│/.test(r)), `the RST comes from the server's side:\n${rows.join("\n")}`);
    assert.match(linesToText(wireLines(s, 78, 6)), /SYN {2}\(retransmission, 1\.000 s after the last\)/, "at 80 columns the mark is kept, the header fields are cut");
    assert.match(linesToText(wireLines(s, 100, 6)), /1\.002 {2}client → 127\.0\.0\.1:8000 {2}SYN {2}\(retransmission, 1\.000 s after the last\) {2}seq 0 {2}win 65495/);
  });
});

describe("the wire's keys and boxes", () => {
  it("w shows the wire and gives back the tab it replaced; t takes the tabs in turn", async () => {
    const c = await controllerOn(play(heldBeforeAccept()));
    assert.equal(c.view.bottom, "table");
    c.key("w");
    assert.equal(c.view.bottom, "wire");
    c.key("w");
    assert.equal(c.view.bottom, "table");
    c.key("t");
    assert.equal(c.view.bottom, "timeline");
    c.key("w");
    c.key("w");
    assert.equal(c.view.bottom, "timeline", "back to the timeline it replaced");
    assert.deepEqual([nextTab("table"), nextTab("timeline"), nextTab("wire")], ["timeline", "wire", "table"]);
  });

  it("at 80x24 the wire is the bottom tab, with the handshake in it; the key bar offers the next tab", async () => {
    const state = play(heldBeforeAccept());
    const c = await controllerOn(state);
    const geo = liveLayout(80, 24, { noteLines: 0, bottom: "wire", tableRows: 3 }) as Geometry;
    c.setGeometry({ compact: geo.compact, pageRows: 5 });
    c.key("w");
    const f = frame(input(c, state), geo);
    assert.match(f.bottom!.label, /table │ timeline │ \[wire\]/);
    const text = linesToText(f.bottom!.lines);
    assert.match(text, /client → server {2}SYN {2}seq 0[\s\S]*server → client {2}SYN\+ACK[\s\S]*client → server {2}ACK/);
    assert.ok(f.bottom!.lines.length <= geo.timeline!.height - 2, "fits its box");
    const bar = plainText(statusLine(input(c, state), 80));
    assert.match(bar, / t table /, `t goes on to the table: ${bar}`);
    assert.ok(displayWidth(bar) <= 80);
  });

  it("at 120x40 the wire takes the timeline's box under the table; w is in the key bar", async () => {
    const state = play(heldBeforeAccept());
    const c = await controllerOn(state);
    const geo = liveLayout(120, 40, { noteLines: 0, bottom: "table", tableRows: 3 }) as Geometry;
    c.setGeometry({ compact: geo.compact, pageRows: 5 });
    assert.equal(geo.compact, false);
    assert.match(frame(input(c, state), geo).timeline!.label, /timeline/);
    assert.ok(barEntries(c.keyContext()).some((e) => e.action === "wire"));
    c.key("w");
    const f = frame(input(c, state), geo);
    assert.match(f.timeline!.label, /wire: packets on the run's loopback/);
    assert.match(f.bottom!.label, /kernel socket table/, "the table stays");
    assert.match(linesToText(f.timeline!.lines), /server → client {2}SYN\+ACK/);
    assert.match(plainText(statusLine(input(c, state), 120)), / w wire off /);
  });
});

describe("redraws", () => {
  /** A clock the test moves by hand. */
  function fakeClock(): { now: number; timers: Array<{ at: number; fn: () => void }>; advance(ms: number): void; clock: ConstructorParameters<typeof RedrawScheduler>[2] } {
    const c = {
      now: 0,
      timers: [] as Array<{ at: number; fn: () => void }>,
      advance(ms: number) {
        const end = c.now + ms;
        for (;;) {
          c.timers.sort((a, b) => a.at - b.at);
          const next = c.timers[0];
          if (!next || next.at > end) break;
          c.timers.shift();
          c.now = next.at;
          next.fn();
        }
        c.now = end;
      },
      clock: {
        now: () => c.now,
        setTimeout: (fn: () => void, ms: number) => {
          const timer = { at: c.now + ms, fn };
          c.timers.push(timer);
          return timer;
        },
        clearTimeout: (h: unknown) => {
          c.timers = c.timers.filter((x) => x !== h);
        },
      },
    };
    return c;
  }

  it("a burst of 2,000 packets is drawn once a frame, not once a packet; nothing is drawn while nothing changes", () => {
    const fc = fakeClock();
    let draws = 0;
    const r = new RedrawScheduler(() => draws++, 16, fc.clock);
    // 2,000 packets over 50 ms (what the capture reports of a big transfer at most in a burst).
    for (let i = 0; i < 2000; i++) {
      r.request();
      fc.advance(0.025);
    }
    fc.advance(100);
    assert.ok(draws >= 3 && draws <= 5, `${draws} draws for 2,000 events in 50 ms`);
    const before = draws;
    fc.advance(10_000);
    assert.equal(draws, before, "a paused view draws nothing");
    r.request();
    r.cancel();
    fc.advance(100);
    assert.equal(draws, before, "cancelled when the view is gone");
  });
});

describe("the live timeline: a packet between two processes of one side", () => {
  it("is drawn in that side's column with both ends named, not as an arrow across the middle", () => {
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
    const bind = (proc: string, pid: number, at: number, local: string): DemoEvent => ({ type: "call", proc, pid, seq: 1, phase: "end", call: "bind", args: [], result: "ok", fd: 3, local, t: T0 + at, kind: "socket" });
    const udp = (k: number, at: number, src: string, dst: string, bytes: number): DemoEvent => ({ type: "packet", n: k, t: T0 + at, ip: 4, proto: "udp", src, dst, size: 28 + bytes, bytes });
    const state = [
      { type: "status", status: "running", t: T0 } as DemoEvent,
      { type: "wire", status: "capturing", t: T0 } as DemoEvent,
      bind("server", 10, 1, "127.0.0.1:8001"),
      bind("relay", 11, 2, "127.0.0.1:8000"),
      bind("client", 12, 3, "127.0.0.1:40000"),
      udp(1, 4, "127.0.0.1:40000", "127.0.0.1:8000", 8),
      udp(2, 5, "127.0.0.1:8000", "127.0.0.1:8001", 8),
    ].reduce(reduce, initialState({ spec: three, runtime: "python", mode: "run", sources: {} }));
    const rows = timelineLines(state, 80, 20).map(plainText);
    const across = rows.find((r) => /UDP 8/.test(r) && !/relay/.test(r)) ?? "";
    const same = rows.find((r) => /relay .*UDP 8.*server/.test(r)) ?? "";
    assert.match(across, /│◀─+ UDP 8 ─+│/, rows.join("\n"));
    assert.match(same, /^ +relay ─ UDP 8 ─▶ server +│ +│$/, `in the left column, the middle empty:\n${rows.join("\n")}`);
  });
});
