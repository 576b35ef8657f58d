/**
 * The wire's figures (the packet capture, src/demo/capture/):
 * - capture cost on a 100 MB loopback transfer: the helper's CPU time and peak memory
 *   while a program in the run's private network sends 100 MB over TCP, beside the
 *   transfer's own time with and without the capture; and what the tutor spends
 *   parsing and reducing the lines it gets;
 * - the helper's cost per packet, on 100,000 small UDP datagrams (the most packets a
 *   second a demo could make);
 * - packet -> tutor latency: the kernel's stamp of a packet -> its event in the tutor,
 *   and -> its line printed by the plain view (which holds lines 30 ms to order them).
 * Standalone: node dist/scripts/bench/wire.js
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { DemoEvent, PacketEvent, PacketGapEvent } from "../../src/demo/events.js";
import { PacketCapture } from "../../src/demo/capture/helper.js";
import { findPython } from "../../src/demo/runtime.js";
import { initialState, reduce, type DemoState } from "../../src/demo/state.js";
import { childPids } from "../../src/kernel/owners.js";
import { RunSandbox, sandboxSupport } from "../../src/sandbox/namespace.js";
import { type BenchRow, median } from "../bench-common.js";

const round = (x: number) => Math.round(x * 10) / 10;
const now = () => performance.timeOrigin + performance.now();

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

/** CPU ms (user + system, from schedstat: nanoseconds, not clock ticks) and peak RSS (MB) of a process. */
function usage(pid: number): { cpuMs: number; peakMb: number } {
  const ns = Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]);
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return { cpuMs: ns / 1e6, peakMb: Number(hwm?.[1] ?? NaN) / 1024 };
}

/** The helper itself: nsenter's child, inside the namespace. */
function helperPid(capture: PacketCapture): number {
  const outer = capture.pid!;
  return childPids(outer)[0] ?? outer;
}

/** Runs Python code in the run's network; async, so the tutor's side keeps receiving packets meanwhile. */
function inside(box: RunSandbox, python: string, code: string): Promise<number> {
  const t0 = performance.now();
  const { cmd, args } = box.wrap(python, ["-c", code]);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(performance.now() - t0);
      else reject(new Error(`the traffic program failed: ${err}`));
    });
  });
}

const TRANSFER = `
import socket, threading
N = 100 * 1000 * 1000
srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen(1)
def sink():
    conn, _ = srv.accept(); got = 0
    while got < N:
        b = conn.recv(1 << 20)
        if not b: break
        got += len(b)
    conn.close()
t = threading.Thread(target=sink); t.start()
c = socket.create_connection(srv.getsockname()); chunk = b"x" * (1 << 16); sent = 0
while sent < N:
    c.sendall(chunk); sent += len(chunk)
c.close(); t.join()
`;

const DATAGRAMS = `
import socket
r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); r.bind(("127.0.0.1", 0)); r.setblocking(False)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(100000):
    s.sendto(b"d" * 16, r.getsockname())
    if i % 64 == 0:
        try:
            while True: r.recv(64)
        except BlockingIOError: pass
`;

const PACED = `
import socket, time
r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); r.bind(("127.0.0.1", 0))
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(300):
    s.sendto(b"tick", r.getsockname()); time.sleep(0.005)
`;

interface Measured {
  wallMs: number;
  helperCpuMs: number;
  helperPeakMb: number;
  idlePeakMb: number;
  tutorCpuMs: number;
  packets: number;
  shown: number;
  kept: number;
  kernelDrops: number;
}

const spec = { id: "bench", title: "bench", summary: "", processes: [{ name: "a", side: "left" as const, python: "a.py", node: "a.mjs" }] };

async function withCapture(python: string, code: string, onEvent?: (ev: PacketEvent | PacketGapEvent, received: number) => void): Promise<Measured> {
  const box = await RunSandbox.start();
  let state: DemoState = initialState({ spec, runtime: "python", mode: "run", sources: {} });
  let shown = 0;
  let tutorCpu = 0;
  try {
    const capture = await PacketCapture.start({
      python,
      wrap: (c, a) => box.wrap(c, a),
      onEvent: (ev) => {
        const received = now();
        const t0 = process.cpuUsage();
        state = reduce(state, ev as DemoEvent);
        const d = process.cpuUsage(t0);
        tutorCpu += (d.user + d.system) / 1000;
        if (ev.type === "packet") shown++;
        onEvent?.(ev, received);
      },
    });
    const pid = helperPid(capture);
    const idle = usage(pid);
    const wallMs = await inside(box, python, code);
    // The last lines and the last gap report (the helper reports a gap within 200 ms).
    await new Promise((r) => setTimeout(r, 500));
    const after = usage(pid);
    capture.stop();
    const missed = state.wire.missed;
    return { wallMs, helperCpuMs: after.cpuMs - idle.cpuMs, helperPeakMb: after.peakMb, idlePeakMb: idle.peakMb, tutorCpuMs: tutorCpu, packets: shown + missed.budget + missed.kernel, shown, kept: state.wire.packets.length, kernelDrops: missed.kernel };
  } finally {
    box.stop();
  }
}

async function without(python: string, code: string): Promise<number> {
  const box = await RunSandbox.start();
  try {
    return await inside(box, python, code);
  } finally {
    box.stop();
  }
}

export async function bench(report: (row: BenchRow) => void): Promise<void> {
  const box = await sandboxSupport();
  const python = await findPython();
  if (!box.available || !python) {
    report({ name: "wire: skipped", medianMs: NaN, note: !box.available ? `no private networks: ${box.reason}` : "no python3 >= 3.8" });
    return;
  }
  const py = python.executable;
  const runs = Number(process.env.BENCH_WIRE_RUNS ?? 3);
  const on: Measured[] = [];
  const off: number[] = [];
  for (let i = 0; i < runs; i++) {
    off.push(await without(py, TRANSFER));
    on.push(await withCapture(py, TRANSFER));
  }
  const m = (f: (x: Measured) => number) => median(on.map(f));
  report({
    name: "wire: 100 MB TCP transfer, captured",
    medianMs: round(m((x) => x.wallMs)),
    baselineName: "the same transfer, no capture",
    baselineMs: round(median(off)),
    note: `helper CPU ${round(m((x) => x.helperCpuMs))} ms for ${Math.round(m((x) => x.packets))} packets (${Math.round(m((x) => x.shown))} reported one by one, ${Math.round(m((x) => x.kernelDrops))} dropped by the kernel, the rest counted); helper peak RSS ${round(m((x) => x.helperPeakMb))} MB (idle ${round(m((x) => x.idlePeakMb))} MB); tutor parse+reduce ${round(m((x) => x.tutorCpuMs))} ms CPU, ${Math.round(m((x) => x.kept))} packets kept`,
  });
  const small = await withCapture(py, DATAGRAMS);
  report({
    name: "wire: 100,000 small UDP datagrams",
    medianMs: round(small.wallMs),
    note: `helper CPU ${round(small.helperCpuMs)} ms = ${round((small.helperCpuMs * 1000) / Math.max(1, small.packets))} µs a packet for ${small.packets} packets (${small.kernelDrops} dropped by the kernel before the helper read them); peak RSS ${round(small.helperPeakMb)} MB; tutor ${round(small.tutorCpuMs)} ms CPU`,
  });
  const toTutor: number[] = [];
  await withCapture(py, PACED, (ev, received) => {
    if (ev.type === "packet") toTutor.push(received - ev.t);
  });
  report({
    name: "wire: packet → tutor event",
    medianMs: Math.round(median(toTutor) * 100) / 100,
    note: `${toTutor.length} packets 5 ms apart, from the kernel's stamp; p95 ${Math.round(percentile(toTutor, 95) * 100) / 100} ms; target p95 < 50 ms`,
  });
  const printed = await plainLatency();
  if (printed.length)
    report({
      name: "wire: packet → plain view line",
      medianMs: round(median(printed)),
      note: `demo tcp-step-by-step --plain --packets, ${printed.length} packets over 5 runs; p95 ${round(percentile(printed, 95))} ms (lines are held 30 ms to print in time order)`,
    });
}

/** From a packet's kernel stamp to the plain view writing its line, on a real demo. */
async function plainLatency(): Promise<number[]> {
  const { findDemo, createDemo } = await import("../../src/demo/launcher.js");
  const { PlainView } = await import("../../src/ui/plain-view.js");
  const { makeStyle } = await import("../../src/util/style.js");
  const out: number[] = [];
  for (let i = 0; i < 5; i++) {
    const session = await createDemo(findDemo("tcp-step-by-step")!, { runtime: "python", port: 0 });
    const pending: PacketEvent[] = [];
    const view = new PlainView(session, {
      write: (text) => {
        if (!text.startsWith("packet ")) return;
        const p = pending.shift();
        if (p) out.push(now() - p.t);
      },
      style: makeStyle(false),
      width: 120,
      packets: true,
    });
    session.onEvent((ev) => {
      if (ev.type === "packet") pending.push(ev);
      view.onEvent(ev);
    });
    await session.launch();
    await session.done();
    view.summary();
    await session.stop();
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bench((row) => console.log(`${row.name.padEnd(40)} ${String(row.medianMs).padStart(8)} ms${row.baselineMs !== undefined ? `  (${row.baselineName}: ${row.baselineMs} ms)` : ""}  ${row.note ?? ""}`));
}
