/**
 * Every demo program uses only the timing APIs the demo clock covers (src/demo/timing-lint.ts):
 * a new demo with Date.now() or time.time() would let the learner's pauses into its timing again.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { listDemos } from "../../src/demo/launcher.js";
import { lessonsDir } from "../../src/paths.js";
import { timingProblems, timingUses } from "../../src/demo/timing-lint.js";

/** Every program file under a demos/ folder of the lessons tree, by walking it (a new demo is found without being listed anywhere). */
function demoPrograms(root: string): Array<{ file: string; runtime: "python" | "node" }> {
  const out: Array<{ file: string; runtime: "python" | "node" }> = [];
  (function walk(dir: string, inDemos: boolean): void {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p, inDemos || e.name === "demos");
      else if (inDemos && /\.py$/.test(e.name)) out.push({ file: p, runtime: "python" });
      else if (inDemos && /\.(mjs|cjs|js)$/.test(e.name)) out.push({ file: p, runtime: "node" });
    }
  })(root, false);
  return out.sort((x, y) => x.file.localeCompare(y.file));
}

describe("demo programs use only timing APIs the demo clock covers", () => {
  const root = lessonsDir();
  const programs = demoPrograms(root);

  it("walks every program of every demo (each demo.json's programs are among them)", () => {
    const { demos, problems } = listDemos();
    assert.deepEqual(problems, []);
    const walked = new Set(programs.map((p) => p.file));
    const named = demos.flatMap((d) => d.spec.processes.flatMap((p) => [path.resolve(d.dir, p.python), path.resolve(d.dir, p.node)]));
    assert.deepEqual(named.filter((f) => !walked.has(f)), []);
    assert.ok(programs.length >= 2 * demos.length, `${programs.length} programs, ${demos.length} demos`);
  });

  for (const { file, runtime } of programs) {
    it(path.relative(root, file), () => {
      const problems = timingProblems(readFileSync(file, "utf8"), runtime);
      assert.deepEqual(problems.map((p) => `${path.basename(file)}:${p.line}: ${p.api}`), []);
    });
  }
});

describe("the timing lint", () => {
  it("flags Python clocks and waits the tracer does not cover, and passes the ones it does", () => {
    const source = [
      "import time, socket, selectors, select",
      "start = time.time()  # wall clock",
      "t0 = time.monotonic()",
      "time.sleep(1)",
      "sock.settimeout(5)",
      "conn = socket.create_connection((HOST, PORT), timeout=3)",
      "ready = select.select([sock], [], [], 2)",
      "events = selector.select(timeout=5)",
      "from datetime import datetime",
      "done.wait(timeout=2)",
      "thread.join(5)",
      "p = select.poll()",
      "from time import sleep, process_time",
      "# time.time() in a comment is fine",
      "threading.Timer(1, go).start()",
      "import time as clock",
    ].join("\n");
    assert.deepEqual(
      timingProblems(source, "python").map((p) => `${p.line} ${p.api}`),
      ["2 time.time", "9 datetime", "10 .wait(timeout)", "11 .join(timeout)", "12 select.poll", "13 from time import sleep, process_time", "15 threading.Timer", "16 import time as clock"],
    );
  });

  it("flags Node clocks and waits the preload does not cover, and passes the ones it does", () => {
    const source = [
      'import net from "node:net";',
      'import { setTimeout as sleep, setInterval } from "node:timers/promises";',
      'import { setTimeout } from "node:timers";',
      "const start = Date.now();",
      "const t0 = performance.now();",
      "setTimeout(() => sock.end(), 1000);",
      "sock.setTimeout(10000);",
      "Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3000);",
      "const [s, ns] = process.hrtime();",
      "// Date.now() in a comment is fine",
      "const signal = AbortSignal.timeout(5000);",
      'import http from "node:http";',
      "performance.mark('x');",
    ].join("\n");
    assert.deepEqual(
      timingProblems(source, "node").map((p) => `${p.line} ${p.api}`),
      ["2 node:timers/promises setInterval", "4 Date", "9 process.hrtime", "11 AbortSignal.timeout", "12 node:http", "13 performance.mark"],
    );
  });

  // The pace tests step a program with no timing at all quicker (test/pace/pace.ts): a use missed here would hide a real wait.
  it("finds every use of a clock or a wait, covered or not (and none in comments)", () => {
    const py = ["import socket", "sock.settimeout(5)", "time.sleep(1)", "t0 = time.monotonic()", "ev = sel.select(timeout=2)", "import selectors", "# time.sleep(9)", "done.wait(3)", "print('no clock here')"].join("\n");
    assert.deepEqual(timingUses(py, "python").map((u) => u.line), [2, 3, 4, 5, 6, 8]);
    const js = ['import net from "node:net";', "setTimeout(go, 10);", "const t0 = performance.now();", "// Date.now()", "sock.setTimeout(1000);", "const d = Date.now();", 'import { setImmediate } from "node:timers";', "console.log('none');"].join("\n");
    assert.deepEqual([...new Set(timingUses(js, "node").map((u) => u.line))], [2, 3, 5, 6, 7]);
    assert.deepEqual(timingUses("import socket\nsock.recv(10)\n", "python"), []);
  });
});
