import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, chmodSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { emptyProgress, lessonStatus, loadProgress, progressDir, saveProgress, updateProgress } from "../../src/progress/store.js";

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
    saveProgress(p, file);
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

  it("keeps well-formed entries and drops malformed ones", () => {
    const file = fresh();
    writeFileSync(file, JSON.stringify({ version: 1, lessons: { ok: { step: 1, completed: true, updatedAt: "t" }, bad: { step: -1 }, worse: "x" }, exercises: { e: { passed: "yes" } }, settings: { runtime: "perl" } }));
    const { progress, notice } = loadProgress(file);
    assert.equal(notice, undefined);
    assert.deepEqual(Object.keys(progress.lessons), ["ok"]);
    assert.equal(progress.exercises["e"]!.passed, false);
    assert.equal(progress.settings.runtime, undefined);
  });

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
});
