import assert from "node:assert/strict";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { after, describe, it } from "node:test";
import { cliPath, repoRoot, tempHome } from "../support/cli.js";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findPython } from "../../src/demo/runtime.js";
import { sweepStaleTempDirs } from "../../src/demo/session.js";
import { OWNER_FILE, parseOwnerRecord } from "../../src/sandbox/temp-dirs.js";
import { assertNothingLeft } from "../support/demo.js";

// One home and a resolved interpreter for all tutors of this file: no python3 shim lookup per start
// (under a loaded test machine that alone can take seconds).
const home = tempHome();
const python = await findPython();

/**
 * A tutor (`socket-tutor demo --plain --step`) driven through its stdin like a
 * learner pressing Enter, then killed mid-demo: every demo process must go with it.
 */
class Tutor {
  readonly child: ChildProcessWithoutNullStreams;
  out = "";
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(args: string[]) {
    this.child = spawn(process.execPath, [cliPath, "demo", ...args, "--plain", "--step", "--port", "0"], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: "1", SOCKET_TUTOR_HOME: home, ...(python ? { SOCKET_TUTOR_PYTHON: python.executable } : {}) },
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child.stdout.setEncoding("utf8").on("data", (d: string) => (this.out += d));
    this.child.stderr.setEncoding("utf8").on("data", (d: string) => (this.out += d));
    this.exited = new Promise((resolve) => this.child.on("exit", (code, signal) => resolve({ code, signal })));
  }

  /** Waits until the output matches (counting from the start), or fails with what was printed. */
  async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const m = this.out.match(pattern);
      if (m) return m;
      if (Date.now() > end) throw new Error(`no ${pattern} within ${timeoutMs} ms from tutor pid ${this.child.pid} in:\n${this.out}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Presses Enter once `pattern` has been printed. */
  async stepAt(pattern: RegExp): Promise<void> {
    await this.waitFor(pattern);
    this.child.stdin.write("\n");
  }

  pids(): number[] {
    return [...this.out.matchAll(/started: \S+ \S+ \(pid (\d+)/g)].map((m) => Number(m[1]));
  }

  port(): number {
    const m = this.out.match(/, port (\d+),/);
    if (!m) throw new Error(`no port in:\n${this.out}`);
    return Number(m[1]);
  }

  kill(signal: NodeJS.Signals) {
    this.child.kill(signal);
    return this.exited;
  }

  /** For a failed test: the tutor must not outlive it (its demo processes then follow). */
  cleanup(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
  }
}

const tutors = new Set<Tutor>();
process.on("exit", () => {
  for (const t of tutors) t.cleanup();
});

/** The demo temp dirs whose owner file names this tutor pid. */
function ownedTempDirs(pid: number): string[] {
  return readdirSync(os.tmpdir())
    .filter((n) => n.startsWith("socket-tutor-demo-"))
    .map((n) => path.join(os.tmpdir(), n))
    .filter((d) => {
      try {
        return parseOwnerRecord(readFileSync(path.join(d, OWNER_FILE), "utf8"))?.pid === pid;
      } catch {
        return false;
      }
    });
}

async function pythonMidDemo(): Promise<Tutor> {
  const t = new Tutor(["tcp-step-by-step", "--runtime", "python"]);
  tutors.add(t);
  try {
    for (const call of ["socket", "bind", "listen", "accept"]) await t.stepAt(new RegExp(`server\\s+paused before ${call}\\(`));
    // The server is now blocked inside accept() (not reading its control pipe),
    // and the client is paused before its first call, blocked on the control pipe.
    await t.waitFor(/server\s+accept\(fd 3\) … waiting/);
    await t.waitFor(/client\s+paused before socket\(/);
    assert.equal(t.pids().length, 2, t.out);
    return t;
  } catch (err) {
    t.cleanup();
    throw err;
  }
}

describe("demo processes die with the tutor", { concurrency: true }, () => {
  for (const [signal, code] of [
    ["SIGTERM", 143],
    ["SIGHUP", 129],
    ["SIGINT", 130],
  ] as const) {
    it(`${signal} to 'demo --plain' kills the demo's processes (python, one blocked in accept)`, async () => {
      const t = await pythonMidDemo();
      const pids = t.pids();
      const port = t.port();
      const exit = await t.kill(signal);
      assert.equal(exit.code, code, `tutor exit for ${signal}: ${JSON.stringify(exit)}\n${t.out}`);
      await assertNothingLeft({ pids, port }, 2000);
    });
  }

  it("kill -9 of the tutor: the traced processes notice their control pipe closing and exit (python)", async () => {
    const t = await pythonMidDemo();
    const pids = t.pids();
    const port = t.port();
    const exit = await t.kill("SIGKILL");
    assert.equal(exit.signal, "SIGKILL");
    // They exit by themselves: nobody else signals them. (Not timed with a stopwatch:
    // the ps and ss runs that check it take seconds of their own on a busy machine.)
    await assertNothingLeft({ pids, port }, 2000);
    // Its private temp dir could not be removed by a tutor killed with -9: the next demo's
    // sweep removes it (any demo started meanwhile, by another test file, may already have).
    sweepStaleTempDirs();
    assert.deepEqual(ownedTempDirs(t.child.pid!), []);
  });

  it("kill -9 of the tutor: a Node server idle in its event loop and a paused Node client exit too", async () => {
    const t = new Tutor(["tcp-step-by-step", "--runtime", "node"]);
    tutors.add(t);
    try {
      await t.stepAt(/server\s+paused before listen\(/);
      await t.waitFor(/server\s+listen\(.*\) → ok/);
      await t.waitFor(/client\s+paused before connect\(/);
    } catch (err) {
      t.cleanup();
      throw err;
    }
    const pids = t.pids();
    assert.equal(pids.length, 2, t.out);
    const port = t.port();
    const exit = await t.kill("SIGKILL");
    assert.equal(exit.signal, "SIGKILL");
    await assertNothingLeft({ pids, port }, 2000);
  });
});

// The tutors killed with -9 above could not remove their temp dirs; the next demo's sweep does.
// Swept once all tests are done: sweeping earlier would race the python test's own check.
after(() => sweepStaleTempDirs());
