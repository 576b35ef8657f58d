import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DemoEvent } from "../../src/demo/events.js";
import type { LiveRun, LiveSource } from "../../src/demo/live-source.js";
import type { DemoSpec } from "../../src/demo/spec.js";
import { initialState, reduce, type DemoMode, type DemoState } from "../../src/demo/state.js";
import { LiveController, type LiveViewExit } from "../../src/ui/live/controller.js";
import { barEntries, helpEntries, KEY_TABLE, normalizeKey } from "../../src/ui/live/keys.js";
import { frame, helpLines, statusLine, type FrameInput } from "../../src/ui/live/frame.js";
import { liveLayout } from "../../src/ui/live/layout.js";
import { linesToText, paneItems, paneLines, sides, timelineLines } from "../../src/ui/live/format.js";
import { plainText } from "../../src/ui/live/paint.js";
import { setLanguage } from "../../src/text/catalog.js";
import { displayWidth } from "../../src/text/width.js";
import { tutor } from "../../src/util/invocation.js";

const spec: DemoSpec = {
  id: "t",
  title: "Test",
  summary: "s",
  processes: [
    { name: "server", side: "left", python: "server.py", node: "server.mjs" },
    { name: "client 1", side: "right", python: "client.py", node: "client.mjs" },
    { name: "client 2", side: "right", python: "client.py", node: "client.mjs" },
  ],
};

/** A run whose events the test sends; it records what the controller asked of it. */
class FakeRun implements LiveRun {
  state: DemoState;
  host = "127.0.0.1";
  port = 8000;
  continued: string[] = [];
  modes: DemoMode[] = [];
  sent: Array<[string, string]> = [];
  stopped = false;
  constructor(private readonly deliver: (ev: DemoEvent) => void) {
    this.state = initialState({ spec, runtime: "python", mode: "step", sources: {} });
  }
  emit(ev: DemoEvent): void {
    this.state = reduce(this.state, ev);
    this.deliver(ev);
  }
  continue(proc?: string, seq?: number): boolean {
    this.continued.push(`${proc}#${seq}`);
    return true;
  }
  setMode(mode: DemoMode): void {
    this.modes.push(mode);
  }
  sendInput(proc: string, text: string): boolean {
    const p = this.state.processes.find((x) => x.name === proc);
    if (p?.status !== "running") return false;
    this.sent.push([proc, text]);
    return true;
  }
  async stop(): Promise<void> {
    this.stopped = true;
  }
}

interface Rig {
  c: LiveController;
  runs: FakeRun[];
  /** Resolves the start in flight (the tests decide when a restart's run arrives). */
  resolveStart: () => FakeRun;
  left: LiveViewExit[];
  renders: () => number;
  source: LiveSource;
}

async function rig(opts: { steppable?: boolean; interactive?: boolean; strace?: boolean; syscalls?: boolean } = {}): Promise<Rig> {
  const runs: FakeRun[] = [];
  const waiting: Array<() => void> = [];
  let renders = 0;
  const left: LiveViewExit[] = [];
  const source: LiveSource = {
    title: "Test",
    interactive: opts.interactive ?? false,
    steppable: opts.steppable ?? true,
    restartLabel: "restart",
    showsAddress: true,
    waitingFor: () => undefined,
    start: ({ onEvent }) =>
      new Promise<LiveRun>((resolve) => {
        waiting.push(() => {
          const r = new FakeRun(onEvent);
          runs.push(r);
          resolve(r);
        });
      }),
  };
  const c = new LiveController(source, { runtime: "python", pythonAvailable: true, straceAvailable: opts.strace ?? false, ...(opts.syscalls ? { syscalls: true } : {}), creditMs: 200, flashMs: 50 }, { render: () => renders++, left: (how) => left.push(how) });
  // As the view's first frame does at 80x24 (a test of the wide layout sets its own).
  c.setGeometry({ compact: true, pageRows: 5 });
  const resolveStart = (): FakeRun => {
    waiting.shift()!();
    return runs[runs.length - 1]!;
  };
  const first = c.launch(source.start(c.startOptions((ev) => c.onEvent(ev))));
  resolveStart();
  await first;
  return { c, runs, resolveStart, left, renders: () => renders, source };
}

const spawn = (proc: string, pid: number): DemoEvent => ({ type: "spawn", proc, pid, t: 1 });
const pending = (proc: string, pid: number, seq: number, call: string, kind: "socket" | "stdin" = "socket"): DemoEvent => ({ type: "call", proc, pid, seq, phase: "pending", call, args: [], t: seq, kind });
const start = (proc: string, pid: number, seq: number, call: string, kind: "socket" | "stdin" = "socket"): DemoEvent => ({ type: "call", proc, pid, seq, phase: "start", call, args: [], t: seq, kind });
const running: DemoEvent = { type: "status", status: "running", t: 0 };

describe("the live view's controller", () => {
  it("space runs the focused side's paused call; → the right side's; a second press goes to the next pause, not the same call", async () => {
    const { c, runs } = await rig();
    const run = runs[0]!;
    run.emit(running);
    run.emit(spawn("server", 10));
    run.emit(pending("server", 10, 1, "socket"));
    c.key("space");
    c.key("space"); // before the call's "start" came back: kept as a credit
    assert.deepEqual(run.continued, ["server#1"]);
    run.emit(start("server", 10, 1, "socket"));
    run.emit(pending("server", 10, 2, "bind"));
    assert.deepEqual(run.continued, ["server#1", "server#2"], "the credit was spent on the next pause");
    run.emit(spawn("client 1", 20));
    run.emit(pending("client 1", 20, 1, "connect"));
    c.key("right");
    assert.deepEqual(run.continued.at(-1), "client 1#1");
  });

  it("Tab moves the focus left → right → bottom; space then steps the last pane focused", async () => {
    const { c, runs } = await rig();
    const run = runs[0]!;
    run.emit(running);
    run.emit(spawn("server", 10));
    run.emit(spawn("client 1", 20));
    run.emit(pending("client 1", 20, 1, "connect"));
    c.key("tab");
    assert.equal(c.view.focus, "right");
    c.key("tab");
    assert.equal(c.view.focus, "bottom");
    c.key("space");
    assert.deepEqual(run.continued, ["client 1#1"]);
    c.key("tab");
    assert.equal(c.view.focus, "left");
  });

  it("r pressed while a restarted run is still starting applies to that run once it arrives", async () => {
    const { c, runs, resolveStart } = await rig();
    c.key("S-r"); // restart: the new run is on its way
    await new Promise((r) => setTimeout(r, 0));
    c.key("r"); // run freely, before the new run exists
    const run = resolveStart();
    await new Promise((r) => setTimeout(r, 0));
    assert.equal(runs.length, 2);
    assert.deepEqual(run.modes, ["run"], "the run started in step mode is told the mode the learner chose");
  });

  it("r switches between run and step mode and tells the run; m is slow motion", async () => {
    const { c, runs } = await rig();
    c.key("r");
    c.key("r");
    c.key("m");
    assert.deepEqual(runs[0]!.modes, ["run", "step", "slow"]);
    assert.equal(c.view.mode, "slow");
  });

  it("i types into the process that waits for input, not into the focused side", async () => {
    const { c, runs } = await rig({ interactive: true });
    const run = runs[0]!;
    run.emit(running);
    run.emit(spawn("server", 10));
    run.emit(spawn("client 1", 20));
    run.emit(start("client 1", 20, 1, "input", "stdin"));
    assert.equal(c.view.focus, "left");
    c.key("i");
    assert.equal(c.view.typing?.target, "client 1");
    for (const ch of "hi") c.key(ch, ch);
    c.key("enter");
    assert.deepEqual(run.sent, [["client 1", "hi"]]);
    assert.equal(c.view.typing?.text, "", "typing goes on for the next line");
  });

  it("typing ends when the program it types into ends", async () => {
    const { c, runs } = await rig({ interactive: true });
    const run = runs[0]!;
    run.emit(running);
    run.emit(spawn("server", 10));
    c.key("i");
    assert.equal(c.view.typing?.target, "server");
    run.emit({ type: "exit", proc: "server", pid: 10, code: 0, t: 5 });
    assert.equal(c.view.typing, undefined);
    assert.match(c.view.flash ?? "", /server has ended/);
  });

  it("R then i then Enter while the new run is still starting does not touch the old run (the restart crash)", async () => {
    const { c, runs, resolveStart } = await rig({ interactive: true });
    const run = runs[0]!;
    run.emit(running);
    run.emit(spawn("server", 10));
    c.key("tab");
    c.key("R");
    c.key("i");
    for (const ch of "x") c.key(ch, ch);
    assert.doesNotThrow(() => c.key("enter"));
    assert.equal(c.view.typing, undefined, "no typing while no run is there");
    await Promise.resolve();
    const next = resolveStart();
    await new Promise((r) => setImmediate(r));
    assert.equal(run.stopped, true, "the old run was stopped");
    assert.equal(c.run, next);
    assert.deepEqual(run.sent, []);
  });

  it("typing started before a restart ends with it: Enter afterwards says the run is starting", async () => {
    const { c, runs, resolveStart } = await rig({ interactive: true });
    runs[0]!.emit(running);
    runs[0]!.emit(spawn("server", 10));
    c.key("i");
    assert.ok(c.view.typing);
    // Ctrl-R is not a key here; a restart from the outside (another key path) clears typing.
    c.key("escape");
    c.key("R");
    c.key("enter");
    assert.equal(c.view.typing, undefined);
    resolveStart();
  });

  it("? opens the help; ↑/↓ scroll it; ?, q and Esc close it, and q there does not leave the view", async () => {
    const { c, left } = await rig();
    for (const close of ["?", "q", "escape"]) {
      c.key("?");
      assert.equal(c.view.help, true);
      c.key("down");
      c.key("pagedown");
      assert.ok(c.view.scroll.help > 1);
      c.key(close);
      assert.equal(c.view.help, false, `${close} closes the help`);
    }
    assert.deepEqual(left, [], "the view is still open");
    c.key("q");
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(left, ["back"]);
  });

  it("↑ selects the newest call, ↑ again the one before; ↓ past the newest follows the newest again; o opens it and o closes it", async () => {
    const { c, runs } = await rig();
    const run = runs[0]!;
    run.emit(running);
    run.emit(spawn("server", 10));
    run.emit(pending("server", 10, 1, "socket"));
    run.emit(start("server", 10, 1, "socket"));
    run.emit(pending("server", 10, 2, "bind"));
    c.key("up");
    assert.equal(c.view.selected.left, "server#2");
    c.key("up");
    assert.equal(c.view.selected.left, "server#1");
    c.key("o");
    assert.deepEqual(c.view.detail, { side: "left", key: "server#1" });
    c.key("space");
    assert.deepEqual(run.continued, [], "keys go to the opened call's box, not the run");
    c.key("o");
    assert.equal(c.view.detail, undefined);
    c.key("down");
    c.key("down");
    assert.equal(c.view.selected.left, undefined);
  });

  it("after the run is over, the key bar offers no step, mode or typing key", async () => {
    const { c, runs } = await rig({ interactive: true });
    const run = runs[0]!;
    run.emit(running);
    run.emit(spawn("server", 10));
    run.emit(spawn("client 1", 20));
    const before = barEntries(c.keyContext()).map((e) => e.action);
    assert.ok(before.includes("step") && before.includes("type") && before.includes("runMode"));
    run.emit({ type: "status", status: "done", ok: true, t: 9 });
    const after = barEntries(c.keyContext()).map((e) => e.action);
    for (const gone of ["step", "stepLeft", "type", "runMode", "slow"]) assert.ok(!after.includes(gone as never), `${gone} is gone`);
    assert.ok(after.includes("restart"));
    c.key("space");
    assert.match(c.view.flash ?? "", /over/);
  });

  it("in run mode the right pane keeps the client it shows while that client runs", async () => {
    const { c, runs } = await rig();
    const run = runs[0]!;
    c.key("r");
    run.emit(running);
    run.emit(spawn("client 1", 20));
    run.emit(start("client 1", 20, 1, "connect"));
    assert.equal(c.shown("right", run.state)?.name, "client 1");
    run.emit(spawn("client 2", 21));
    run.emit(start("client 2", 21, 1, "connect"));
    assert.equal(c.shown("right", run.state)?.name, "client 1", "no flip to the client that made the latest call");
    run.emit({ type: "exit", proc: "client 1", pid: 20, code: 0, t: 9 });
    assert.equal(c.shown("right", run.state)?.name, "client 2");
    c.key("c");
    assert.equal(c.shown("right", run.state)?.name, "client 1", "c picks the next client");
  });

  it("verify --live: the step keys say the checks run at full speed", async () => {
    const { c } = await rig({ steppable: false });
    c.key("space");
    assert.match(c.view.flash ?? "", /full speed/);
  });

  it("Ctrl-C leaves with interrupt and stops the run", async () => {
    const { c, runs, left } = await rig();
    c.key("C-c");
    await new Promise((r) => setImmediate(r));
    assert.equal(runs[0]!.stopped, true);
    assert.deepEqual(left, ["interrupt"]);
  });
});

describe("the key table", () => {
  it("gives every key one action", () => {
    const seen = new Map<string, string>();
    for (const e of KEY_TABLE) for (const k of e.keys) {
      assert.equal(seen.get(k), undefined, `${k} is bound twice`);
      seen.set(k, e.action);
    }
  });
  it("names keys one way whatever decoded them", () => {
    assert.equal(normalizeKey("M-escape"), "escape");
    assert.equal(normalizeKey("return"), undefined);
    assert.equal(normalizeKey("linefeed"), "enter");
    assert.equal(normalizeKey("space"), "space");
  });
});

describe("leaving during a restart", () => {
  it("waits for the run being started and stops it before the view goes", async () => {
    const { c, runs, resolveStart, left } = await rig();
    c.key("R");
    c.key("q");
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(left, [], "not gone while the new run is starting");
    const next = resolveStart();
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(runs[0]!.stopped, true);
    assert.equal(next.stopped, true, "the run started meanwhile is stopped too");
    assert.deepEqual(left, ["back"]);
  });
});

const end = (proc: string, pid: number, seq: number, call: string): DemoEvent => ({ type: "call", proc, pid, seq, phase: "end", call, args: [], t: seq, kind: "socket", result: "ok" });
const syscall = (proc: string, pid: number, text: string): DemoEvent => ({ type: "syscall", proc, pid, text, t: 1 });
const output = (proc: string, text: string): DemoEvent => ({ type: "output", proc, stream: "stdout", text: `${text}\n`, t: 1 });

/** A run with a server that made `calls` calls and printed `lines` lines, and a client with a few calls. */
function busyRun(run: FakeRun, calls: number, lines: number): void {
  run.emit(running);
  run.emit(spawn("server", 10));
  run.emit(spawn("client 1", 20));
  for (let i = 1; i <= calls; i++) {
    run.emit(pending("server", 10, i, `call${i}`));
    run.emit(end("server", 10, i, `call${i}`));
    if (i <= 3) {
      run.emit(pending("client 1", 20, i, `ccall${i}`));
      run.emit(end("client 1", 20, i, `ccall${i}`));
    }
  }
  for (let i = 1; i <= lines; i++) run.emit(output("server", `line ${i}`));
}

describe("scrolling the panes (calls, syscalls, output, timeline, table)", () => {
  it("↑/↓ select the calls of the focused pane, and the pane's window keeps the selected call in view with what is above and below", async () => {
    const { c, runs } = await rig();
    const run = runs[0]!;
    busyRun(run, 20, 0);
    c.key("tab"); // the right pane: its own calls, not the server's
    c.key("up");
    assert.equal(c.view.selected.right, "client 1#3");
    assert.equal(c.view.selected.left, undefined, "the other pane keeps following its newest call");
    c.key("tab");
    c.key("tab"); // back to the left
    for (let i = 0; i < 15; i++) c.key("k");
    assert.equal(c.view.selected.left, "server#6", "k is ↑");
    const { left } = sides(run.state);
    const text = linesToText(paneLines({ procs: left, shown: left[0]!, calls: paneItems(run.state, left, false).map((x) => x.call!), width: 38, height: 14, syscalls: false, selected: c.view.selected.left }));
    assert.match(text, /call6\(\)/, "the selected call is in view");
    assert.doesNotMatch(text, /call20\(\)/, "the newest is scrolled away");
    assert.match(text, /── socket calls ↑\d+ earlier ↓\d+ newer/, "the rule says what is above and below");
    for (let i = 0; i < 3; i++) c.key("j");
    assert.equal(c.view.selected.left, "server#9", "j is ↓");
  });

  it("in the syscall view ↑/↓ select strace lines, and o opens the selected one in full", async () => {
    const { c, runs } = await rig({ strace: true, syscalls: true });
    const run = runs[0]!;
    run.emit(running);
    run.emit(spawn("server", 10));
    for (let i = 1; i <= 12; i++) run.emit(syscall("server", 10, `read(${i}<TCP:[127.0.0.1:8000->127.0.0.1:5000]>, "x", 1024) = 1`));
    for (let i = 0; i < 6; i++) c.key("up");
    assert.equal(c.view.selected.left, "server~6", "the 7th of 12 lines");
    const { left } = sides(run.state);
    const lines = paneLines({ procs: left, shown: left[0]!, calls: [], width: 60, height: 12, syscalls: true, selected: c.view.selected.left });
    const text = linesToText(lines);
    assert.match(text, /── system calls \(strace\) ↑4 earlier ↓3 newer/, text);
    assert.doesNotMatch(text, /read\(12</, "the newest line is scrolled away");
    const selected = lines.find((l) => plainText(l).startsWith("read(7<"));
    assert.ok(selected?.every((s) => s.tone === "inverse"), "the selected line is drawn selected");
    c.key("down");
    assert.equal(c.view.selected.left, "server~7");
    c.key("o");
    assert.deepEqual(c.view.detail, { side: "left", key: "server~7" });
  });

  it("PgUp/PgDn scroll the focused pane's output a page at a time; the pane shows the older lines and says how many are newer", async () => {
    const { c, runs } = await rig();
    const run = runs[0]!;
    busyRun(run, 2, 30);
    c.setGeometry({ compact: true, pageRows: 4 });
    c.key("pageup");
    assert.equal(c.view.scroll.output.left, 4);
    c.key("pageup");
    assert.equal(c.view.scroll.output.left, 8);
    c.key("pagedown");
    assert.equal(c.view.scroll.output.left, 4);
    assert.equal(c.view.scroll.output.right, 0, "the other pane's output stays at its newest");
    const { left } = sides(run.state);
    const text = linesToText(paneLines({ procs: left, shown: left[0]!, calls: [], width: 60, height: 14, syscalls: false, outputScroll: c.view.scroll.output.left }));
    assert.match(text, /── output PgUp: \d+ earlier PgDn: 4 newer/, text);
    assert.match(text, /line 26\n?/);
    assert.doesNotMatch(text, /line 30/);
    c.key("pagedown");
    c.key("pagedown");
    assert.equal(c.view.scroll.output.left, 0, "never below the newest");
  });

  it("the timeline: ↑ and PgUp go back to earlier calls, ↓ and PgDn forward to the newer ones, as its markers say", async () => {
    const { c, runs } = await rig();
    const run = runs[0]!;
    busyRun(run, 20, 0);
    c.setGeometry({ compact: true, pageRows: 4 });
    c.key("t");
    assert.equal(c.view.bottom, "timeline");
    c.key("tab");
    c.key("tab");
    assert.equal(c.view.focus, "bottom");
    c.key("up");
    assert.equal(c.view.scroll.bottom, 1, "↑ shows one earlier row");
    c.key("pageup");
    assert.equal(c.view.scroll.bottom, 5, "PgUp a page further back");
    const lines = linesToText(timelineLines(run.state, 78, 8, c.view.scroll.bottom)).split("\n");
    assert.match(lines.at(-1)!, /newer calls \(↓\)/, "the marker says ↓ brings the newer calls");
    c.key("down");
    assert.equal(c.view.scroll.bottom, 4, "↓ one row newer");
    c.key("pagedown");
    c.key("pagedown");
    assert.equal(c.view.scroll.bottom, 0, "back at the newest");
    c.wheel("bottom", -1);
    assert.equal(c.view.scroll.bottom, 2, "the wheel up goes back too");
    c.wheel("bottom", 1);
    assert.equal(c.view.scroll.bottom, 0);
  });

  it("the table: ↓ and PgDn show the rows below, ↑ and PgUp the rows above; the wheel does the same", async () => {
    const { c, runs } = await rig();
    busyRun(runs[0]!, 1, 0);
    c.setGeometry({ compact: true, pageRows: 4 });
    c.key("S-tab");
    assert.equal(c.view.focus, "bottom");
    assert.equal(c.view.bottom, "table");
    c.key("down");
    assert.equal(c.view.scroll.bottom, 1);
    c.key("pagedown");
    assert.equal(c.view.scroll.bottom, 5);
    c.key("up");
    c.key("pageup");
    assert.equal(c.view.scroll.bottom, 0);
    c.wheel("bottom", 1);
    assert.equal(c.view.scroll.bottom, 2);
    c.wheel("bottom", -1);
    assert.equal(c.view.scroll.bottom, 0);
  });

  it("PgUp past the top does not pile up: the frame settles each scroll to what there is, so the first PgDn moves at once", async () => {
    const { c, runs, source } = await rig();
    const run = runs[0]!;
    busyRun(run, 30, 30);
    const geo = liveLayout(80, 24, { noteLines: 0, bottom: "timeline", tableRows: 3 });
    assert.ok(!("tooSmall" in geo));
    c.setGeometry({ compact: geo.compact, pageRows: 4 });
    const draw = (): void => {
      const f = frame({ source, controller: c, state: run.state, where: "127.0.0.1:8000", notes: [] }, geo);
      const was = c.view.scroll;
      c.settle({ output: { left: f.scroll.output.left ?? was.output.left, right: f.scroll.output.right ?? was.output.right }, bottom: f.scroll.bottom ?? was.bottom });
    };
    // The output: 30 lines, a few rows of them on screen.
    for (let i = 0; i < 25; i++) {
      c.key("pageup");
      draw();
    }
    const top = c.view.scroll.output.left;
    assert.ok(top > 0 && top < 30, `at the oldest line, not 100 lines back: ${top}`);
    c.key("pagedown");
    draw();
    assert.equal(c.view.scroll.output.left, top - 4, "one PgDn is one page newer");
    // The timeline (the bottom tab at 80x24): 33 rows back at most.
    c.key("t");
    c.key("S-tab");
    assert.equal(c.view.focus, "bottom");
    for (let i = 0; i < 40; i++) {
      c.key("pageup");
      draw();
    }
    const back = c.view.scroll.bottom;
    assert.ok(back > 0 && back < 33, `at the first call, not 160 rows back: ${back}`);
    c.key("down");
    draw();
    assert.equal(c.view.scroll.bottom, back - 1, "one ↓ is one row newer");
  });

  it("on a wide screen Tab reaches the timeline under the table: ↑ and PgUp scroll it back, the table keeps its place", async () => {
    const { c, runs, source } = await rig();
    const run = runs[0]!;
    busyRun(run, 40, 0);
    const geo = liveLayout(120, 40, { noteLines: 0, bottom: "table", tableRows: 3 });
    assert.ok(!("tooSmall" in geo) && !geo.compact);
    c.setGeometry({ compact: false, pageRows: 10 });
    const draw = () => frame({ source, controller: c, state: run.state, where: "127.0.0.1:8000", notes: [] }, geo);
    const focusOrder = [c.view.focus];
    for (let i = 0; i < 4; i++) {
      c.key("tab");
      focusOrder.push(c.view.focus);
    }
    assert.deepEqual(focusOrder, ["left", "right", "bottom", "lower", "left"]);
    c.key("S-tab");
    assert.equal(c.view.focus, "lower");
    assert.equal(draw().timeline!.focused, true, "its border shows the focus");
    const newest = linesToText(draw().timeline!.lines);
    assert.match(newest, /call40\(\)/);
    c.key("up");
    c.key("pageup");
    assert.equal(c.view.scroll.lower, 11);
    assert.equal(c.view.scroll.bottom, 0, "the table did not move");
    const back = linesToText(draw().timeline!.lines);
    assert.doesNotMatch(back, /call40\(\)/, "the newest rows are scrolled away");
    assert.match(back, /newer calls \(↓\)/);
    c.wheel("lower", 1);
    assert.equal(c.view.scroll.lower, 9, "the wheel over the timeline scrolls the timeline");
    // A small screen has no lower box: the focus goes to the bottom tab.
    c.setGeometry({ compact: true, pageRows: 4 });
    assert.equal(c.view.focus, "bottom");
  });

  it("the wheel over a pane selects its calls (up: the one before), over the help or an opened call it scrolls them", async () => {
    const { c, runs } = await rig();
    busyRun(runs[0]!, 5, 0);
    c.wheel("right", -1);
    assert.equal(c.view.selected.right, "client 1#3", "the pane under the wheel, not the focused one");
    c.wheel("right", -1);
    assert.equal(c.view.selected.right, "client 1#2");
    c.wheel("right", 1);
    c.wheel("right", 1);
    assert.equal(c.view.selected.right, undefined, "past the newest: follows the newest again");
    c.key("?");
    c.wheel("left", 1);
    assert.equal(c.view.scroll.help, 2, "with the help open the wheel scrolls the help wherever it is");
    c.key("?");
    c.key("o");
    c.wheel("detail", 1);
    assert.equal(c.view.scroll.detail, 2);
  });
});

describe("the key bar at 80 columns", () => {
  it("the help keeps the glossary command on one line, at any width it fits in (zh-CN too)", async () => {
    const { c, runs, source } = await rig({ interactive: true, strace: true });
    const run = runs[0]!;
    run.emit(running);
    run.emit(spawn("server", 10));
    const input: FrameInput = { source, controller: c, state: run.state, where: "127.0.0.1:8000", notes: [] };
    const command = tutor("glossary <word>");
    try {
      for (const lang of ["en", "zh-CN"] as const) {
        setLanguage(lang);
        for (let width = displayWidth(command) + 2; width <= 110; width += 3) {
          const help = helpLines(input, width, c.keyContext(), [], undefined).map(plainText);
          assert.ok(help.some((l) => l.includes(command)), `${lang} at ${width}: ${help.filter((l) => l.includes("glossary") || l.includes("cli.js")).join(" / ")}`);
        }
      }
    } finally {
      setLanguage("en");
    }
  });

  it("shows the keys that matter most and q; every key it drops is in the help, which ? opens", async () => {
    const { c, runs, source } = await rig({ interactive: true, strace: true });
    const run = runs[0]!;
    run.emit(running);
    run.emit(spawn("server", 10));
    run.emit(spawn("client 1", 20));
    run.emit(spawn("client 2", 21));
    run.emit(pending("server", 10, 1, "socket"));
    c.setGeometry({ compact: true, pageRows: 4 });
    const input: FrameInput = { source, controller: c, state: run.state, where: "127.0.0.1:8000", notes: [] };
    const bar = plainText(statusLine(input, 80));
    assert.ok(bar.length <= 80, bar);
    // The most useful first: typing, stepping, a side, run mode, restart, help; then q. (t, the bottom tab, no longer fits.)
    assert.equal(bar, " i type  space next call  ←/→ step a side  r run  R restart  ? help  q back ");
    const ctx = c.keyContext();
    const offered = barEntries(ctx);
    const shown = offered.filter((e) => bar.includes(` ${e.label} ${e.bar(ctx)} `));
    const dropped = offered.filter((e) => !shown.includes(e));
    assert.deepEqual(dropped.map((e) => e.label), ["t", "w", "Tab", "↑/↓", "o", "c", "m", "p", "PgUp/PgDn", "y"], "what does not fit at 80 columns");
    // The help lists every key, the dropped ones with their sentences, marked as doing something now.
    const help = helpLines(input, 72, ctx, [], undefined).map(plainText);
    for (const e of dropped) {
      const entry = helpEntries(ctx).find((h) => h.label === e.label)!;
      assert.ok(entry.now, `${e.label} applies now`);
      const first = help.find((l) => l.startsWith(`${e.label} `));
      assert.ok(first, `the help lists ${e.label}: ${help.join("\n")}`);
      assert.ok(entry.text.startsWith(first.slice(e.label.length).trim().split(" ").slice(0, 2).join(" ")), `${e.label}: ${first}`);
    }
    assert.ok(bar.includes("? help"), "the bar always offers the help");
  });
});
