import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DemoEvent } from "../../src/demo/events.js";
import type { LiveRun, LiveSource } from "../../src/demo/live-source.js";
import type { DemoSpec } from "../../src/demo/spec.js";
import { initialState, reduce, type DemoMode, type DemoState } from "../../src/demo/state.js";
import { LiveController, type LiveViewExit } from "../../src/ui/live/controller.js";
import { barEntries, KEY_TABLE, normalizeKey } from "../../src/ui/live/keys.js";

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
}

async function rig(opts: { steppable?: boolean; interactive?: boolean } = {}): Promise<Rig> {
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
  const c = new LiveController(source, { runtime: "python", pythonAvailable: true, straceAvailable: false, creditMs: 200, flashMs: 50 }, { render: () => renders++, left: (how) => left.push(how) });
  const resolveStart = (): FakeRun => {
    waiting.shift()!();
    return runs[runs.length - 1]!;
  };
  const first = c.launch(source.start(c.startOptions((ev) => c.onEvent(ev))));
  resolveStart();
  await first;
  return { c, runs, resolveStart, left, renders: () => renders };
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
