/**
 * The paused live view's cost: tcp-step-by-step (Python) in tmux at 80x24, stepped
 * to its moment (the server paused before accept(), the client's connection in the
 * accept queue), then the tutor process alone measured over 10 s: CPU from
 * /proc/<pid>/stat (utime + stime) and resident memory. Targets: under 2% of a
 * core, under 80 MB. Baseline: `sleep` in the same tmux (what an idle process costs).
 * Standalone: node dist/scripts/bench/live-paused.js
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type BenchRow } from "../bench-common.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.resolve(here, "..", "..", "src", "cli.js");
const WINDOW_MS = 10_000;
const TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN);
  return kb / 1024;
}

async function until(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("the view did not reach its moment");
    await new Promise((r) => setTimeout(r, 30));
  }
}

async function measure(argv: string[], reach: (keys: (k: string) => void, screen: () => string) => Promise<void>): Promise<{ cpu: number; rss: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "st-bench-live-"));
  const sock = path.join(dir, "s");
  const tmux = (args: string[]): string => execFileSync("tmux", ["-S", sock, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  try {
    tmux(["-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24", "-e", `SOCKET_TUTOR_HOME=${dir}`, ...argv]);
    const pid = Number(tmux(["display-message", "-p", "#{pane_pid}"]).trim());
    await reach((k) => tmux(["send-keys", k]), () => tmux(["capture-pane", "-p"]));
    // Let the view settle after the last key (a redraw, a table reading or two).
    await new Promise((r) => setTimeout(r, 1500));
    const t0 = cpuTicks(pid);
    await new Promise((r) => setTimeout(r, WINDOW_MS));
    const used = cpuTicks(pid) - t0;
    return { cpu: (used / TICKS / (WINDOW_MS / 1000)) * 100, rss: rssMb(pid) };
  } finally {
    try {
      tmux(["kill-server"]);
    } catch {
      // gone
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function bench(report: (row: BenchRow) => void): Promise<void> {
  if (process.platform !== "linux" || spawnSync("tmux", ["-V"]).status !== 0) {
    console.log("  skipped: needs Linux (/proc) and tmux");
    return;
  }
  const paused = await measure([process.execPath, cli, "demo", "tcp-step-by-step", "--runtime", "python", "--port", "0"], async (key, screen) => {
    await until(() => /socket\(AF_INET, SOCK_STREAM\)/.test(screen()), 10_000);
    for (const call of ["bind", "listen", "accept"]) {
      key("Left");
      await until(() => screen().includes(`‖ ${call}(`), 10_000);
    }
    await until(() => screen().includes("client.py  pid"), 10_000);
    key("Right");
    await until(() => screen().includes("connect("), 10_000);
    key("Right");
    await until(() => screen().includes("accept queue"), 10_000);
  });
  const idle = await measure(["sleep", "60"], async () => undefined);
  report({
    name: "live view paused: CPU of a core",
    medianMs: paused.cpu,
    peakRssMb: paused.rss,
    unit: "%",
    note: `of one core over 10 s (utime+stime of the tutor alone); RSS ${paused.rss.toFixed(1)} MB; idle sleep ${idle.cpu.toFixed(2)}%; targets < 2% and < 80 MB`,
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  void bench((row) => console.log(`${row.name}: ${row.medianMs.toFixed(2)}% · RSS ${row.peakRssMb?.toFixed(1)} MB (${row.note})`));
}
