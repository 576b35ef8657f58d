/**
 * Runs the real blessed adapter (ui/live-view.ts runLive) on a fake run, in a child
 * process whose stdout is a pipe nobody reads (blessed draws an 80x24 screen
 * there), and counts what it does: renders (each calls controller.setGeometry),
 * setContent calls and screen draws, and where the boxes are. Writes a JSON
 * report to the file named by argv[2]. Used by live-view-redraw.test.ts.
 */
import { writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import blessed from "blessed";
import type { DemoEvent } from "../../src/demo/events.js";
import type { LiveRun, LiveSource } from "../../src/demo/live-source.js";
import type { DemoSpec } from "../../src/demo/spec.js";
import { initialState, reduce, type DemoMode, type DemoState } from "../../src/demo/state.js";
import type { SocketRow } from "../../src/kernel/types.js";
import { LiveController } from "../../src/ui/live/controller.js";
import { runLive } from "../../src/ui/live-view.js";

const out = process.argv[2]!;
const counts = { renders: 0, setContent: 0, draws: 0 };
const proto = {
  element: (blessed as unknown as { widget: { Element: { prototype: { setContent: (...a: unknown[]) => unknown } } } }).widget.Element.prototype,
  screen: (blessed as unknown as { widget: { Screen: { prototype: { render: (...a: unknown[]) => unknown; children: unknown[] } } } }).widget.Screen.prototype,
};
const setContent = proto.element.setContent;
proto.element.setContent = function (this: unknown, ...a: unknown[]) {
  counts.setContent++;
  return setContent.apply(this, a);
};
interface Box {
  position: { top?: number; height?: number };
  hidden: boolean;
  border?: unknown;
}
let boxes: string = "";
const render = proto.screen.render;
proto.screen.render = function (this: { children: Box[] }, ...a: unknown[]) {
  counts.draws++;
  boxes = JSON.stringify(this.children.filter((c) => c.border && !c.hidden).map((c) => [c.position.top, c.position.height]));
  return render.apply(this, a);
};
const setGeometry = LiveController.prototype.setGeometry;
LiveController.prototype.setGeometry = function (this: LiveController, g) {
  counts.renders++;
  return setGeometry.call(this, g);
};

const spec: DemoSpec = {
  id: "t",
  title: "Redraw test",
  summary: "s",
  processes: [
    { name: "server", side: "left", python: "server.py", node: "server.mjs" },
    { name: "client", side: "right", python: "client.py", node: "client.mjs" },
  ],
};

let run!: FakeRun;
class FakeRun implements LiveRun {
  state: DemoState;
  host = "127.0.0.1";
  port = 8000;
  constructor(private readonly deliver: (ev: DemoEvent) => void) {
    this.state = initialState({ spec, runtime: "python", mode: "step", sources: { server: ["import socket", "s = socket.socket()", "s.accept()"], client: ["c.connect()"] } });
  }
  emit(ev: DemoEvent): void {
    this.state = reduce(this.state, ev);
    this.deliver(ev);
  }
  continue(): boolean {
    return true;
  }
  setMode(_mode: DemoMode): void {}
  sendInput(): boolean {
    return false;
  }
  async stop(): Promise<void> {}
}

const source: LiveSource = {
  title: "Redraw test",
  interactive: false,
  steppable: true,
  restartLabel: "restart",
  showsAddress: true,
  waitingFor: () => undefined,
  focus: { what: "the accept", tableRows: 3 },
  start: async ({ onEvent }) => {
    run = new FakeRun(onEvent);
    return run;
  },
};

const row = (i: number): SocketRow => ({ proto: "tcp", local: `127.0.0.1:${5000 + i}`, remote: "127.0.0.1:8000", state: "ESTABLISHED", recvQ: 0, sendQ: 0, inode: 100 + i, pid: 20, fd: 3 + i });
const table = (n: number, t: number): DemoEvent => ({
  type: "table",
  t,
  snapshot: { t, source: "/proc/net", rows: [{ proto: "tcp", local: "127.0.0.1:8000", remote: "0.0.0.0:*", state: "LISTEN", recvQ: 0, sendQ: 3, inode: 1, pid: 10, fd: 3 }, ...Array.from({ length: n }, (_, i) => row(i))] },
});

/** Waits until no render has happened for 150 ms (bounded: 5 s). */
async function quiet(): Promise<void> {
  const deadline = Date.now() + 5000;
  let last = counts.renders;
  let since = Date.now();
  while (Date.now() < deadline) {
    await sleep(30);
    if (counts.renders !== last) {
      last = counts.renders;
      since = Date.now();
    } else if (Date.now() - since >= 150) return;
  }
}

// An 80x24 terminal: blessed takes the size from its output stream, a pipe here.
Object.assign(process.stdout, { columns: 80, rows: 24 });
const report: Record<string, unknown> = {};
void runLive(source, { runtime: "python", mode: "step", pythonAvailable: false, syscallsAvailable: false });
const started = Date.now();
while (!run && Date.now() - started < 5000) await sleep(10);
run.emit({ type: "status", status: "running", t: 1 });
run.emit({ type: "spawn", proc: "server", pid: 10, t: 2 });
run.emit({ type: "spawn", proc: "client", pid: 20, t: 3 });
run.emit({ type: "call", proc: "server", pid: 10, seq: 1, phase: "pending", call: "accept", args: [], t: 4, kind: "socket", line: 3, fd: 3 });
run.emit(table(1, 5));
await quiet();
report.boxesSmallTable = boxes;

// Paused: the poller's readings arrive (the same table each time); nothing on screen changes.
let c0 = { ...counts };
for (let i = 0; i < 20; i++) {
  run.emit(table(1, 10 + i));
  await sleep(25);
}
await quiet();
report.paused = { renders: counts.renders - c0.renders, setContent: counts.setContent - c0.setContent, draws: counts.draws - c0.draws };

// One thing changes (a line of output): only its box is set again.
c0 = { ...counts };
run.emit({ type: "output", proc: "server", stream: "stdout", text: "hello\n", t: 40 });
await quiet();
report.oneChange = { renders: counts.renders - c0.renders, setContent: counts.setContent - c0.setContent, draws: counts.draws - c0.draws };

// The table grows from 2 to 13 rows: the boxes stay where they were.
run.emit(table(12, 50));
await quiet();
report.boxesBigTable = boxes;
writeFileSync(out, JSON.stringify(report));
process.exit(0);
