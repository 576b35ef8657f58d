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
import { stretchSynRetries, writeNetSettings } from "../../src/sandbox/sysctl.js";
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

describe("writeNetSettings: the socket buffers of a run's private network", { skip }, () => {
  const read = (box: RunSandbox, name: string): string => {
    const { cmd, args } = box.wrap("/bin/cat", [`/proc/sys/net/ipv4/${name}`]);
    return spawnSync(cmd, args, { encoding: "utf8", timeout: 5000 }).stdout.trim().replace(/\s+/g, " ");
  };

  it("lowers tcp_rmem and tcp_wmem inside and nowhere else", async () => {
    const outside = readFileSync(`${SYSCTL}/tcp_rmem`, "utf8");
    const box = await RunSandbox.start();
    try {
      assert.equal(await writeNetSettings(box, { "ipv4/tcp_rmem": "4096 65536 65536", "ipv4/tcp_wmem": "4096 65536 65536" }), true);
      assert.equal(read(box, "tcp_rmem"), "4096 65536 65536");
      assert.equal(read(box, "tcp_wmem"), "4096 65536 65536");
      assert.equal(readFileSync(`${SYSCTL}/tcp_rmem`, "utf8"), outside);
    } finally {
      box.stop();
    }
  });

  it("refuses a name or value that is not a plain setting (no path or shell text gets through)", async () => {
    const box = await RunSandbox.start();
    try {
      const bads: Record<string, string>[] = [{ "../../etc/x": "1" }, { "ipv4/tcp_rmem": "1; rm -rf /" }, { "ipv4/tcp_rmem": "$(id)" }, {}];
      for (const bad of bads) assert.equal(await writeNetSettings(box, bad), false, JSON.stringify(bad));
      assert.equal(await writeNetSettings(box, { "ipv4/no_such_setting": "1" }), false, "a setting that is not there");
    } finally {
      box.stop();
    }
  });
});
