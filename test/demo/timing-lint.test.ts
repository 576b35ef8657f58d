/**
 * Every demo program uses only the timing APIs the demo clock covers (src/demo/timing-lint.ts):
 * a new demo with Date.now() or time.time() would let the learner's pauses into its timing again.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { listDemos } from "../../src/demo/launcher.js";
import { timingProblems } from "../../src/demo/timing-lint.js";

describe("demo programs use only timing APIs the demo clock covers", () => {
  const { demos } = listDemos();
  const programs = new Set<string>();
  for (const d of demos) for (const p of d.spec.processes) for (const rt of ["python", "node"] as const) programs.add(`${rt}:${path.resolve(d.dir, p[rt])}`);

  it("finds every program (both runtimes of every demo)", () => {
    assert.ok(programs.size >= 40, `${programs.size} programs`);
  });

  for (const key of [...programs].sort()) {
    const [runtime, file] = [key.slice(0, key.indexOf(":")) as "python" | "node", key.slice(key.indexOf(":") + 1)];
    it(path.relative(path.resolve("lessons"), file), () => {
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
});
