/**
 * A learner's program whose grandchild leaves its group and session (double fork + setsid)
 * must not outlive verify: the run's private PID namespace ends it with the run.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { sandboxSupport } from "../../src/sandbox/namespace.js";
import { fixturesDir, scratch, verifyProgram } from "./support.js";

const support = await sandboxSupport();

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

async function until(what: string, check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("a program that escapes its process group", { skip: support.available ? false : `the fallback cannot end a program that left its group (${support.reason}); README says so` }, () => {
  it("its setsid grandchild is gone when verify ends, and so is the socket it held", async () => {
    const escapee = path.join(scratch("st-escapee-"), "pid");
    const report = await verifyProgram("tcp-echo", path.join(fixturesDir, "tcp-echo", "escapes-setsid.py"), { env: { ESCAPEE: escapee } });
    assert.equal(report.passed, true, JSON.stringify(report.checks.filter((r) => !r.passed)));
    assert.ok(existsSync(escapee), "the grandchild ran");
    const [pid] = readFileSync(escapee, "utf8").split(" ").map(Number);
    try {
      await until("the grandchild to be gone", () => !alive(pid!), 2000);
    } finally {
      if (alive(pid!)) process.kill(pid!, "SIGKILL");
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
