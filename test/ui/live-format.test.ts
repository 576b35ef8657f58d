import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DemoEvent } from "../../src/demo/events.js";
import type { DemoSpec } from "../../src/demo/spec.js";
import { initialState, reduce, type DemoState } from "../../src/demo/state.js";
import { callsOf, linesToText, paneLabel, paneLines, sides, tableLegend, tableLines, timelineLines } from "../../src/ui/live/format.js";
import { liveLayout } from "../../src/ui/live/layout.js";
import { fit, plainText, seg, toTags } from "../../src/ui/live/paint.js";
import { displayWidth } from "../../src/text/width.js";

const spec: DemoSpec = {
  id: "t",
  title: "Test demo",
  summary: "s",
  processes: [
    { name: "server", side: "left", python: "server.py", node: "server.mjs" },
    { name: "client", side: "right", python: "client.py", node: "client.mjs", after: { process: "server", call: "listen" } },
  ],
};
const serverSrc = ["import socket", "s = socket.socket()", "s.bind(('127.0.0.1', 8000))", "s.listen(3)", "c, a = s.accept()", "c.recv(1024)"];
const clientSrc = ["import socket", "c = socket.socket()", "c.connect(('127.0.0.1', 8000))", "c.sendall(b'hello')"];

let t = 1000;
const call = (proc: string, pid: number, seq: number, phase: "pending" | "start" | "end", name: string, extra: Partial<Extract<DemoEvent, { type: "call" }>> = {}): DemoEvent => ({
  type: "call", proc, pid, seq, phase, call: name, args: [], t: t++, kind: "socket", file: `${proc}.py`, ...extra,
});

function replay(events: DemoEvent[]): DemoState {
  return events.reduce(reduce, initialState({ spec, runtime: "python", mode: "step", sources: { server: serverSrc, client: clientSrc } }));
}

const events: DemoEvent[] = [
  { type: "status", status: "running", t: t++ },
  { type: "spawn", proc: "server", pid: 100, t: t++ },
  call("server", 100, 1, "end", "socket", { args: ["AF_INET", "SOCK_STREAM"], result: "fd 3", fd: 3, line: 2 }),
  call("server", 100, 2, "end", "bind", { args: ["('127.0.0.1', 8000)"], result: "ok", fd: 3, line: 3, local: "127.0.0.1:8000" }),
  call("server", 100, 3, "end", "listen", { args: ["3"], result: "ok", fd: 3, line: 4 }),
  call("server", 100, 4, "pending", "accept", { fd: 3, line: 5 }),
  { type: "spawn", proc: "client", pid: 200, t: t++ },
  call("client", 200, 1, "end", "socket", { args: ["AF_INET", "SOCK_STREAM"], result: "fd 3", fd: 3, line: 2 }),
  call("client", 200, 2, "end", "connect", { args: ["('127.0.0.1', 8000)"], result: "ok", fd: 3, line: 3, local: "127.0.0.1:5000", peer: "127.0.0.1:8000" }),
  { type: "output", proc: "server", stream: "stdout", text: "listening\n", t: t++ },
  {
    type: "table",
    t: t++,
    snapshot: {
      t: t++,
      source: "/proc/net",
      rows: [
        { proto: "tcp", local: "127.0.0.1:8000", remote: "0.0.0.0:*", state: "LISTEN", recvQ: 1, sendQ: 3, inode: 1, pid: 100, fd: 3 },
        { proto: "tcp", local: "127.0.0.1:8000", remote: "127.0.0.1:5000", state: "ESTABLISHED", recvQ: 0, sendQ: 0, inode: 2 },
        { proto: "tcp", local: "127.0.0.1:5000", remote: "127.0.0.1:8000", state: "ESTABLISHED", recvQ: 0, sendQ: 0, inode: 3, pid: 200, fd: 3 },
      ],
    },
  },
];

describe("live view content", () => {
  const state = replay(events);

  it("a pane shows the source with the paused line, the calls and the output", () => {
    const { left } = sides(state);
    const text = linesToText(paneLines({ procs: left, shown: left[0]!, calls: callsOf(state, left), width: 60, height: 20, syscalls: false }));
    assert.match(paneLabel(left, left[0]!), /server · server\.py {2}pid 100/, "the label names the program and its pid");
    // The label goes after the border's "┌─" and before its corner: at most width - 3 columns.
    for (let w = 20; w <= 40; w++) assert.ok(displayWidth(paneLabel(left, left[0]!, w)) <= w - 3, `the corner is left at width ${w}: '${paneLabel(left, left[0]!, w)}'`);
    assert.match(text, /‖5 c, a = s\.accept\(\)/, "the paused line is marked");
    assert.match(text, /socket\(AF_INET, SOCK_STREAM\) → fd 3/);
    assert.match(text, /bind\(fd 3, \('127\.0\.0\.1', 8000\)\) → ok/);
    assert.match(text, /listen\(fd 3, 3\) → ok/);
    assert.match(text, /‖ accept\(fd 3\) {2}paused before this call/);
    assert.match(text, /── output ─+\nlistening/);
    for (const line of text.split("\n")) assert.ok(line.length <= 60, `fits: ${line}`);
    assert.equal(text.split("\n").length, 20);
  });

  it("a failed call is shown with its errno and what it means", () => {
    const failed = replay([...events, call("client", 200, 3, "end", "connect", { args: ["('127.0.0.1', 9)"], errno: "ECONNREFUSED", error: "Connection refused", fd: 4 })]);
    const { right } = sides(failed);
    const text = linesToText(paneLines({ procs: right, shown: right[0]!, calls: callsOf(failed, right), width: 100, height: 20, syscalls: false }));
    assert.match(text, /✗ connect\(fd 4, \('127\.0\.0\.1', 9\)\) → ECONNREFUSED Connection refused/);
    assert.match(text.replace(/\n +/g, " "), /nothing listens on that address and port: the kernel answered the connection request with a reset \(connect\(2\)\)/);
  });

  it("a process not started yet says what it waits for", () => {
    const early = replay(events.slice(0, 6));
    const { right } = sides(early);
    const text = linesToText(paneLines({ procs: right, shown: right[0]!, calls: [], width: 60, height: 12, syscalls: false, waitingFor: "after server's listen()" }));
    assert.match(text, /not started yet: starts after server's listen\(\)/);
  });

  it("the table lays out the kernel's rows with owners and queue sizes", () => {
    const text = linesToText(tableLines(state, 100, 6));
    const lines = text.split("\n");
    assert.match(lines[0]!, /^Proto +Local +Remote +State +Recv-Q +Send-Q +Owner/);
    assert.match(lines[1]!, /^tcp +127\.0\.0\.1:8000 +0\.0\.0\.0:\* +LISTEN +1 +3 +server 100 fd 3/);
    assert.match(lines[2]!, /ESTABLISHED +0 +0 +accept queue, no process yet/, "a queued connection is owned by no one yet");
    assert.match(lines[3]!, /client 200 fd 3/);
    assert.equal(lines[1]!.indexOf("LISTEN"), lines[2]!.indexOf("ESTABLISHED"), "columns line up");
  });

  it("without ss a listener's backlog is '?', and the legend says why, never a 0 that looks like a limit", () => {
    const rows = [
      { proto: "tcp" as const, local: "127.0.0.1:8000", remote: "0.0.0.0:*", state: "LISTEN", recvQ: 3, sendQ: 0, inode: 7, pid: 100, fd: 3, unknown: ["sendQ" as const] },
      { proto: "unix" as const, local: "/tmp/x.sock", remote: "", state: "CONNECTED", recvQ: 0, sendQ: 0, inode: 8, pid: 100, fd: 4, unixType: "STREAM", unknown: ["recvQ" as const, "sendQ" as const, "remote" as const] },
    ];
    const reason = "/proc/net does not show it and ss is not installed";
    const s = reduce(state, { type: "table", t: 1, snapshot: { t: 1, source: "/proc/net", rows, unknownReason: reason } });
    const lines = linesToText(tableLines(s, 100, 6)).split("\n");
    assert.match(lines[1]!, /^tcp +127\.0\.0\.1:8000 +0\.0\.0\.0:\* +LISTEN +3 +\? +server 100 fd 3/);
    assert.match(lines[2]!, /^unix\/stream +\/tmp\/x\.sock +\? +CONNECTED +\? +\? +server 100 fd 4/);
    assert.equal(tableLegend(s, 200), `LISTEN row: Recv-Q = connections waiting for accept() (3 now), Send-Q = the backlog limit (unknown: ${reason})`);
    assert.equal(tableLegend(s, 80), "LISTEN: Recv-Q 3 = waiting for accept(), Send-Q ? = backlog (unknown here)");
    const unixOnly = reduce(state, { type: "table", t: 2, snapshot: { t: 2, source: "/proc/net", rows: [rows[1]!], unknownReason: reason } });
    assert.equal(tableLegend(unixOnly), `? = not known here: ${reason}`);
    assert.equal(tableLegend(state, 200), "LISTEN row: Recv-Q = connections waiting for accept() (1 now), Send-Q = the backlog limit (3)", "with ss: the numbers");
  });

  it("the table says why when the kernel cannot be read", () => {
    const s = reduce(state, { type: "table", t: 1, snapshot: { t: 1, source: "none", rows: [], error: "no /proc/net and no lsof on this system" } });
    assert.match(linesToText(tableLines(s, 80, 5)), /cannot be read here: no \/proc\/net and no lsof/);
  });

  it("the timeline puts each side in its column with an arrow for the connection", () => {
    const withArrow: DemoState = { ...state, arrows: [{ kind: "connect", from: "client#2", to: "server#4" }] };
    const lines = linesToText(timelineLines(withArrow, 100, 12)).split("\n");
    assert.match(lines[0]!, /^server +│ +│client/);
    const connect = lines.find((l) => l.includes("connect(fd 3"))!;
    assert.match(connect, /^ +│◀─+ connect ─+│ {2}connect\(fd 3, \('127\.0\.0\.1', 8000\)\) → ok/);
    const accept = lines.find((l) => l.includes("accept"))!;
    assert.ok(accept.indexOf("accept") < accept.indexOf("│"), "server calls are in the left column");
    assert.ok(lines.findIndex((l) => l.includes("listen(")) < lines.findIndex((l) => l.includes("connect(fd 3")), "in the order they happened");
  });

  it("a long timeline keeps the latest rows and says how many are hidden", () => {
    const lines = linesToText(timelineLines(state, 100, 4)).split("\n");
    assert.equal(lines.length, 4);
    assert.match(lines[1]!, /… \d+ earlier calls/);
    assert.match(lines[3]!, /connect/);
  });
});

describe("live view layout", () => {
  it("uses the full layout on a large terminal", () => {
    const g = liveLayout(120, 40, { noteLines: 1, bottom: "table", tableRows: 3 });
    assert.ok(!("tooSmall" in g));
    if ("tooSmall" in g) return;
    assert.equal(g.compact, false);
    assert.ok(g.table && g.timeline);
    assert.equal(g.left.width + g.right.width, 120);
    assert.equal(g.title.height + g.left.height + g.table!.height + g.timeline!.height + g.status.height, 40);
  });

  it("falls back to one bottom box on a small terminal", () => {
    const g = liveLayout(80, 24, { noteLines: 0, bottom: "timeline", tableRows: 3 });
    assert.ok(!("tooSmall" in g));
    if ("tooSmall" in g) return;
    assert.equal(g.compact, true);
    assert.equal(g.table, undefined);
    assert.ok(g.timeline);
    assert.equal(g.title.height + g.left.height + g.timeline!.height + g.status.height, 24);
  });

  it("gives a one-process demo the whole width", () => {
    const g = liveLayout(100, 30, { noteLines: 0, bottom: "table", tableRows: 1, oneSide: true });
    assert.ok(!("tooSmall" in g));
    if ("tooSmall" in g) return;
    assert.equal(g.left.width, 100);
    assert.equal(g.right.width, 0);
  });

  it("says what size it needs when the terminal is too small", () => {
    const g = liveLayout(50, 15, { noteLines: 0, bottom: "table", tableRows: 1 });
    assert.ok("tooSmall" in g);
    if ("tooSmall" in g) assert.match(g.tooSmall, /This terminal is 50x15; the live view needs at least 60x20/);
  });
});

describe("painting", () => {
  it("cuts lines on visible text and escapes braces", () => {
    const line = [seg("abc", "red"), seg("{def}")];
    assert.equal(plainText(fit(line, 5)), "abc{…");
    assert.equal(plainText(fit(line, 8)), "abc{def}", "a line that fits is not cut");
    assert.equal(toTags([seg("{x}", "red")], true), "{red-fg}{open}x{close}{/red-fg}");
    assert.equal(toTags([seg("x", "red"), seg("y", "inverse")], false), "x{inverse}y{/inverse}", "NO_COLOR keeps attributes, drops colours");
  });
});

describe("the table on a narrow screen", () => {
  it("cuts the owner column before the addresses", () => {
    const s: DemoState = {
      ...initialState({ spec, runtime: "python", mode: "run", sources: {} }),
      table: {
        t: 1,
        source: "/proc/net",
        rows: [{ proto: "tcp", local: "127.0.0.1:46912", remote: "127.0.0.1:8000", state: "ESTABLISHED", recvQ: 0, sendQ: 0, inode: 1, pid: 31489, fd: 3 }],
      },
    };
    const row = linesToText(tableLines(s, 78, 4)).split("\n")[1]!;
    assert.match(row, /127\.0\.0\.1:46912 +127\.0\.0\.1:8000 +ESTABLISHED/, row);
    assert.ok(row.length <= 78);
  });
});

describe("a pane's calls keep what the lesson points at", () => {
  it("the focus call stays in view whole, and the newest calls fill the rest whole (no outcome without its call)", () => {
    const many = replay([
      ...events,
      call("client", 200, 3, "end", "sendall", { args: ["b'hello'"], result: "ok, all 5 bytes sent", fd: 3 }),
      call("client", 200, 4, "end", "recv", { args: ["1024"], result: "5 bytes b'hello'", fd: 3 }),
      call("client", 200, 5, "end", "sendall", { args: ["b'again'"], result: "ok, all 5 bytes sent", fd: 3 }),
      call("client", 200, 6, "pending", "recv", { args: ["1024"], fd: 3 }),
    ]);
    const { right } = sides(many);
    const text = linesToText(paneLines({ procs: right, shown: right[0]!, calls: callsOf(many, right), width: 38, height: 11, syscalls: false, focusCalls: [{ process: "client", call: "connect" }] }));
    const calls = text.split("── socket calls")[1]!.split("── output")[0]!.split("\n").slice(1).map((l) => l.trimEnd()).filter(Boolean);
    // 11 rows: 3 of source, 2 rules, 2 of output: 4 for the calls. connect() (2 lines) kept, the newest call,
    // and no room for the whole sendall() before it: not its outcome alone.
    assert.deepEqual(calls, ["  connect(fd 3, ('127.0.0.1', 8000))", "    → ok", "‖ recv(fd 3, 1024)  paused"]);
  });
});

describe("a small table shows the rows the lesson points at first", () => {
  const rows = [
    { proto: "tcp" as const, local: "127.0.0.1:8000", remote: "0.0.0.0:*", state: "LISTEN", recvQ: 2, sendQ: 2, inode: 1, pid: 100, fd: 3 },
    { proto: "tcp" as const, local: "127.0.0.1:5001", remote: "127.0.0.1:8000", state: "ESTABLISHED", recvQ: 0, sendQ: 0, inode: 2, pid: 200, fd: 3 },
    { proto: "tcp" as const, local: "127.0.0.1:8000", remote: "127.0.0.1:5001", state: "ESTABLISHED", recvQ: 0, sendQ: 0, inode: 3 },
    { proto: "tcp" as const, local: "127.0.0.1:5002", remote: "127.0.0.1:8000", state: "SYN_SENT", recvQ: 0, sendQ: 1, inode: 4, pid: 201, fd: 3 },
  ];
  const state = replay([...events.slice(0, -1), { type: "table", t: 1, snapshot: { t: 1, source: "/proc/net", rows } }]);
  const focus = [{ state: "LISTEN" }, { state: "SYN_SENT" }, { owner: "queue" }];

  it("orders LISTEN, SYN_SENT, the queued connection, then the rest; says how many are below and how to see them", () => {
    const text = linesToText(tableLines(state, 78, 4, { focus }));
    const lines = text.split("\n");
    assert.match(lines[1]!, /LISTEN/);
    assert.match(lines[2]!, /SYN_SENT/);
    assert.match(lines[3]!, /… 2 more rows \(Tab to here, then ↓\)/);
  });

  it("scrolls the rest into view, and the owner column keeps 'accept queue' at 80 columns", () => {
    const text = linesToText(tableLines(state, 78, 4, { focus, scroll: 1 }));
    assert.match(text, /ESTABLISHED +0 +0 accept queue/);
    assert.match(text, /… 1 above, 1 below \(↑\/↓\)/);
    for (const l of text.split("\n")) assert.ok(displayWidthOf(l) <= 78, l);
  });
});

describe("the input line", () => {
  it("shows the end of a long line as it is typed, at 80 columns", () => {
    const state = replay(events);
    const { right } = sides(state);
    const typed = "a long line that does not fit in half of an eighty column terminal END";
    const text = linesToText(paneLines({ procs: right, shown: right[0]!, calls: callsOf(state, right), width: 38, height: 12, syscalls: false, typing: typed }));
    const input = text.split("\n").find((l) => l.startsWith("> "))!;
    assert.match(input, /^> ….*terminal END█$/);
    assert.ok(input.length <= 38);
  });
});

function displayWidthOf(s: string): number {
  return [...s].length;
}

describe("multi-client panes: a wrapped output line keeps its prefix", () => {
  const multi: DemoSpec = {
    id: "m",
    title: "Many",
    summary: "s",
    processes: [
      { name: "server", side: "left", python: "server.py", node: "server.mjs" },
      { name: "client 1", side: "right", python: "client.py", node: "client.mjs" },
      { name: "client 2", side: "right", python: "client.py", node: "client.mjs" },
    ],
  };
  const long = "the server answered with a line much longer than half of an eighty column terminal, so it wraps twice";
  const printed = (proc: string, text: string): DemoState =>
    [
      { type: "status", status: "running", t: 1 },
      { type: "spawn", proc: "client 1", pid: 201, t: 2 },
      { type: "spawn", proc: "client 2", pid: 202, t: 3 },
      { type: "output", proc, stream: "stdout", text: `${text}\n`, t: 4 },
    ].reduce((st, ev) => reduce(st, ev as DemoEvent), initialState({ spec: multi, runtime: "python", mode: "run", sources: {} }));

  for (const width of [38, 60]) {
    // client 2 prints its own name ("client 2: ..."): no second prefix on its first piece, the prefix on the others.
    for (const [proc, text] of [["client 1", long], ["client 2", `client 2: ${long}`]] as const) {
      it(`every piece of ${proc}'s wrapped line starts with its name, and no word is lost (width ${width})`, () => {
        const s = printed(proc, text);
        const { right } = sides(s);
        const pane = linesToText(paneLines({ procs: right, shown: right[0]!, calls: [], width, height: 40, syscalls: false }));
        const out = pane.split(/── output[^\n]*\n/)[1]!.split("\n").map((l) => l.trimEnd()).filter(Boolean);
        assert.ok(out.length >= 2, `the line wrapped:\n${pane}`);
        for (const l of out) assert.ok(l.startsWith(`${proc}: `), `every piece has the prefix:\n${out.join("\n")}`);
        assert.equal(out.map((l) => l.slice(proc.length + 2)).join(" ").replace(/\s+/g, " "), long, "the line whole, in order");
        for (const l of out) assert.ok(displayWidthOf(l) <= width, `fits ${width}: ${l}`);
      });
    }
  }

  it("a pane with one process adds no prefix", () => {
    const one = replay([...events, { type: "output", proc: "server", stream: "stdout", text: `${long}\n`, t: 99 }]);
    const { left } = sides(one);
    const text = linesToText(paneLines({ procs: left, shown: left[0]!, calls: [], width: 38, height: 40, syscalls: false }));
    assert.doesNotMatch(text, /server: /);
  });
});
