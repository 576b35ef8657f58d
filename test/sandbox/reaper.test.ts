/**
 * The fallback's subreaper (sandbox/reaper.ts) around any program, not only Python: what
 * leaves the program's group ends with the run, and the program sees no difference
 * (its exit status, its environment, its signal dispositions, the error when it is missing).
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import type { Readable } from "node:stream";
import { LearnerProgram } from "../../src/check/program.js";
import { readReaperStatus, subreaperWrap } from "../../src/sandbox/reaper.js";
import { running, until } from "../support/process.js";

const wrap = await subreaperWrap();
const dir = mkdtempSync(path.join(os.tmpdir(), "st-reaper-"));
after(() => rmSync(dir, { recursive: true, force: true }));


function sh(script: string, env: NodeJS.ProcessEnv = process.env): LearnerProgram {
  return new LearnerProgram({ file: "/bin/sh", args: ["-c", script], cwd: dir, display: "sh" }, env, undefined, undefined, undefined, wrap);
}

describe("the fallback's subreaper", { skip: wrap ? false : "no subreaper here (not Linux, or no python3)" }, () => {
  it("names the program's pid on its status pipe, then its exit: the tutor never guesses the program from /proc", async () => {
    // The program writes its own pid ($$) to its stdout; the subreaper's pid line must be the same.
    const line = wrap!("/bin/sh", ["-c", "echo $$; exit 7"], { cwd: dir, statusFd: 3 });
    assert.equal(line.reaped, true);
    const child = spawn(line.cmd, line.args, { cwd: dir, stdio: ["ignore", "pipe", "ignore", "pipe"] });
    let out = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    const said: string[] = [];
    await new Promise<void>((resolve) => {
      readReaperStatus(child.stdio[3] as Readable, {
        forked: (pid) => said.push(`pid ${pid}`),
        ended: (code, signal) => {
          said.push(`ended ${code} ${signal}`);
          resolve();
        },
        closed: () => resolve(),
      });
    });
    await new Promise((r) => child.once("close", r));
    assert.deepEqual(said, [`pid ${out.trim()}`, "ended 7 null"]);
  });

  it("ends a shell program's setsid grandchild when the run is stopped", async () => {
    const file = path.join(dir, "escaped");
    // setsid: a new session and group, out of reach of the group kill; & and exit: its parent is gone.
    const p = sh(`setsid sh -c 'echo $$ > ${file}.tmp; mv ${file}.tmp ${file}; exec sleep 60' & sleep 60`);
    let pid: number | undefined;
    try {
      await until("the grandchild", () => existsSync(file), 3000);
      pid = Number(readFileSync(file, "utf8"));
      assert.ok(running(pid), "it runs");
      await p.stop();
      await until("the grandchild to be gone", () => !running(pid!), 1000);
    } finally {
      await p.stop();
      if (pid && running(pid)) process.kill(pid, "SIGKILL");
    }
  });

  it("reports the program's exit code at once, keeps what it left running until the run ends, then ends that", async () => {
    const file = path.join(dir, "orphan");
    const p = sh(`setsid sh -c 'echo $$ > ${file}.tmp; mv ${file}.tmp ${file}; exec sleep 60' & while [ ! -e ${file} ]; do sleep 0.01; done; exit 3`);
    let pid: number | undefined;
    try {
      const exit = await p.waitExit(5000);
      assert.equal(exit?.code, 3);
      assert.equal(exit?.signal, null);
      pid = Number(readFileSync(file, "utf8"));
      // As in a run's private PID namespace: the program's exit does not end the run.
      assert.ok(running(pid), "what the program left still runs");
      await p.stop();
      await until("the orphan to be gone", () => !running(pid!), 1000);
    } finally {
      await p.stop();
      if (pid && running(pid)) process.kill(pid, "SIGKILL");
    }
  });

  it("passes a death by signal on as that signal", async () => {
    const p = sh("kill -TERM $$");
    try {
      const exit = await p.waitExit(5000);
      assert.equal(exit?.signal, "SIGTERM");
    } finally {
      await p.stop();
    }
  });

  it("gives the program its environment as it was (no LC_CTYPE from Python's locale coercion) and SIGPIPE not ignored", async () => {
    const p = sh('echo "LC_CTYPE=${LC_CTYPE-unset}"; grep SigIgn /proc/self/status', { PATH: process.env.PATH, LANG: "C" });
    try {
      await p.waitExit(5000);
      const out = p.stdout().toString();
      assert.match(out, /^LC_CTYPE=unset$/m);
      // sh ignores nothing by itself: a signal ignored here was inherited (Python ignores SIGPIPE).
      assert.match(out, /^SigIgn:\s*0+$/m);
    } finally {
      await p.stop();
    }
  });

  it("leaves nothing that keeps the tutor's process alive once the run is stopped", () => {
    // A tutor that stops a run under the subreaper and returns: its process must end then,
    // not when some timer of the stop runs out.
    const program = new URL("../../src/check/program.js", import.meta.url).href;
    const reaper = new URL("../../src/sandbox/reaper.js", import.meta.url).href;
    const script = `
      const { LearnerProgram } = await import(${JSON.stringify(program)});
      const { subreaperWrap } = await import(${JSON.stringify(reaper)});
      const p = new LearnerProgram({ file: "/bin/sleep", args: ["30"], cwd: "/tmp", display: "sleep" }, process.env, undefined, undefined, undefined, await subreaperWrap());
      await new Promise((r) => setTimeout(r, 300));
      await p.stop();
      globalThis.stoppedAt = performance.now();
      process.on("exit", () => process.stdout.write(String(Math.round(performance.now() - globalThis.stoppedAt))));
    `;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 10_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(Number(r.stdout) < 500, `the process ended ${r.stdout} ms after stop()`);
  });

  it("leaves a program it cannot find unwrapped, so it fails the usual way", () => {
    const line = wrap!("no-such-program-st", ["x"], { cwd: dir, statusFd: 3 });
    assert.deepEqual(line, { cmd: "no-such-program-st", args: ["x"] });
    const found = wrap!("/bin/sh", ["-c", "true"], { cwd: dir, statusFd: 3 });
    assert.equal(found.reaped, true);
  });
});
