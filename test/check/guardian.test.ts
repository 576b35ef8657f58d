import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { LearnerProgram } from "../../src/check/program.js";
import { cliPath } from "../support/cli.js";
import { boundOnPort, fixturesDir, scratch } from "./support.js";

/**
 * `kill -9` of the tutor cannot be caught: no clean-up of its own runs. The learner's
 * program must die anyway (a guardian process kills its group when the tutor's pipe
 * closes), its port must be free, and a private socket folder is swept by the next run.
 */

function state(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  } catch {
    return undefined;
  }
}
const alive = (pid: number): boolean => state(pid) !== undefined && state(pid) !== "Z";

function pgidOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
}

/** Processes whose command line holds `needle` (by /proc, so ps's own line never counts). */
function guardiansOf(pgid: number): number[] {
  const out = execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" });
  return out
    .split("\n")
    .filter((l) => l.includes("socket-tutor-guardian") && l.trim().endsWith(` ${pgid}`))
    .map((l) => Number(l.trim().split(/\s+/)[0]))
    .filter(alive);
}

async function waitFor(what: string, test: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Starts `verify` on the silent server, waits until it is mid-check, and kills it with SIGKILL. */
async function killMidCheck(exercise: string, extra: string[] = []): Promise<{ pids: number[]; where: string; home: string; tmp: string }> {
  const dir = scratch("st-kill9-");
  // A temp folder of this test's own: a checker run elsewhere in the suite would sweep the
  // dead tutor's socket folder from the shared one before this test looks.
  const tmp = scratch("st-kill9-tmp-");
  copyFileSync(path.join(fixturesDir, "common/silent-server.py"), path.join(dir, "silent.py"));
  const pidfile = path.join(dir, "pids");
  const home = scratch("st-home-");
  const child = spawn(process.execPath, [cliPath, "verify", exercise, "silent.py", ...extra], {
    cwd: dir,
    env: { ...process.env, SOCKET_TUTOR_HOME: home, PIDFILE: pidfile, NO_COLOR: "1", TMPDIR: tmp },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  await waitFor("the first check to pass", () => /✓ starts and listens/.test(out), 15_000);
  await waitFor("the pid file", () => existsSync(pidfile), 5000);
  const [pid, grandchild, where] = readFileSync(pidfile, "utf8").trim().split(" ");
  const pids = [Number(pid), Number(grandchild)];
  assert.ok(pids.every(alive), "the program and its child run while the check waits");
  child.kill("SIGKILL");
  await exited;
  return { pids, where: where!, home, tmp };
}

describe("kill -9 of the tutor", { concurrency: 3 }, () => {
  for (const watch of [false, true]) {
    it(`${watch ? "verify --watch" : "verify"}: the program and its child are gone and the port is free within 2 s`, async () => {
      const { pids, where } = await killMidCheck("tcp-echo", watch ? ["--watch"] : []);
      const host = where.slice(0, where.lastIndexOf(":"));
      const port = Number(where.slice(where.lastIndexOf(":") + 1));
      await waitFor("the program and its child to die", () => !pids.some(alive), 2000);
      await waitFor(`port ${port} to be free`, () => boundOnPort(host, port).length === 0, 1000);
      assert.deepEqual(guardiansOf(pids[0]!), [], "the guardian has exited too");
    });
  }

  it("unix-echo: the program is gone, and the next verify removes the socket folder it left", async () => {
    const { pids, where, home, tmp } = await killMidCheck("unix-echo");
    await waitFor("the program and its child to die", () => !pids.some(alive), 2000);
    const folder = path.dirname(where);
    assert.equal(existsSync(folder), true, "the killed tutor could not remove its folder itself");
    const dir = scratch("st-kill9-");
    copyFileSync(path.join(fixturesDir, "common/crash-at-start.py"), path.join(dir, "crash.py"));
    const next = spawn(process.execPath, [cliPath, "verify", "tcp-echo", "crash.py"], { cwd: dir, env: { ...process.env, SOCKET_TUTOR_HOME: home, TMPDIR: tmp }, stdio: "ignore" });
    await new Promise((resolve) => next.on("exit", resolve));
    assert.equal(existsSync(folder), false, "the next run swept the folder of the tutor that died");
  });
});

describe("the guardian", () => {
  it("lives outside the program's group, outlives a kill of that group, and exits when the run ends", async () => {
    const dir = scratch("st-guard-");
    const p = new LearnerProgram({ file: "/bin/sh", args: ["-c", "sleep 60 & wait"], cwd: dir, display: "sh" }, process.env);
    try {
      await waitFor("the guardian", () => guardiansOf(p.pid).length === 1, 2000);
      const [guardian] = guardiansOf(p.pid);
      assert.notEqual(pgidOf(guardian!), p.pid, "not in the program's process group");
      assert.notEqual(pgidOf(guardian!), pgidOf(process.pid), "nor in the tutor's (Ctrl-C reaches only the tutor)");
      // What a learner's program may do to its own group.
      process.kill(-p.pid, "SIGKILL");
      await p.waitExit(2000);
      assert.ok(alive(guardian!), "the group kill did not reach the guardian");
      await p.stop();
      await waitFor("the guardian to exit", () => !alive(guardian!), 2000);
    } finally {
      await p.stop();
    }
  });
});
