/**
 * Demo engine figures (issue 3's targets):
 * - launch -> first socket event: from startDemo() (runtime choice, port check,
 *   spawn, interpreter start, tracer) to the first call event the tutor receives.
 *   Target < 300 ms with Python.
 * - event latency: a call's timestamp taken in the traced process -> the tutor
 *   receiving its event. Target < 50 ms.
 * Medians over several runs, each demo run to its end in "run" mode.
 * Standalone: node dist/scripts/bench/demo.js
 */
import { fileURLToPath } from "node:url";
import type { DemoEvent } from "../../src/demo/events.js";
import { findDemo, startDemo } from "../../src/demo/launcher.js";
import { findPython } from "../../src/demo/runtime.js";
import type { DemoRuntime } from "../../src/demo/spec.js";
import { type BenchRow, median } from "../bench-common.js";
import { sandboxSupport } from "../../src/sandbox/namespace.js";


const RUNS = 9;
const DEADLINE_MS = 60_000;


function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

function now(): number {
  return performance.timeOrigin + performance.now();
}

const round = (x: number) => Math.round(x * 10) / 10;

async function measure(runtime: DemoRuntime, sandbox = true, packets = true): Promise<{ firstMs: number[]; latencies: number[]; peakRss: number }> {
  const demo = findDemo("tcp-step-by-step");
  if (!demo) throw new Error("the tcp-step-by-step demo is missing");
  const firstMs: number[] = [];
  const latencies: number[] = [];
  let peakRss = 0;
  const end = Date.now() + DEADLINE_MS;
  for (let i = 0; i < RUNS && Date.now() < end; i++) {
    let first: number | undefined;
    const t0 = performance.now();
    const session = await startDemo(demo, {
      runtime,
      mode: "run",
      port: 0,
      sandbox,
      packets,
      onEvent: (ev: DemoEvent) => {
        if (ev.type !== "call") return;
        const received = now();
        first ??= performance.now() - t0;
        latencies.push(received - ev.t);
      },
    });
    await session.done();
    await session.stop();
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (first !== undefined) firstMs.push(first);
  }
  return { firstMs, latencies, peakRss };
}

export async function bench(report: (row: BenchRow) => void): Promise<void> {
  const python = await findPython();
  const box = await sandboxSupport();
  if (box.available) {
    // The private network's own cost: the same launch with and without it, interleaved by runtime.
    const runtime: DemoRuntime = python ? "python" : "node";
    const off = await measure(runtime, false);
    const on = await measure(runtime, true, false);
    const captured = await measure(runtime, true, true);
    report({
      name: `demo: launch to first event, private network (${runtime})`,
      medianMs: round(median(on.firstMs)),
      baselineName: "the same without a private network",
      baselineMs: round(median(off.firstMs)),
      note: `sandbox overhead ${round(median(on.firstMs) - median(off.firstMs))} ms; target <= 30 ms`,
    });
    report({
      name: `demo: launch to first event, packets captured (${runtime})`,
      medianMs: round(median(captured.firstMs)),
      baselineName: "the same private network without the capture",
      baselineMs: round(median(on.firstMs)),
      note: `the capture's start (a Python helper, ready before the first program starts) ${round(median(captured.firstMs) - median(on.firstMs))} ms`,
    });
  }
  const runtimes: DemoRuntime[] = python ? ["python", "node"] : ["node"];
  for (const runtime of runtimes) {
    const { firstMs, latencies, peakRss } = await measure(runtime);
    if (!firstMs.length) continue;
    report({
      name: `demo: launch to first socket event (${runtime})`,
      medianMs: round(median(firstMs)),
      peakRssMb: round(peakRss / 1e6),
      note: `${firstMs.length} runs of tcp-step-by-step; target < 300 ms${runtime === "python" ? ` (${python!.executable})` : ""}; min ${round(Math.min(...firstMs))}, max ${round(Math.max(...firstMs))}`,
    });
    report({
      name: `demo: event latency, traced call to tutor (${runtime})`,
      medianMs: round(median(latencies)),
      note: `${latencies.length} call events; target < 50 ms; p95 ${round(percentile(latencies, 95))} ms`,
    });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bench((row) => console.log(`${row.name.padEnd(52)} ${String(row.medianMs).padStart(7)} ms${row.peakRssMb ? `  rss ${row.peakRssMb} MB` : ""}  ${row.note ?? ""}`));
}
