import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { describe, it } from "node:test";
import { childPids } from "../../src/kernel/owners.js";
import { whenProgramKnown } from "../../src/sandbox/program-pid.js";

function found(leader: number, gone: () => boolean): Promise<number> {
  return new Promise((resolve) => whenProgramKnown(leader, gone, resolve));
}

describe("the program's pid behind nsenter", () => {
  it("waits for a leader that forks late (a loaded machine), rather than naming the leader", async () => {
    // Forks its child after 1.5 s, as nsenter might when the machine is busy.
    // Node itself, not python3 (which may be a shim that forks helpers of its own first).
    const leader = spawn(process.execPath, ["-e", "setTimeout(() => require('node:child_process').spawn('sleep', ['2'], { stdio: 'inherit' }).on('exit', () => process.exit(0)), 1500)"], { stdio: "ignore" });
    let exited = false;
    leader.on("exit", () => (exited = true));
    try {
      const pid = await found(leader.pid!, () => exited);
      assert.notEqual(pid, leader.pid, "the program, not its leader");
      assert.deepEqual(childPids(leader.pid!), [pid]);
    } finally {
      leader.kill("SIGKILL");
    }
  });

  it("names the leader once it is gone without a child (nsenter failed)", async () => {
    const leader = spawn("true", [], { stdio: "ignore" });
    let exited = false;
    leader.on("exit", () => (exited = true));
    assert.equal(await found(leader.pid!, () => exited), leader.pid);
  });
});
