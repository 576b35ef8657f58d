import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { LockBusy, withLock } from "../../src/progress/lock.js";
import { repoRoot } from "../support/cli.js";

const root = mkdtempSync(path.join(os.tmpdir(), "st-lock-"));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshLock = (): string => {
  const d = path.join(root, String(n++));
  mkdirSync(d);
  return path.join(d, "progress.json.lock");
};
const holderLine = (pid: number): string => `${pid} ${os.hostname()} 0123abcd\n`;
const deadPid = (): number => spawnSync("true").pid!;

/** A process that stays alive (its pid names the lock's holder) until killed or `ms` pass. */
function liveProcess(ms = 30000): { pid: number; stop: () => void } {
  const child = spawn("sleep", [String(ms / 1000)], { stdio: "ignore" });
  return { pid: child.pid!, stop: () => child.kill() };
}

describe("progress lock", () => {
  it("takes a free lock, runs the function, and removes the lock", () => {
    const lock = freshLock();
    const seen = withLock(lock, () => readFileSync(lock, "utf8"));
    assert.match(seen, new RegExp(`^${process.pid} \\S+ [0-9a-f]+\\n$`), "the holder's pid is recorded");
    assert.equal(existsSync(lock), false);
  });

  it("removes the lock when the function throws", () => {
    const lock = freshLock();
    assert.throws(() => withLock(lock, () => { throw new Error("boom"); }), /boom/);
    assert.equal(existsSync(lock), false);
  });

  it("takes over at once a lock whose holder is dead", () => {
    const lock = freshLock();
    writeFileSync(lock, holderLine(deadPid()));
    const started = Date.now();
    assert.equal(withLock(lock, () => "ran", { waitMs: 5000 }), "ran");
    assert.ok(Date.now() - started < 500, `took ${Date.now() - started} ms`);
    assert.equal(existsSync(lock), false);
    assert.equal(existsSync(`${lock}.break`), false);
  });

  it("waits for a live holder, and goes on once it lets go", async () => {
    const lock = freshLock();
    // The holder is the shell itself: alive until it has removed the lock.
    const holder = spawn("sh", ["-c", 'sleep 0.5; rm -f "$0"; sleep 5', lock], { stdio: "ignore" });
    try {
      writeFileSync(lock, holderLine(holder.pid!));
      const started = Date.now();
      withLock(lock, () => undefined, { waitMs: 5000 });
      const waited = Date.now() - started;
      assert.ok(waited >= 400, `waited only ${waited} ms: a live holder's lock was taken`);
      assert.ok(waited < 4000, `waited ${waited} ms`);
    } finally {
      holder.kill();
    }
  });

  it("gives up after the wait bound with LockBusy naming the holder, and leaves its lock alone", () => {
    const lock = freshLock();
    const holder = liveProcess();
    try {
      writeFileSync(lock, holderLine(holder.pid));
      const started = Date.now();
      let ran = false;
      assert.throws(
        () => withLock(lock, () => (ran = true), { waitMs: 300 }),
        (err: unknown) => err instanceof LockBusy && err.holder === holder.pid && /held by process \d+; waited 0 s/.test(err.message),
      );
      assert.equal(ran, false);
      assert.ok(Date.now() - started >= 300);
      assert.equal(readFileSync(lock, "utf8"), holderLine(holder.pid));
    } finally {
      holder.stop();
    }
  });

  it("takes over a lock older than the stale bound even if its holder is alive", () => {
    const lock = freshLock();
    const holder = liveProcess();
    try {
      writeFileSync(lock, holderLine(holder.pid));
      const hourAgo = new Date(Date.now() - 3600_000);
      utimesSync(lock, hourAgo, hourAgo);
      assert.equal(withLock(lock, () => "ran", { waitMs: 2000, staleMs: 10_000 }), "ran");
    } finally {
      holder.stop();
    }
  });

  it("waits on an empty lock file (a holder between create and write) until it is old", () => {
    const lock = freshLock();
    writeFileSync(lock, "");
    assert.throws(() => withLock(lock, () => undefined, { waitMs: 200 }), LockBusy);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    assert.equal(withLock(lock, () => "ran", { waitMs: 2000, staleMs: 10_000 }), "ran");
  });

  it("does not remove a lock that another process took over meanwhile", () => {
    const lock = freshLock();
    const theirs = holderLine(deadPid() + 1);
    withLock(lock, () => writeFileSync(lock, theirs));
    assert.equal(readFileSync(lock, "utf8"), theirs);
  });

  it("lets nothing through twice: 8 processes × 40 locked increments of one counter give 320", async () => {
    const lock = freshLock();
    const counter = path.join(path.dirname(lock), "counter");
    writeFileSync(counter, "0");
    // A stale lock to start with, so the takeover runs under contention too.
    writeFileSync(lock, holderLine(deadPid()));
    const script = `
      import { readFileSync, writeFileSync } from "node:fs";
      import { withLock } from ${JSON.stringify(path.join(repoRoot, "dist", "src", "progress", "lock.js"))};
      const [lock, counter] = process.argv.slice(1);
      for (let i = 0; i < 40; i++) withLock(lock, () => writeFileSync(counter, String(Number(readFileSync(counter, "utf8")) + 1)));
    `;
    const codes = await Promise.all(
      Array.from({ length: 8 }, () => new Promise<number | null>((resolve) => spawn(process.execPath, ["--input-type=module", "-e", script, lock, counter], { stdio: "inherit" }).on("exit", resolve))),
    );
    assert.deepEqual(codes, Array(8).fill(0));
    assert.equal(readFileSync(counter, "utf8"), "320");
    assert.equal(existsSync(lock), false);
  });
});
