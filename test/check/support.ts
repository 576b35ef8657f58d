import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { it } from "node:test";
import { loadChecker } from "../../src/check/checkers.js";
import { commandForFile } from "../../src/check/command.js";
import { runVerify } from "../../src/check/harness.js";
import { freeTcpPort } from "../../src/check/ports.js";
import type { VerifyReport } from "../../src/check/types.js";
import { repoRoot } from "../support/cli.js";

export const fixturesDir = path.join(repoRoot, "test", "fixtures", "exercises");
export const exercisesDir = path.join(repoRoot, "lessons", "exercises");

const scratchDirs: string[] = [];
// Each test file runs in its own process: its folders go when it exits, pass or fail.
// (A node:test after() hook would attach to whichever test happened to call first.)
process.on("exit", () => {
  for (const d of scratchDirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A temp folder removed when the test file's process ends. */
export function scratch(prefix = "st-check-"): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  scratchDirs.push(dir);
  return dir;
}

/** A copy of a program in its own temp folder: its path is unique, so `ps` finds only this case's processes. */
export function copyToTemp(file: string): { file: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "st-check-"));
  const target = path.join(dir, path.basename(file));
  copyFileSync(file, target);
  return { file: target, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function verifyProgram(id: string, file: string, opts: { env?: NodeJS.ProcessEnv; readiness?: "kernel" | "probe"; timeScale?: number } = {}): Promise<VerifyReport> {
  const checker = await loadChecker(id);
  assert.ok(checker, `no checker for ${id}`);
  const copy = copyToTemp(file);
  try {
    const report = await runVerify(checker, {
      command: commandForFile(copy.file),
      baseEnv: { ...process.env, ...opts.env },
      ...(opts.readiness ? { readiness: opts.readiness } : {}),
      ...(opts.timeScale ? { timeScale: opts.timeScale } : {}),
    });
    assertNothingLeft(report, copy.dir);
    return report;
  } finally {
    copy.cleanup();
  }
}

/** Lines of `ps` whose command line mentions `needle`. */
export function processesMentioning(needle: string): string[] {
  const out = execFileSync("ps", ["-eo", "pid,pgid,args"], { encoding: "utf8" });
  return out.split("\n").filter((l) => l.includes(needle) && !l.includes("ps -eo") && !l.includes("<defunct>"));
}

/**
 * Listening TCP and bound UDP sockets on host:port, as `ss -ltnu` lists them. The exact
 * address matters: a test running beside this one may hold the same port on ::1.
 */
export function boundOnPort(host: string, port: number): string[] {
  const out = execFileSync("ss", ["-ltnuH"], { encoding: "utf8" });
  const local = host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
  return out.split("\n").filter((l) => l.split(/\s+/).includes(local));
}

export function assertNothingLeft(report: VerifyReport, dir: string): void {
  for (const pid of report.pids) {
    // A zombie (state Z) has exited and holds nothing; it waits only for init to reap it.
    const members = execFileSync("ps", ["-eo", "pgid=,pid=,stat=,args="], { encoding: "utf8" })
      .split("\n")
      .filter((l) => l.trim().split(/\s+/)[0] === String(pid) && !l.trim().split(/\s+/)[2]!.startsWith("Z"));
    assert.deepEqual(members, [], `processes of group ${pid} still running`);
  }
  assert.deepEqual(processesMentioning(dir), [], "a learner process is still running");
  const t = report.target;
  if (t && t.kind !== "unix") assert.deepEqual(boundOnPort(t.host, t.port), [], `port ${t.port} is still bound`);
  if (t && t.kind === "unix") assert.equal(existsSync(path.dirname(t.path)), false, "the private socket folder is still there");
}

export interface WrongProgram {
  /** Relative to test/fixtures/exercises */
  file: string;
  /** The first failed check's name. */
  check: RegExp;
  /** Each must match that check's detail. */
  detail: RegExp[];
  /** The hint's lesson. */
  hint?: RegExp;
  /** Needs FIXTURE_PORT (a "hard-coded" port unique to this case). */
  fixturePort?: boolean;
}

export function firstFailure(report: VerifyReport) {
  const f = report.checks.find((c) => !c.passed);
  assert.ok(f, `expected a failed check; got ${JSON.stringify(report.checks, null, 2)}`);
  return f;
}

/** The tests every exercise gets: both reference solutions pass; each wrong program fails with its diagnosis. */
export function exerciseCases(id: string, wrong: WrongProgram[]): void {
  for (const ext of ["py", "mjs"]) {
    it(`the reference solution.${ext} passes, and nothing is left running`, async () => {
      const report = await verifyProgram(id, path.join(exercisesDir, id, `solution.${ext}`));
      assert.equal(report.passed, true, JSON.stringify(report.checks, null, 2));
      assert.ok(report.checks.length >= 4);
      assert.deepEqual(report.notes, [], "a reference solution gets no notes");
    });
  }
  // The slow ones (a hang waits the full 5 s) start first, so they overlap the rest.
  const slowFirst = [...wrong].sort((a, b) => Number(b.file.includes("hang")) - Number(a.file.includes("hang")));
  for (const w of slowFirst) {
    it(`${w.file} fails: ${w.check.source}`, async () => {
      const env: NodeJS.ProcessEnv = {};
      if (w.fixturePort) env.FIXTURE_PORT = String(await freeTcpPort("127.0.0.1"));
      // A program that never listens waits out the full 5 s whatever the load: no need to stretch it.
      const report = await verifyProgram(id, path.join(fixturesDir, w.file), { env, ...(w.file.includes("hang") ? { timeScale: 1 } : {}) });
      const all = JSON.stringify(report.checks, null, 2);
      assert.equal(report.passed, false);
      const f = firstFailure(report);
      assert.match(f.name, w.check, all);
      for (const d of w.detail) assert.match(f.detail, d, all);
      if (w.hint) assert.match(f.hint ?? "", w.hint, all);
    });
  }
}

/** The three failures every server exercise must diagnose. */
export function commonServerCases(kind: "tcp" | "udp"): WrongProgram[] {
  return [
    {
      file: "common/crash-at-start.py",
      check: /^starts and/,
      detail: [/exited with code 1 after .* before it was (listening|bound) on/, /KeyError: 'PORTT'/],
    },
    {
      file: "common/hang.py",
      check: /^starts and/,
      detail: [/Nothing was (listening|bound) on .* after \d+(\.\d)? s; your program is still running/, /no socket open at all/, /mostly idle/],
    },
    {
      file: `common/hardcoded-port-${kind}.py`,
      fixturePort: true,
      check: /^starts and/,
      detail: [/Your program is (listening|bound) on 127\.0\.0\.1:\d+, but the checker asked for PORT=\d+/, /reading PORT from the environment/],
    },
  ];
}

/**
 * A C reference solution, built as the task says (cc -std=c11 -Wall -Wextra -O2) into a
 * scratch folder; the build must be free of warnings. verify then runs the executable.
 */
export async function compileC(source: string): Promise<string> {
  const out = path.join(scratch("st-cc-"), path.basename(source, ".c"));
  // Not spawnSync: the checks of other cases run meanwhile in this process, and a blocked
  // event loop would delay what their checkers read (udp-retry measures the waits).
  const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn("cc", ["-std=c11", "-Wall", "-Wextra", "-O2", "-o", out, source], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("close", (code) => resolve({ code, stderr }));
    child.on("error", (e) => resolve({ code: -1, stderr: e.message }));
  });
  assert.equal(r.code, 0, `cc failed:\n${r.stderr}`);
  assert.equal(r.stderr, "", `cc warned:\n${r.stderr}`);
  return out;
}

/** The C reference solution of an exercise passes, built with cc. */
export function cSolutionCase(id: string): void {
  it("the reference solution.c, built with cc, passes, and nothing is left running", async () => {
    const report = await verifyProgram(id, await compileC(path.join(exercisesDir, id, "solution.c")));
    assert.equal(report.passed, true, JSON.stringify(report.checks, null, 2));
    assert.deepEqual(report.notes, [], "a reference solution gets no notes");
  });
}
