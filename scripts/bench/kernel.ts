import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { scanSocketOwners } from "../../src/kernel/owners.js";
import { parseProcNet, PROC_NET_FILES } from "../../src/kernel/proc-net.js";
import { runCommand } from "../../src/kernel/run.js";
import { buildStraceCommand, createStraceOutput, resolvePythonExecutable, straceAvailable } from "../../src/kernel/strace.js";
import { readSocketTable, type SocketTableFilter } from "../../src/kernel/table.js";
import { which } from "../../src/util/which.js";
import { type BenchRow } from "../bench-common.js";


/**
 * How long one poll of the kernel's socket table takes for a demo-sized set of
 * processes: 4 Node processes, each with a TCP listener, 2 connections and a
 * Unix listener with one connection. Target: well under the 100–200 ms poll
 * interval. Baseline: `ss -tanpx`, what a view could run instead (it scans
 * every process's fds for -p).
 */

const PROCS = 4;
const RUNS = 40;
const TIME_BUDGET_MS = 4000;

const CHILD = `
const net = require("net"), path = require("path");
const dir = process.argv[1];
const s = net.createServer(() => {}).listen(0, "127.0.0.1", () => {
  const port = s.address().port;
  const a = net.connect(port, "127.0.0.1"), b = net.connect(port, "127.0.0.1");
  const u = net.createServer(() => {}).listen(path.join(dir, process.pid + ".sock"), () => {
    const uc = net.connect(path.join(dir, process.pid + ".sock"));
    uc.on("connect", () => console.log(JSON.stringify({ port })));
  });
});
process.stdin.resume(); process.stdin.on("end", () => process.exit(0));
`;

async function startChildren(dir: string): Promise<{ children: ChildProcess[]; ports: number[] }> {
  const children: ChildProcess[] = [];
  const ports: number[] = [];
  for (let i = 0; i < PROCS; i++) {
    const child = spawn(process.execPath, ["-e", CHILD, dir], { stdio: ["pipe", "pipe", "inherit"] });
    children.push(child);
    ports.push(
      await new Promise<number>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error("bench child did not start")), 5000);
        child.stdout?.setEncoding("utf8").once("data", (d: string) => {
          clearTimeout(t);
          resolve((JSON.parse(d) as { port: number }).port);
        });
      }),
    );
  }
  return { children, ports };
}

/** Median wall time, and this process's mean CPU time (all threads, not children) per run. */
async function median(fn: () => Promise<unknown>): Promise<{ ms: number; cpuMs: number; n: number }> {
  await fn(); // warm-up (and fills the backlog cache)
  const times: number[] = [];
  const end = performance.now() + TIME_BUDGET_MS;
  const cpu0 = process.cpuUsage();
  while (times.length < RUNS && performance.now() < end) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  times.sort((a, b) => a - b);
  return { ms: Number(times[Math.floor(times.length / 2)].toFixed(2)), cpuMs: Number(((cpu.user + cpu.system) / 1000 / times.length).toFixed(2)), n: times.length };
}

export async function bench(report: (row: BenchRow) => void): Promise<void> {
  if (process.platform !== "linux") {
    report({ name: "kernel: readSocketTable", medianMs: Number.NaN, note: "skipped: the /proc/net path is Linux-only" });
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "st-bench-kernel-"));
  const { children, ports } = await startChildren(dir);
  const pids = children.map((c) => c.pid as number);
  const filter: SocketTableFilter = { pids, ports };
  let peakRss = process.memoryUsage().rss;
  const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
  try {
    const ssPath = which("ss");
    const baseline = ssPath ? await median(() => runCommand(ssPath, ["-tanpx"])) : undefined;
    const row = (name: string, m: { ms: number; cpuMs: number; n: number }, note: string): BenchRow => ({
      name,
      medianMs: m.ms,
      peakRssMb: Number((peakRss / 1048576).toFixed(1)),
      ...(baseline ? { baselineName: "spawn ss -tanpx", baselineMs: baseline.ms } : {}),
      note: `${note}; ${PROCS} processes, ${m.n} runs, ${m.cpuMs} ms CPU/run in-process`,
    });

    const rowsSeen = (await readSocketTable(filter)).rows.length;
    const full = await median(async () => {
      await readSocketTable(filter);
      sample();
    });
    report(row("kernel: readSocketTable (/proc/net + ss for Unix queues)", full, `${rowsSeen} rows, ss spawned each poll while Unix rows are shown`));
    report(row("kernel: readSocketTable, /proc only (ss: false)", await median(() => readSocketTable(filter, { ss: false })), "Unix queues unknown; TCP backlogs come from ss once per listener"));

    const parse = await median(async () => {
      const texts = await Promise.all(PROC_NET_FILES.map((f) => readFile(`/proc/net/${f}`, "utf8")));
      return texts.map((t, i) => parseProcNet(PROC_NET_FILES[i], t));
    });
    report(row("kernel: read + parse /proc/net/*", parse, "the kernel walks its TCP hash for tcp/tcp6"));
    report(row("kernel: scan /proc/<pid>/fd owners", await median(async () => scanSocketOwners(pids)), "synchronous"));
    const py = await resolvePythonExecutable();
    if (py && (await straceAvailable())) {
      const out = createStraceOutput();
      try {
        const prog = [py, "-c", "import socket; socket.socket().close()"];
        const { command, args } = buildStraceCommand(prog, { outputPath: out.path });
        const plain = await median(() => runCommand(py, prog.slice(1)));
        const traced = await median(() => runCommand(command, args));
        report({
          name: "kernel: python3 start + socket() under strace",
          medianMs: traced.ms,
          baselineName: "the same without strace",
          baselineMs: plain.ms,
          note: `what the syscall view costs a demo's start-up; ${traced.n} runs`,
        });
      } finally {
        out.remove();
      }
    }
    if (which("lsof")) {
      report(row("kernel: readSocketTable via lsof + netstat (fallback)", await median(() => readSocketTable(filter, { source: "lsof" })), "the macOS path, run on Linux"));
    }
  } finally {
    for (const c of children) c.stdin?.end();
    await Promise.all(children.map((c) => (c.exitCode !== null ? undefined : new Promise((r) => c.once("exit", r)))));
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await bench((r) => console.log(JSON.stringify(r)));
}
