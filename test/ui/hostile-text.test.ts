/**
 * Text from programs, file names and the kernel reaches the screen only escaped,
 * and every box line keeps its width with wide characters in it.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { callText, outcomeText, tableRowText } from "../../src/demo/format.js";
import type { DemoEvent } from "../../src/demo/events.js";
import type { DemoSpec } from "../../src/demo/spec.js";
import { initialState, reduce } from "../../src/demo/state.js";
import type { SocketRow } from "../../src/kernel/types.js";
import { displayWidth } from "../../src/text/width.js";
import { paneLines, tableLines } from "../../src/ui/live/format.js";
import { fit, pad, plainText, seg } from "../../src/ui/live/paint.js";
import { repoRoot } from "../support/cli.js";
import { runDemo } from "../support/demo.js";

/** Any character a terminal would act on: C0 but newline, DEL, C1, bidi and zero-width controls. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;

/** The same, allowing tabs: the engine keeps them for the views to expand. */
// eslint-disable-next-line no-control-regex
const RAW_BUT_TAB = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;

const HOSTILE = "a\x1b[2J\x1b]0;title\x07b\u009bc\u202ed\u200be";

const spec: DemoSpec = {
  id: "t",
  title: "t",
  summary: "s",
  processes: [{ name: "server", side: "left", python: "evil\x1b[31m.py", node: "evil.mjs" }],
};

function hostileState() {
  const events: DemoEvent[] = [
    { type: "status", status: "running", t: 1 },
    { type: "spawn", proc: "server", pid: 100, t: 2 },
    { type: "call", proc: "server", pid: 100, seq: 1, phase: "end", call: "connect", args: [HOSTILE], result: HOSTILE, t: 3, kind: "socket", file: "evil.py", line: 1 },
    { type: "call", proc: "server", pid: 100, seq: 2, phase: "end", call: `send${HOSTILE}`, args: [], errno: "EPIPE", error: HOSTILE, t: 4, kind: "socket", file: "evil.py", line: 2 },
    { type: "output", proc: "server", stream: "stdout", text: `${HOSTILE}\n套接字是应用层与传输层之间的抽象层 wide text that wraps\n`, t: 5 },
  ];
  return events.reduce(reduce, initialState({ spec, runtime: "python", mode: "run", sources: { server: [`print("${HOSTILE}")`, "中文注释 # 一行很长的中文注释，超过面板的宽度"] } }));
}

describe("hostile text in the views", () => {
  it("the live panes show controls escaped, and every line fits its width exactly", () => {
    const state = hostileState();
    for (const width of [30, 41, 80]) {
      const lines = paneLines({ procs: state.processes, shown: state.processes[0]!, calls: state.processes[0]!.calls, width, height: 20, syscalls: false });
      for (const l of lines) {
        const text = plainText(l);
        assert.doesNotMatch(text, RAW_CONTROL, `raw control in ${JSON.stringify(text)}`);
        assert.ok(displayWidth(text) <= width, `${JSON.stringify(text)} is ${displayWidth(text)} columns, more than ${width}`);
      }
      const all = lines.map(plainText).join("\n");
      assert.match(all, /\\x1b\[2J/, "the screen clear is shown as text");
      assert.match(all, /\\x9b/, "a C1 CSI is shown as text");
      assert.match(all, /\\u202e/, "a bidi override is shown as text");
    }
  });

  it("the shared wording escapes calls, results and errors for the plain view", () => {
    const c = hostileState().processes[0]!.calls;
    for (const text of [callText(c[0]!), outcomeText(c[0]!), callText(c[1]!), outcomeText(c[1]!)]) assert.doesNotMatch(text, RAW_CONTROL, text);
  });

  it("a Unix socket path from the kernel is escaped in both tables", () => {
    const row: SocketRow = { proto: "unix", local: `/tmp/x\x1b]0;owned\x07.sock`, remote: "", state: "LISTEN", recvQ: 0, sendQ: 5, inode: 1 } as SocketRow;
    const state = { ...hostileState(), table: { t: 1, rows: [row], source: "/proc/net" } } as ReturnType<typeof hostileState>;
    for (const l of tableLines(state, 80, 10)) assert.doesNotMatch(plainText(l), RAW_CONTROL);
    for (const cell of tableRowText(row)) assert.doesNotMatch(cell, RAW_CONTROL);
  });

  it("fit and pad give exact widths with wide characters at the edge", () => {
    const line = [seg("ab"), seg("套接字是应用层", "bold")];
    for (let w = 1; w <= 18; w++) {
      assert.ok(displayWidth(plainText(fit(line, w))) <= w, `fit to ${w}`);
      assert.equal(displayWidth(plainText(pad(line, w))), w, `pad to ${w}`);
    }
  });
});

describe("a demo program's output in the engine", { concurrency: true }, () => {
  const root = path.join(repoRoot, "test", "demo", "fixtures", "lessons");
  for (const runtime of ["python", "node"] as const) {
    it(`is escaped once, as bytes (${runtime}): controls and invalid UTF-8 shown, split characters whole`, async () => {
      const run = await runDemo("hostile-output", { runtime, root, mode: "run" });
      const text = run.state.processes[0]!.output.map((l) => l.text).join("\n");
      assert.doesNotMatch(text, RAW_BUT_TAB, text);
      assert.match(text, /clear:\\x1b\[2J title:\\x1b\]0;pwned\\x07 csi:\\x9b31m bidi:\\u202e tab:\t end/);
      assert.match(text, /套接字 bad:\\xff\\xfe ok/, "a character written one byte at a time arrives whole; invalid bytes as \\xNN");
      assert.doesNotMatch(text, /\ufffd/, "no replacement characters");
    });
  }
});
