import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { lookupProcess, ownPidNamespace, parseStartTime } from "../../src/kernel/proc-identity.js";
import { makeTempDir, OWNER_FILE, ownRecord, parseOwnerRecord, sweepStaleTempDirs, TEMP_PREFIX } from "../../src/sandbox/temp-dirs.js";

const linux = process.platform === "linux";
// A private "temp dir" per file: the real one holds other tutors' dirs, which a test must not touch.
const tmp = mkdtempSync(path.join(os.tmpdir(), "st-sweep-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
/** A demo temp dir in `tmp` with this owner file content (none: no owner file). */
function demoDir(owner?: string, file = OWNER_FILE): string {
  const dir = path.join(tmp, `${TEMP_PREFIX}${++n}`);
  mkdirSync(dir);
  writeFileSync(path.join(dir, "echo.sock"), "");
  if (owner !== undefined) writeFileSync(path.join(dir, file), owner);
  return dir;
}

/** A pid that ran and is gone (reaped): nothing runs under it now. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((r) => child.once("exit", r));
  return child.pid!;
}

describe("sweeping stale demo temp dirs", { skip: linux ? false : "reads /proc: Linux only" }, () => {
  it("parses /proc/<pid>/stat field 22 even when the command name holds spaces and parentheses", () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
    assert.equal(parseStartTime(`42 (a) b) c) ${fields.join(" ")}`), "22");
    assert.equal(parseStartTime("42 (x) S 1"), undefined);
    assert.equal(parseStartTime("garbage"), undefined);
    const me = lookupProcess(process.pid);
    assert.equal(me.state, "running");
    assert.match(ownPidNamespace() ?? "", /^pid:\[\d+\]$/);
  });

  it("removes only what it can prove dead: a gone pid, or a live pid that started at another time (reused)", async () => {
    const ns = ownPidNamespace()!;
    // A live process whose pid a dead tutor might have had: its start time tells them apart.
    const live = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"], { stdio: "ignore" });
    try {
      await new Promise((r) => live.once("spawn", r));
      const started = lookupProcess(live.pid!);
      assert.equal(started.state, "running");
      const realStart = started.state === "running" ? started.startTime : "";
      const dead = await deadPid();
      const record = (pid: number, startTime: string | null, pidNamespace: string | null = ns) => JSON.stringify({ pid, startTime, pidNamespace });

      const reused = demoDir(record(live.pid!, String(Number(realStart) + 1)));
      const gone = demoDir(record(dead, "12345"));
      const running = demoDir(record(live.pid!, realStart));
      const otherNs = demoDir(record(dead, "12345", "pid:[1]"));
      const noNs = demoDir(record(dead, "12345", null));
      const noStart = demoDir(record(dead, null));
      const noOwner = demoDir();
      const malformed = [
        demoDir("{"),
        demoDir(String(dead)),
        demoDir(JSON.stringify({ pid: String(dead), startTime: "1", pidNamespace: ns })),
        demoDir(JSON.stringify({ pid: dead, startTime: 1, pidNamespace: ns })),
        demoDir(JSON.stringify({ pid: dead, startTime: "1", pidNamespace: "4026531836" })),
        demoDir(JSON.stringify({ pid: -1, startTime: "1", pidNamespace: ns })),
        demoDir(JSON.stringify([dead, "1", ns])),
        demoDir(""),
      ];
      // The record older tutors wrote (a bare pid in tutor.pid) proves nothing either.
      const legacy = demoDir(String(dead), "tutor.pid");
      const ours = makeTempDir(tmp);

      const removed = sweepStaleTempDirs(tmp);
      assert.deepEqual(removed.sort(), [reused, gone].sort());
      for (const d of [reused, gone]) assert.equal(existsSync(d), false, d);
      for (const d of [running, otherNs, noNs, noStart, noOwner, ...malformed, legacy, ours]) assert.equal(existsSync(d), true, `kept: ${d}`);
    } finally {
      live.kill("SIGKILL");
    }
  });

  it("each run's dir records this tutor whole: pid, start time and pid namespace", () => {
    const dir = makeTempDir(tmp);
    const rec = parseOwnerRecord(readFileSync(path.join(dir, OWNER_FILE), "utf8"));
    assert.deepEqual(rec, ownRecord());
    assert.equal(rec?.pid, process.pid);
    assert.match(rec?.startTime ?? "", /^\d+$/);
    assert.equal(rec?.pidNamespace, ownPidNamespace());
    assert.deepEqual(sweepStaleTempDirs(tmp).filter((d) => d === dir), [], "a live tutor's dir stays");
  });
});
