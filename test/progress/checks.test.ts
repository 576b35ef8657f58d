import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { formatList } from "../../src/commands/list.js";
import type { ExerciseInfo } from "../../src/exercises/catalog.js";
import { CHECKS_VERSION, checksVersion, passedBeforeChecksChanged, recordPass } from "../../src/progress/checks.js";
import { formatProgress } from "../../src/progress/report.js";
import { emptyProgress, loadProgress, updateProgress, type ExerciseProgress } from "../../src/progress/store.js";
import { makeStyle } from "../../src/util/style.js";

const root = mkdtempSync(path.join(os.tmpdir(), "st-checks-version-"));
after(() => rmSync(root, { recursive: true, force: true }));
const s = makeStyle(false);
const STALE = "passed before the checks changed: run verify again";
const exercises = [
  { id: "tcp-echo", title: "A TCP echo server", lesson: "server-calls" },
  { id: "udp-upper", title: "A UDP upper-case server", lesson: "udp" },
];

describe("the checks a pass was earned under", () => {
  it("every exercise has a version; the stricter stream checks raised the stream exercises' to 2", () => {
    assert.equal(checksVersion("tcp-echo"), 2);
    assert.equal(checksVersion("udp-upper"), 1);
    assert.equal(checksVersion("no-such-exercise"), 1);
    assert.ok(Object.values(CHECKS_VERSION).every((v) => Number.isSafeInteger(v) && v >= 1));
  });

  it("a pass without a version was earned under version 1: kept, but marked when the checks are newer", () => {
    const p = emptyProgress();
    p.exercises["tcp-echo"] = { passed: true, attempts: 3, hintsShown: 0 };
    p.exercises["udp-upper"] = { passed: true, attempts: 1, hintsShown: 0 };
    assert.equal(passedBeforeChecksChanged(p, "tcp-echo"), true);
    assert.equal(passedBeforeChecksChanged(p, "udp-upper"), false, "its checks did not change");
    p.exercises["tcp-echo"]!.checksVersion = 2;
    assert.equal(passedBeforeChecksChanged(p, "tcp-echo"), false);
    p.exercises["tcp-echo"] = { passed: false, attempts: 3, hintsShown: 0 };
    assert.equal(passedBeforeChecksChanged(p, "tcp-echo"), false, "not passed is not marked");
  });

  it("a new pass records today's version; passing again brings an old pass up to date and keeps its time", () => {
    const fresh: ExerciseProgress = { passed: false, attempts: 1, hintsShown: 0 };
    recordPass(fresh, "tcp-echo", new Date("2026-03-01T00:00:00Z"));
    assert.deepEqual(fresh, { passed: true, passedAt: "2026-03-01T00:00:00.000Z", attempts: 1, hintsShown: 0, checksVersion: 2 });
    const old: ExerciseProgress = { passed: true, passedAt: "2025-01-01T00:00:00.000Z", attempts: 5, hintsShown: 2 };
    recordPass(old, "tcp-echo", new Date("2026-03-01T00:00:00Z"));
    assert.equal(old.checksVersion, 2);
    assert.equal(old.passedAt, "2025-01-01T00:00:00.000Z");
  });

  it("the version is kept in the file; a wrong-typed one is ignored, never converted", () => {
    const file = path.join(root, "progress.json");
    updateProgress((p) => {
      const e = (p.exercises["tcp-echo"] ??= { passed: false, attempts: 0, hintsShown: 0 });
      recordPass(e, "tcp-echo", new Date());
    }, file);
    assert.equal(JSON.parse(readFileSync(file, "utf8")).exercises["tcp-echo"].checksVersion, 2);
    writeFileSync(file, JSON.stringify({ version: 1, exercises: { "tcp-echo": { passed: true, attempts: 1, hintsShown: 0, checksVersion: "2" } } }));
    const loaded = loadProgress(file);
    assert.match(loaded.notice ?? "", /exercises\.tcp-echo\.checksVersion/);
    assert.equal(loaded.progress.exercises["tcp-echo"]!.checksVersion, undefined);
    assert.equal(passedBeforeChecksChanged(loaded.progress, "tcp-echo"), true);
  });

  it("list and progress show an old pass as passed before the checks changed", () => {
    const p = emptyProgress();
    p.exercises["tcp-echo"] = { passed: true, attempts: 3, hintsShown: 1 };
    p.exercises["udp-upper"] = { passed: true, attempts: 1, hintsShown: 0, checksVersion: 1 };
    const list = formatList([], exercises, p, 200, s);
    assert.match(list, new RegExp(`tcp-echo +A TCP echo server +${STALE}`));
    assert.match(list, /udp-upper +A UDP upper-case server +passed$/m);
    assert.match(list, /Exercises \(2 of 2 passed\)/, "an old pass still counts as passed");
    const narrow = formatList([], exercises, p, 40, s);
    assert.match(narrow.replace(/\s+/g, " "), new RegExp(`tcp-echo: A TCP echo server \\[${STALE}\\]`));
    const infos: ExerciseInfo[] = exercises.map((e, i) => ({ ...e, order: i + 1, summary: "", dir: "/x", task: "" }));
    const report = formatProgress([], infos, p, "/x/progress.json", s, 200);
    assert.match(report, new RegExp(`passed +tcp-echo \\(3 attempts, 1 hint\\) \\(${STALE}\\)`));
    assert.match(report, /passed +udp-upper \(1 attempt\)$/m);
  });
});
