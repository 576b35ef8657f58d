/**
 * Issue 11 item 4: inside a run's private network the tutor raises the SYN retries, so
 * a client waiting for room in a full accept queue still gets in after a long pause
 * (the demo clock stops; the kernel's SYN timer does not). Only that network changes.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { RunSandbox, sandboxSupport } from "../../src/sandbox/namespace.js";
import { stretchSynRetries } from "../../src/sandbox/sysctl.js";
import { alive, until } from "../support/process.js";

const support = await sandboxSupport();
const skip = support.available ? false : `no private namespaces here: ${support.reason}`;
const SYSCTL = "/proc/sys/net/ipv4";
const linear = existsSync(`${SYSCTL}/tcp_syn_linear_timeouts`);

function readInside(box: RunSandbox): string[] {
  const { cmd, args } = box.wrap("/bin/sh", ["-c", `cat ${SYSCTL}/tcp_syn_retries; [ -e ${SYSCTL}/tcp_syn_linear_timeouts ] && cat ${SYSCTL}/tcp_syn_linear_timeouts; exit 0`]);
  return spawnSync(cmd, args, { encoding: "utf8", timeout: 5000 }).stdout.trim().split("\n");
}

describe("the SYN retries of a run's private network", { skip }, () => {
  it("are raised inside (127 retries, 120 of them a second apart) and nowhere else", async () => {
    const outside = readFileSync(`${SYSCTL}/tcp_syn_retries`, "utf8").trim();
    const box = await RunSandbox.start();
    try {
      const before = readInside(box);
      assert.equal(await stretchSynRetries(box), true);
      assert.deepEqual(readInside(box), linear ? ["127", "120"] : ["127"]);
      assert.notDeepEqual(before, readInside(box));
      assert.equal(readFileSync(`${SYSCTL}/tcp_syn_retries`, "utf8").trim(), outside);
    } finally {
      box.stop();
    }
  });

  it("a sandbox that is gone: false, not an error", async () => {
    const box = await RunSandbox.start();
    box.stop();
    // stop() kills the namespaces' holder; until the kernel has reaped it, nsenter can still join them.
    await until("the sandbox's holder is gone", () => !alive(box.pid));
    assert.equal(await stretchSynRetries(box), false);
  });
});
