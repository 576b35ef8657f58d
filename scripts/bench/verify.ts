import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { SPLIT_PAUSE_MS } from "../../src/check/exercises/chat-bye.js";
import { loadExercises } from "../../src/exercises/catalog.js";
import { which } from "../../src/util/which.js";
import { type BenchRow, median } from "../bench-common.js";


/**
 * How long `socket-tutor verify <exercise> <reference solution> --json` takes, end to
 * end as a learner runs it (CLI start, program start, readiness, every check, clean-up),
 * for each exercise in Python and JavaScript, beside a bare interpreter start-up
 * (`python3 -c pass`, `node -e 0`) measured interleaved in the same run.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.resolve(here, "..", "..", "src", "cli.js");
const RUNS = Math.max(3, Math.min(Number(process.env.BENCH_RUNS ?? 7), 15));
/** Whole section, so a slow machine still finishes. */
const BUDGET_MS = 120_000;


function timed(file: string, args: string[], env: NodeJS.ProcessEnv, expectCode = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(file, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (code !== expectCode) reject(new Error(`${path.basename(file)} ${args.join(" ")} exited ${code}: ${err.trim()}`));
      else resolve(performance.now() - t0);
    });
  });
}

export async function bench(report: (row: BenchRow) => void): Promise<void> {
  const start = performance.now();
  const home = mkdtempSync(path.join(os.tmpdir(), "st-bench-verify-"));
  const env = { ...process.env, SOCKET_TUTOR_HOME: home, NO_COLOR: "1" };
  const python = which("python3");
  try {
    for (const ex of loadExercises().exercises) {
      for (const lang of ["py", "mjs"] as const) {
        if (lang === "py" && !python) {
          report({ name: `verify ${ex.id} (py)`, medianMs: NaN, note: "skipped: python3 not found" });
          continue;
        }
        const file = path.join(ex.dir, `solution.${lang}`);
        const baseline = lang === "py" ? { name: "python3 -c pass", file: python!, args: ["-c", "pass"] } : { name: "node -e 0", file: process.execPath, args: ["-e", "0"] };
        const a: number[] = [];
        const b: number[] = [];
        try {
          await timed(process.execPath, [cli, "verify", ex.id, file, "--json"], env); // warm the file cache
          for (let i = 0; i < RUNS && performance.now() - start < BUDGET_MS; i++) {
            b.push(await timed(baseline.file, baseline.args, env));
            a.push(await timed(process.execPath, [cli, "verify", ex.id, file, "--json"], env));
          }
        } catch (err) {
          report({ name: `verify ${ex.id} (${lang})`, medianMs: NaN, note: `failed: ${(err as Error).message}` });
          continue;
        }
        const byDesign = ex.id === "chat-bye" ? SPLIT_PAUSE_MS : 0;
        report({
          name: `verify ${ex.id} (${lang})`,
          medianMs: median(a),
          baselineName: baseline.name,
          baselineMs: median(b),
          note: `${a.length} runs${byDesign ? `; includes ${byDesign} ms of pauses by design (a line split in two)` : ""}`,
        });
      }
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
