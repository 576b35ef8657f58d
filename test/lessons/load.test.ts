import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { findLesson, formatProblem, loadLessons } from "../../src/lessons/load.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "st-lessons-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function lesson(folder: string, id: string, order: number, body = "## Step\n\nText.\n"): void {
  mkdirSync(path.join(dir, folder), { recursive: true });
  writeFileSync(path.join(dir, folder, "lesson.md"), `---\nid: ${id}\ntitle: Title ${id}\nchapter: Ch ${order < 3 ? "A" : "B"}\norder: ${order}\nsummary: S\n---\n${body}`);
}

lesson("02-second", "second", 2);
lesson("01-first", "first", 1, "## Step\n\n::: code code/x.py\n:::\n");
mkdirSync(path.join(dir, "01-first", "code"));
writeFileSync(path.join(dir, "01-first", "code", "x.py"), "print('x')\n");
lesson("03-broken", "broken", 3, "## Step\n::: quiz\nQ?\n- [ ] a\n  x\n- [ ] b\n  y\n:::\n");
lesson("04-dup", "second", 4);
mkdirSync(path.join(dir, "05-empty"));
mkdirSync(path.join(dir, "exercises", "tcp-echo"), { recursive: true });

describe("lesson loader", () => {
  const set = loadLessons(dir);

  it("loads valid lessons in order and skips broken ones", () => {
    assert.deepEqual(set.lessons.map((l) => l.meta.id), ["first", "second"]);
    assert.equal(set.lessons[0]!.folder, "01-first");
  });

  it("reads code files beside the lesson", () => {
    const block = set.lessons[0]!.steps[0]!.blocks[0]!;
    assert.equal(block.kind === "code" && block.files[0]!.source, "print('x')\n");
  });

  it("reports each problem with its file and line", () => {
    const shown = set.problems.map((p) => formatProblem(p, dir));
    assert.ok(shown.includes(path.join("03-broken", "lesson.md") + ":9: a quiz needs exactly one correct choice marked '[x]', found 0"), shown.join("\n"));
    assert.ok(shown.some((s) => s.startsWith(path.join("04-dup", "lesson.md") + ":2: id 'second' is already used")), shown.join("\n"));
    assert.ok(shown.includes(path.join("05-empty", "lesson.md") + ": this lesson folder has no lesson.md"), shown.join("\n"));
    assert.ok(!shown.some((s) => s.includes("exercises")), "exercises/ is not a lesson");
  });

  it("finds a lesson by id, folder, number or slug", () => {
    for (const q of ["second", "02-second", "2", "02", "second/", "SECOND"]) assert.equal(findLesson(set.lessons, q)?.meta.id, "second", q);
    assert.equal(findLesson(set.lessons, "nope"), undefined);
  });

  it("says so when the folder cannot be read", () => {
    const r = loadLessons(path.join(dir, "missing"));
    assert.equal(r.lessons.length, 0);
    assert.match(r.problems[0]!.message, /cannot read the lessons folder: it does not exist/);
  });
});
