import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { privateDir, sweepStaleDirs } from "../../src/check/tempdirs.js";
import { OWNER_FILE, ownRecord, parseOwnerRecord } from "../../src/sandbox/temp-dirs.js";
import { scratch } from "./support.js";

describe("the checker's private folders", () => {
  it("record their owner as the demos' do, and a sweep removes only those whose owner is provably gone", () => {
    const tmp = scratch("st-tmp-");
    // A pid that surely ended: a child we started and waited for.
    const dead = spawnSync("true").pid!;
    const me = ownRecord();
    const make = (name: string, owner?: string): string => {
      const dir = path.join(tmp, `socket-tutor-check-${name}`);
      mkdirSync(dir);
      writeFileSync(path.join(dir, "echo.sock"), "");
      if (owner !== undefined) writeFileSync(path.join(dir, OWNER_FILE), owner);
      return dir;
    };
    const gone = make("gone", JSON.stringify({ ...me, pid: dead }));
    const mine = make("mine", JSON.stringify(me));
    const creating = make("creating");
    const garbage = make("garbage", "12abc");
    const other = path.join(tmp, "socket-tutor-demo-x");
    mkdirSync(other);
    writeFileSync(path.join(other, OWNER_FILE), JSON.stringify({ ...me, pid: dead }));
    assert.equal(sweepStaleDirs(tmp), 1);
    assert.equal(existsSync(gone), false, "its owner is gone");
    for (const d of [mine, creating, garbage, other]) assert.equal(existsSync(d), true, `${path.basename(d)} is kept`);
  });

  it("privateDir writes the owner record and removes the folder", () => {
    const d = privateDir();
    assert.equal(parseOwnerRecord(readFileSync(path.join(d.dir, OWNER_FILE), "utf8"))?.pid, process.pid);
    assert.match(path.basename(d.dir), /^socket-tutor-check-/);
    d.remove();
    assert.equal(existsSync(d.dir), false);
  });
});
