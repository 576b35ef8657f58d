/**
 * Stepping a demo at a reader's pace (test/pace/*.test.ts): an Enter (or an arrow key
 * in the live view) every PACE_MS, as a learner who reads each call before the next.
 */
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { LoadedDemo } from "../../src/demo/launcher.js";
import type { DemoRuntime } from "../../src/demo/spec.js";
import { timingUses } from "../../src/demo/timing-lint.js";
import { cliPath, repoRoot, tempHome } from "../support/cli.js";

/** A reader's pace: the issue's 0.7 s a key. */
export const PACE_MS = 700;
/**
 * The pace for a demo with no timing at all (no clock, sleep, timeout or timer in its
 * programs, no delay in its demo.json): nothing in it can depend on how long a step
 * takes, so any pace gives the same run. (`timingOf` shows the test why.)
 */
export const QUICK_PACE_MS = 150;

/** Every clock or wait a demo uses in this runtime, and its delays: empty means its runs cannot depend on the pace. */
export function timingOf(demo: LoadedDemo, runtime: DemoRuntime): string[] {
  const out: string[] = [];
  for (const p of demo.spec.processes) {
    const file = path.resolve(demo.dir, p[runtime]);
    for (const u of timingUses(readFileSync(file, "utf8"), runtime)) out.push(`${path.basename(file)}:${u.line} ${u.api}`);
    if (p.delayMs) out.push(`demo.json ${p.name} delayMs`);
    for (const line of p.input ?? []) if (line.delayMs) out.push(`demo.json ${p.name} input delayMs`);
  }
  return out;
}

let warmCache: string | undefined;

/**
 * A fresh tutor home (SOCKET_TUTOR_HOME) that already knows where python3 is, as a
 * learner's does after the first run: the tutor's cache of the interpreter lookup
 * (cache/python.json), written once by the tutor's own findPython from the repo root.
 * Without it each of the suite's runs starts python3 to ask its version, all at
 * once, and on a loaded 2-core machine that lookup (5 s at most) failed: the run said
 * python3 was not found. The pace tests are about the stepping, not that lookup.
 */
export function warmHome(): string {
  const home = tempHome();
  if (warmCache === undefined) {
    const first = tempHome();
    const runtime = path.join(repoRoot, "dist", "src", "demo", "runtime.js");
    execFileSync(process.execPath, ["--input-type=module", "-e", `await (await import(${JSON.stringify(runtime)})).findPython()`], { cwd: repoRoot, env: { ...process.env, SOCKET_TUTOR_HOME: first }, stdio: "ignore", timeout: 60_000 });
    warmCache = path.join(first, "cache", "python.json");
  }
  if (existsSync(warmCache)) {
    mkdirSync(path.join(home, "cache"), { recursive: true });
    copyFileSync(warmCache, path.join(home, "cache", "python.json"));
  }
  return home;
}

/** The lines of output a run must show for the lesson's outcome (demo.json outcome, this runtime). */
export function expectedOutput(demo: LoadedDemo, runtime: DemoRuntime, typed: boolean): { present: string[]; absent: string[] } {
  const mine = (demo.spec.outcome?.expect ?? []).filter((e) => (e.runtime === undefined || e.runtime === runtime) && (typed || !e.scripted));
  return { present: mine.flatMap((e) => (e.output ? [e.output] : [])), absent: mine.flatMap((e) => (e.notOutput ? [e.notOutput] : [])) };
}

export interface PacedRun {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  keys: number;
}

/**
 * Where a demo's timing ends: after the output line that matches `after`, nothing the
 * demo does depends on time any more (`timing` lists every clock, wait and delay it has,
 * and each is used before that line), so the rest may be stepped at QUICK_PACE_MS.
 * Only for a demo with very many steps: Node's partial-send reads 10 MB in some 200
 * 'data' events, each a paused call.
 */
export const TIMING_ENDS: Record<string, { after: RegExp; timing: string[]; why: string }> = {
  "partial-send/node": {
    after: /^server {2}recv\(/m,
    timing: ["server.mjs:11 setTimeout", "demo.json client delayMs"],
    why: "the server's only timer resumes its reading: once it has read, no timer is left in either program",
  },
};

/** How a paced run goes beyond its pace. */
export interface PaceOptions {
  /** Extra environment for the tutor. */
  env?: NodeJS.ProcessEnv;
  /** Once the output matches this, keys come at QUICK_PACE_MS (see TIMING_ENDS). */
  quickAfter?: RegExp;
  /**
   * After this many keys, keys come at QUICK_PACE_MS: a demo of hundreds of steps (lesson 13
   * moves 8 MiB in 64 KiB pieces, each a paused call) is not read step by step to its end;
   * a learner presses r. Its waits have all met the stopped clock many times by then.
   */
  quickAfterKeys?: number;
  /** A learner who stops to read: once the output matches `at`, no key for `ms`, then the pace again. */
  hold?: { at: RegExp; ms: number };
  /** Runs the tutor through another command (a namespace the test made). */
  wrap?: (cmd: string, args: string[]) => { cmd: string; args: string[] };
}

/** `demo <id> --plain --step`, an Enter every `paceMs` until it ends (or `deadlineMs`: then it is stopped). */
export function runPlainPaced(id: string, runtime: DemoRuntime, paceMs: number, deadlineMs: number, opts: PaceOptions = {}): Promise<PacedRun> {
  return new Promise((resolve) => {
    const started = Date.now();
    const home = warmHome();
    const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", SOCKET_TUTOR_HOME: home, ...opts.env };
    delete childEnv.FORCE_COLOR;
    const argv = [cliPath, "demo", id, "--plain", "--step", "--runtime", runtime, "--port", "0"];
    const { cmd, args } = opts.wrap ? opts.wrap(process.execPath, argv) : { cmd: process.execPath, args: argv };
    const child = spawn(cmd, args, { cwd: repoRoot, env: childEnv, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let keys = 0;
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.stdin.on("error", () => undefined);
    const maxKeys = Math.ceil(deadlineMs / Math.min(paceMs, QUICK_PACE_MS));
    let pace = paceMs;
    let last = 0;
    let held = false;
    // Every 50 ms: is the next key due? (The pace may change once the demo's timing has ended.)
    const pacer = setInterval(() => {
      if (opts.quickAfter && pace !== QUICK_PACE_MS && opts.quickAfter.test(stdout)) pace = QUICK_PACE_MS;
      if (opts.quickAfterKeys !== undefined && keys >= opts.quickAfterKeys) pace = Math.min(pace, QUICK_PACE_MS);
      if (opts.hold && !held && opts.hold.at.test(stdout)) {
        held = true;
        last = Date.now() + opts.hold.ms - pace;
      }
      if (Date.now() - last < pace || keys >= maxKeys) return;
      last = Date.now();
      keys++;
      child.stdin.write("\n");
    }, 50);
    // Past the deadline: stopped as a learner would (Ctrl-C), then killed.
    const stop = setTimeout(() => {
      child.kill("SIGINT");
      setTimeout(() => child.kill("SIGKILL"), 3000).unref();
    }, deadlineMs);
    child.on("close", (code) => {
      clearInterval(pacer);
      clearTimeout(stop);
      rmSync(home, { recursive: true, force: true });
      resolve({ code, stdout, stderr, seconds: (Date.now() - started) / 1000, keys });
    });
  });
}
