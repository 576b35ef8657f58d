import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { OWNER_FILE, privateDir, sweepStaleDirs } from "../../src/check/tempdirs.js";
import { scratch } from "./support.js";

describe("the checker's private folders", () => {
  it("name their owner, and a sweep removes only those whose owner is provably gone", () => {
    const tmp = scratch("st-tmp-");
    // A pid that surely ended: a child we started and waited for.
    const dead = spawnSync("true").pid!;
    const make = (name: string, owner?: string): string => {
      const dir = path.join(tmp, `socket-tutor-check-${name}`);
      mkdirSync(dir);
      writeFileSync(path.join(dir, "echo.sock"), "");
      if (owner !== undefined) writeFileSync(path.join(dir, OWNER_FILE), owner);
      return dir;
    };
    const gone = make("gone", String(dead));
    const mine = make("mine", String(process.pid));
    const parent = make("alive", String(process.ppid));
    const creating = make("creating");
    const garbage = make("garbage", "12abc");
    const other = path.join(tmp, "socket-tutor-demo-x");
    mkdirSync(other);
    writeFileSync(path.join(other, OWNER_FILE), String(dead));
    assert.equal(sweepStaleDirs(tmp), 1);
    assert.equal(existsSync(gone), false, "its owner is gone");
    for (const d of [mine, parent, creating, garbage, other]) assert.equal(existsSync(d), true, `${path.basename(d)} is kept`);
  });

  it("privateDir writes the owner file and removes the folder", () => {
    const d = privateDir();
    assert.equal(Number(readFileSync(path.join(d.dir, OWNER_FILE), "utf8")), process.pid);
    d.remove();
    assert.equal(existsSync(d.dir), false);
  });
});

