/**
 * A learner's program whose grandchild leaves its group and session (double fork + setsid)
 * must not outlive verify: the run's private PID namespace ends it with the run, and on the
 * fallback (SOCKET_TUTOR_SANDBOX=off, no user namespaces) the subreaper does.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { sandboxSupport } from "../../src/sandbox/namespace.js";
import { subreaperWrap } from "../../src/sandbox/reaper.js";
import { cliPath } from "../support/cli.js";
import { boundOnPort, fixturesDir, scratch, verifyProgram } from "./support.js";
import { running, until } from "../support/process.js";

const support = await sandboxSupport();


// On the fallback (no private PID namespace) the subreaper ends it instead (sandbox/reaper.ts): Linux with python3.
const reaper = support.available || (await subreaperWrap()) !== undefined;

describe("a program that escapes its process group", { skip: reaper ? false : `the fallback has no subreaper here (${support.reason}), so it cannot end a program that left its group; README says so` }, () => {
  it("its setsid grandchild is gone when verify ends, and so is the socket it held", async () => {
    const escapee = path.join(scratch("st-escapee-"), "pid");
    const report = await verifyProgram("tcp-echo", path.join(fixturesDir, "tcp-echo", "escapes-setsid.py"), { env: { ESCAPEE: escapee } });
    assert.equal(report.passed, true, JSON.stringify(report.checks.filter((r) => !r.passed)));
    assert.ok(existsSync(escapee), "the grandchild ran");
    const [pid] = readFileSync(escapee, "utf8").split(" ").map(Number);
    try {
      await until("the grandchild to be gone", () => !running(pid!), 2000);
    } finally {
      if (running(pid!)) process.kill(pid!, "SIGKILL");
    }
  });

  it("kill -9 of the tutor mid-check: the setsid grandchild is gone within 2 s, and its port is free", async () => {
    const dir = scratch("st-escapee-kill9-");
    copyFileSync(path.join(fixturesDir, "tcp-echo", "escapes-then-silent.py"), path.join(dir, "silent.py"));
    const escapee = path.join(dir, "pid");
    const tutor = spawn(process.execPath, [cliPath, "verify", "tcp-echo", "silent.py"], {
      cwd: dir,
      env: { ...process.env, SOCKET_TUTOR_HOME: scratch("st-home-"), ESCAPEE: escapee, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    tutor.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<void>((resolve) => tutor.on("exit", () => resolve()));
    let pid: number | undefined;
    try {
      await until("the first check to pass", () => /✓ starts and listens/.test(out), 15_000);
      await until("the grandchild's pid file", () => existsSync(escapee), 5000);
      const [grandchild, port] = readFileSync(escapee, "utf8").split(" ").map(Number);
      pid = grandchild;
      assert.ok(running(pid!), "the grandchild runs while the check waits");
      tutor.kill("SIGKILL");
      await exited;
      await until("the grandchild to be gone", () => !running(pid!), 2000);
      // In a private network its port was never on this machine's loopback; on the fallback it was.
      await until(`port ${port} to be free`, () => boundOnPort("127.0.0.1", port!).length === 0, 1000);
    } finally {
      tutor.kill("SIGKILL");
      if (pid !== undefined && running(pid)) process.kill(pid, "SIGKILL");
    }
  });
});

describe("a program under verify reaches only its run's loopback", { skip: support.available ? false : `no private network here (${support.reason})` }, () => {
  it("a connection to an address outside fails at once with ENETUNREACH, and the checks still pass", async () => {
    const result = path.join(scratch("st-reach-"), "result");
    const report = await verifyProgram("tcp-echo", path.join(fixturesDir, "tcp-echo", "reaches-out.py"), { env: { RESULT: result } });
    assert.equal(readFileSync(result, "utf8"), "ENETUNREACH");
    assert.equal(report.passed, true, JSON.stringify(report.checks.filter((r) => !r.passed)));
  });
});
