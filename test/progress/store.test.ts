import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, chmodSync, mkdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { emptyProgress, lessonStatus, loadProgress, progressDir, progressNotSaved, updateProgress, type Progress } from "../../src/progress/store.js";

const root = mkdtempSync(path.join(os.tmpdir(), "st-progress-"));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => {
  const d = path.join(root, String(n++));
  mkdirSync(d);
  return path.join(d, "progress.json");
};

describe("progress store", () => {
  it("finds its folder: SOCKET_TUTOR_HOME, then XDG_CONFIG_HOME, then ~/.config", () => {
    assert.equal(progressDir({ SOCKET_TUTOR_HOME: "/a/b", XDG_CONFIG_HOME: "/x" }), "/a/b");
    assert.equal(progressDir({ XDG_CONFIG_HOME: "/x" }), "/x/socket-tutor");
    assert.equal(progressDir({ XDG_CONFIG_HOME: "relative" }), path.join(os.homedir(), ".config", "socket-tutor"));
    assert.equal(progressDir({}), path.join(os.homedir(), ".config", "socket-tutor"));
  });

  it("starts empty when there is no file", () => {
    assert.deepEqual(loadProgress(fresh()), { progress: emptyProgress() });
  });

  it("round-trips through readable JSON", () => {
    const file = fresh();
    const p = emptyProgress();
    p.lessons["a"] = { step: 2, completed: false, updatedAt: "2026-01-01T00:00:00.000Z" };
    p.exercises["tcp-echo"] = { passed: true, passedAt: "2026-01-02T00:00:00.000Z", attempts: 3, hintsShown: 1 };
    p.settings.runtime = "node";
    assert.equal(updateProgress((q) => void Object.assign(q, p), file).saved, true);
    assert.match(readFileSync(file, "utf8"), /\n  "lessons": \{/);
    assert.deepEqual(loadProgress(file).progress, p);
    assert.equal(lessonStatus(p, "a"), "in progress");
    assert.equal(lessonStatus(p, "b"), "new");
  });

  it("writes atomically: no temp files left, an existing file replaced whole", () => {
    const file = fresh();
    for (let i = 0; i < 5; i++) updateProgress((p) => (p.lessons["a"] = { step: i, completed: false, updatedAt: "" }), file);
    assert.deepEqual(readdirSync(path.dirname(file)), ["progress.json"]);
    assert.equal(loadProgress(file).progress.lessons["a"]!.step, 4);
  });

  for (const [name, content] of [
    ["not JSON", "{ this is not json"],
    ["JSON of another shape", '{"hello": "world"}'],
    ["an unknown version", '{"version": 99, "lessons": {}}'],
    ["an empty file", ""],
  ] as const) {
    it(`moves a corrupt file aside (${name}) and starts fresh`, () => {
      const file = fresh();
      writeFileSync(file, content);
      const loaded = loadProgress(file);
      assert.deepEqual(loaded.progress, emptyProgress());
      assert.match(loaded.notice ?? "", /moved to .*progress\.json\.corrupt-.*; starting with fresh progress/);
      assert.equal(existsSync(file), false);
      const backups = readdirSync(path.dirname(file)).filter((f) => f.startsWith("progress.json.corrupt-"));
      assert.equal(backups.length, 1);
      assert.equal(readFileSync(path.join(path.dirname(file), backups[0]!), "utf8"), content);
    });
  }

  it("reports, without throwing, when progress cannot be saved", { skip: process.getuid?.() === 0 ? "root can write anywhere" : false }, () => {
    const file = fresh();
    chmodSync(path.dirname(file), 0o500);
    const r = updateProgress((p) => (p.lessons["a"] = { step: 0, completed: false, updatedAt: "" }), file);
    assert.match(r.notice ?? "", /Could not save progress/);
  });

  it("reports, without throwing, when the folder is a file", () => {
    const dir = fresh();
    writeFileSync(path.dirname(dir) + "/blocker", "x");
    const r = updateProgress((p) => (p.lessons["a"] = { step: 0, completed: false, updatedAt: "" }), path.join(path.dirname(dir), "blocker", "progress.json"));
    assert.match(r.notice ?? "", /Could not save progress to .* \((ENOTDIR|EEXIST)\)/);
  });

  it("keeps the valid fields and every unknown key; a wrong-typed field is left out, never converted", () => {
    const file = fresh();
    const hand = {
      version: 1,
      future: { from: "a newer socket-tutor" },
      lessons: { a: { step: "3", completed: true, updatedAt: "t", note: "mine" }, b: { step: 2, completed: false, updatedAt: "u" }, worse: "x" },
      exercises: { e: { passed: "true", attempts: "2", hintsShown: 1, extra: [1, 2] }, f: { passed: true, passedAt: "p", attempts: 3, hintsShown: 0, solutionUnlocked: true } },
      settings: { runtime: "perl", theme: "dark" },
    };
    const text = JSON.stringify(hand, null, 1);
    writeFileSync(file, text);
    const loaded = loadProgress(file);
    assert.match(loaded.notice ?? "", /have the wrong type and are ignored: lessons\.a\.step, lessons\.worse, exercises\.e\.passed, exercises\.e\.attempts, settings\.runtime\./);
    assert.equal(readFileSync(file, "utf8"), text, "loading alone changes nothing");
    assert.deepEqual(readdirSync(path.dirname(file)), ["progress.json"], "and copies nothing");
    assert.equal(loaded.progress.exercises["e"]!.passed, false, '"true" is not true');
    assert.equal(loaded.progress.exercises["e"]!.attempts, 0, '"2" is not 2');
    assert.equal(loaded.progress.lessons["a"]!.completed, true);

    const r = updateProgress((p) => (p.exercises["e"]!.hintsShown += 1), file);
    assert.equal(r.saved, true);
    const copies = readdirSync(path.dirname(file)).filter((f) => f.startsWith("progress.json.invalid-"));
    assert.equal(copies.length, 1);
    assert.equal(readFileSync(path.join(path.dirname(file), copies[0]!), "utf8"), text, "the copy is the file as it was");
    assert.match(r.notice ?? "", new RegExp(`had the wrong type and were left out: lessons\\.a\\.step, .*settings\\.runtime\\. The file as it was is kept in .*${copies[0]!.replace(/[.-]/g, "\\$&")}\\.`));
    assert.deepEqual(JSON.parse(readFileSync(file, "utf8")), {
      version: 1,
      future: { from: "a newer socket-tutor" },
      lessons: { a: { step: 0, completed: true, updatedAt: "t", note: "mine" }, b: { step: 2, completed: false, updatedAt: "u" } },
      exercises: { e: { passed: false, attempts: 0, hintsShown: 2, extra: [1, 2] }, f: { passed: true, passedAt: "p", attempts: 3, hintsShown: 0, solutionUnlocked: true } },
      settings: { theme: "dark" },
    });
    const again = updateProgress(() => undefined, file);
    assert.equal(again.notice, undefined, "once rewritten, the file is valid");
    assert.equal(readdirSync(path.dirname(file)).filter((f) => f.startsWith("progress.json.invalid-")).length, 1);
  });

  it("keeps no copy when every field is valid, and keeps unknown keys without a notice", () => {
    const file = fresh();
    writeFileSync(file, JSON.stringify({ version: 1, lessons: {}, exercises: {}, settings: { runtime: "node", font: 3 }, later: true }));
    const r = updateProgress((p) => (p.lessons["a"] = { step: 1, completed: false, updatedAt: "" }), file);
    assert.equal(r.notice, undefined);
    assert.deepEqual(readdirSync(path.dirname(file)), ["progress.json"]);
    const back = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    assert.equal(back.later, true);
    assert.deepEqual(back.settings, { runtime: "node", font: 3 });
  });

  it("an id such as __proto__ stays a plain key", () => {
    const file = fresh();
    writeFileSync(file, '{"version":1,"lessons":{"__proto__":{"step":1,"completed":false,"updatedAt":""}},"exercises":{},"settings":{}}');
    const { progress } = loadProgress(file);
    assert.equal(Object.getPrototypeOf(progress.lessons), Object.prototype);
    assert.deepEqual(Object.keys(progress.lessons), ["__proto__"]);
    updateProgress(() => undefined, file);
    assert.match(readFileSync(file, "utf8"), /"__proto__": \{/);
  });

  it("a file over 1 MiB is not read, never written, and the learner is told once", () => {
    const file = fresh();
    const big = JSON.stringify({ version: 1, lessons: {}, exercises: {}, settings: {}, pad: "x".repeat(1024 * 1024) });
    writeFileSync(file, big);
    const loaded = loadProgress(file);
    assert.match(loaded.notice ?? "", /is larger than 1 MiB.*It is left as it is, and your progress is not saved this run\./);
    const first = updateProgress((p) => (p.lessons["a"] = { step: 1, completed: false, updatedAt: "" }), file);
    const second = updateProgress((p) => p.lessons["a"]!.step, file);
    assert.deepEqual([first.saved, first.notice, second.saved, second.notice], [false, undefined, false, undefined], "said once, by the load");
    assert.equal(second.value, 1, "this run's changes are kept in memory");
    assert.equal(loadProgress(file).progress.lessons["a"]!.step, 1);
    assert.equal(readFileSync(file, "utf8"), big);
    assert.deepEqual(readdirSync(path.dirname(file)), ["progress.json"]);
    assert.match(progressNotSaved(file) ?? "", /larger than 1 MiB/);
  });

  it("when the first thing is a save, that save gives the reason, and later ones are quiet", () => {
    const file = fresh();
    const big = "x".repeat(1024 * 1024 + 1);
    writeFileSync(file, big);
    const first = updateProgress(() => 1, file);
    const second = updateProgress(() => 2, file);
    assert.equal(first.saved, false);
    assert.match(first.notice ?? "", /not saved this run/);
    assert.equal(second.notice, undefined);
    assert.equal(second.value, 2);
    assert.equal(readFileSync(file, "utf8"), big);
  });

  it("a folder named progress.json is refused the same way", () => {
    const file = fresh();
    mkdirSync(file);
    const r = updateProgress(() => undefined, file);
    assert.match(r.notice ?? "", /is not a regular file \(it is a folder\)/);
    assert.ok(statSync(file).isDirectory());
  });

  it("a lock left by a dead process does not stop a save", () => {
    const file = fresh();
    const dead = spawnSync("true").pid!;
    writeFileSync(`${file}.lock`, `${dead} ${os.hostname()} 0123abcd\n`);
    const started = Date.now();
    const r = updateProgress((p) => (p.lessons["a"] = { step: 3, completed: false, updatedAt: "" }), file);
    assert.equal(r.saved, true, r.notice);
    assert.ok(Date.now() - started < 1000, "taken over at once, without waiting for the age bound");
    assert.deepEqual(readdirSync(path.dirname(file)), ["progress.json"]);
  });

  it("a lock held by a live process past the bound: not saved, said clearly, and the change's value still returned", async () => {
    const file = fresh();
    const holder = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      writeFileSync(`${file}.lock`, `${holder.pid} ${os.hostname()} 0123abcd\n`);
      writeFileSync(file, JSON.stringify({ version: 1, lessons: {}, exercises: { e: { passed: false, attempts: 0, hintsShown: 2 } }, settings: {} }));
      const r = updateProgress((p: Progress) => p.exercises["e"]!.hintsShown, file, { waitMs: 300 });
      assert.equal(r.saved, false);
      assert.equal(r.value, 2);
      assert.match(r.notice ?? "", new RegExp(`Your progress was not saved: for 0 s, another socket-tutor process \\(pid ${holder.pid}\\) held the lock .*progress\\.json\\.lock\\. If no other`));
      assert.ok(existsSync(`${file}.lock`), "a live holder's lock is not taken");
      assert.equal(progressNotSaved(file), undefined, "a busy lock does not stop later saves");
    } finally {
      holder.kill();
    }
  });
});
