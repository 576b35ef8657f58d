/**
 * `npm run bench`: start-up figures for this machine, each beside a bare baseline
 * measured in the same run, so the ratios mean something on any machine.
 * Sections from scripts/bench/*.ts (demos, verify, kernel table) run after these.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type BenchRow, median } from "./bench-common.js";


const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..", "..");
const cli = path.join(repo, "dist", "src", "cli.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 15);


const home = mkdtempSync(path.join(os.tmpdir(), "st-bench-"));
const env = { ...process.env, SOCKET_TUTOR_HOME: home, NO_COLOR: "1" };

function wallMs(argv: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(argv[0]!, argv.slice(1), { env, stdio: "ignore" });
  if (r.status !== 0) throw new Error(`${argv.join(" ")} exited ${r.status}`);
  return performance.now() - t0;
}

/** Peak RSS of a Node command, reported by a preload at exit (Node has no rusage for children). */
function peakRssMb(args: string[]): number {
  const preload = path.join(home, "rss.mjs");
  writeFileSync(preload, 'process.on("exit", () => process.stderr.write(`RSS:${process.resourceUsage().maxRSS}\\n`));\n');
  const r = spawnSync(process.execPath, ["--import", pathToFileURL(preload).href, ...args], { env, encoding: "utf8" });
  const kb = Number(/RSS:(\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return kb / 1024;
}

function measure(name: string, args: string[], baseline: { name: string; args: string[] }): BenchRow {
  // Interleaved, so a busy moment on the machine hits both alike.
  const a: number[] = [];
  const b: number[] = [];
  wallMs([process.execPath, ...args]);
  for (let i = 0; i < RUNS; i++) {
    b.push(wallMs([process.execPath, ...baseline.args]));
    a.push(wallMs([process.execPath, ...args]));
  }
  return { name, medianMs: median(a), peakRssMb: median([1, 2, 3].map(() => peakRssMb(args))), baselineName: baseline.name, baselineMs: median(b), note: `baseline peak RSS ${peakRssMb(baseline.args).toFixed(1)} MB` };
}

/** Time from launching a command in a fresh tmux session to `marker` on its screen. */
async function timeToScreen(argv: string[], marker: string, after?: (tmux: (args: string[]) => string) => Promise<void>, env: Record<string, string> = {}): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "st-bench-tmux-"));
  const sock = path.join(dir, "s");
  // stderr is dropped: kill-server after a session that ended by itself says "no server running".
  const tmux = (args: string[]): string => execFileSync("tmux", ["-S", sock, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  try {
    const t0 = performance.now();
    const envArgs = Object.entries({ SOCKET_TUTOR_HOME: home, ...env }).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
    tmux(["-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40", ...envArgs, ...argv]);
    const deadline = t0 + 5000;
    while (performance.now() < deadline) {
      if (tmux(["capture-pane", "-p"]).includes(marker)) {
        const elapsed = performance.now() - t0;
        if (after) await after(tmux);
        return elapsed;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`'${marker}' did not appear within 5 s`);
  } finally {
    try {
      tmux(["kill-server"]);
    } catch {
      // gone
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

async function menuRow(): Promise<BenchRow> {
  const a: number[] = [];
  const b: number[] = [];
  const n = Math.min(RUNS, 10);
  for (let i = 0; i < n; i++) {
    b.push(await timeToScreen([process.execPath, "-e", "console.log('READY'); setTimeout(() => {}, 3000)"], "READY"));
    a.push(await timeToScreen([process.execPath, cli, "start"], "Choose a lesson"));
  }
  return {
    name: "start: menu on screen (tmux)",
    medianMs: median(a),
    baselineName: "node prints a line (tmux)",
    baselineMs: median(b),
    note: `menu minus baseline: ${(median(a) - median(b)).toFixed(0)} ms; both include tmux start-up`,
  };
}

/**
 * The live view, as a learner sees it: from launching `demo` to the first socket
 * call on screen, and from a call in the traced process to the screen (the view
 * logs each render when SOCKET_TUTOR_LATENCY_LOG is set).
 */
function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function liveRows(): Promise<BenchRow[]> {
  const first: number[] = [];
  const base: number[] = [];
  const latencies: number[] = [];
  const packetLatencies: number[] = [];
  const n = Math.min(RUNS, 7);
  for (let i = 0; i < n; i++) {
    const log = path.join(home, `latency-${i}.log`);
    base.push(await timeToScreen([process.execPath, "-e", "console.log('READY'); setTimeout(() => {}, 3000)"], "READY"));
    first.push(
      await timeToScreen(
        [process.execPath, cli, "demo", "tcp-step-by-step", "--runtime", "python", "--port", "0"],
        "socket(AF_INET, SOCK_STREAM)",
        async (tmux) => {
          tmux(["send-keys", "w"]); // the wire on screen: every packet is drawn as it comes
          tmux(["send-keys", "r"]); // run freely to the end
          const deadline = performance.now() + 5000;
          while (performance.now() < deadline && !tmux(["capture-pane", "-p"]).includes("FINISHED")) await new Promise((r) => setTimeout(r, 20));
          tmux(["send-keys", "q"]);
          await new Promise((r) => setTimeout(r, 300));
        },
        { SOCKET_TUTOR_LATENCY_LOG: log },
      ),
    );
    try {
      latencies.push(...readFileSync(log, "utf8").trim().split("\n").map(Number).filter((x) => Number.isFinite(x)));
    } catch {
      // no log: the view did not render any call
    }
    try {
      packetLatencies.push(...readFileSync(`${log}.packets`, "utf8").trim().split("\n").map(Number).filter((x) => Number.isFinite(x)));
    } catch {
      // no packets: no private network here (the row says so)
    }
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? NaN;
  return [
    { name: "live view: first socket call on screen", medianMs: median(first), baselineName: "node prints a line (tmux)", baselineMs: median(base), note: `Python, tcp-step-by-step; includes tmux start-up; target < 300 ms after launch` },
    { name: "live view: traced call → on screen", medianMs: median(latencies), note: `${latencies.length} call events; p95 ${p95.toFixed(1)} ms; target < 50 ms` },
    packetLatencies.length
      ? { name: "live view: packet → on screen (wire, w)", medianMs: median(packetLatencies), note: `${packetLatencies.length} packets, from the kernel's stamp to the render that drew them; p95 ${percentile(packetLatencies, 95).toFixed(1)} ms; target < 50 ms` }
      : { name: "live view: packet → on screen (wire, w)", medianMs: NaN, note: "no packets captured here: no private network (see doctor)" },
  ];
}

function print(rows: BenchRow[]): void {
  const fmt = (r: BenchRow): string => {
    const ratio = r.baselineMs ? ` ${(r.medianMs / r.baselineMs).toFixed(2)}x` : "";
    const base = r.baselineName ? `  vs ${r.baselineName}: ${r.baselineMs!.toFixed(0)} ms →${ratio}` : "";
    const rss = r.peakRssMb !== undefined ? `  peak ${r.peakRssMb.toFixed(1)} MB` : "";
    const value = r.unit ? `${r.medianMs.toFixed(2).padStart(5)} ${r.unit}` : `${r.medianMs.toFixed(0).padStart(5)} ms`;
    return `  ${r.name.padEnd(40)} ${value}${rss}${base}${r.note ? `\n  ${"".padEnd(40)} (${r.note})` : ""}`;
  };
  for (const r of rows) console.log(fmt(r));
}

async function main(): Promise<void> {
  console.log(`socket-tutor bench · ${os.cpus().length} CPUs · Node ${process.version} · medians of ${RUNS} runs\n`);
  const node0 = { name: "node -e 0", args: ["-e", "0"] };
  console.log("Start-up");
  print([measure("socket-tutor --version", [cli, "--version"], node0), measure("socket-tutor list", [cli, "list"], node0)]);
  if (spawnSync("tmux", ["-V"]).status === 0) {
    print([await menuRow()]);
    console.log("\nLive view");
    print(await liveRows());
  } else console.log("  start: menu on screen, live view — skipped: tmux is not installed");

  const sections = path.join(here, "bench");
  let files: string[] = [];
  try {
    files = readdirSync(sections).filter((f) => f.endsWith(".js")).sort();
  } catch {
    // no sections yet
  }
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(sections, f)).href)) as { bench?: (report: (row: BenchRow) => void) => Promise<void> };
    if (typeof mod.bench !== "function") continue;
    console.log(`\n${f.replace(/\.js$/, "")}`);
    try {
      await mod.bench((row) => print([row]));
    } catch (err) {
      console.log(`  failed: ${(err as Error).message}`);
    }
  }
}

main()
  .catch((err: unknown) => {
    console.error(`bench failed: ${(err as Error).message}`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(home, { recursive: true, force: true }));

