import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { runCli, tempHome } from "../support/cli.js";

/** A lesson that names a demo or an exercise that exists but is broken: the cause is said first. */
const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function tree(): string {
  const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), "st-refs-")));
  roots.push(root);
  return root;
}

const FRONT = "---\nid: sample\ntitle: Sample\nchapter: C\norder: 1\nsummary: S\n---\n";

function lessonAt(root: string, folder: string, text: string): void {
  mkdirSync(path.join(root, folder), { recursive: true });
  writeFileSync(path.join(root, folder, "lesson.md"), text);
}

describe("a lesson whose demo or exercise is broken", () => {
  it("the demo.json and task.md problems come first; the lesson's line says they are broken, not missing", async () => {
    const root = tree();
    lessonAt(root, "01-uses", FRONT + "## One\n\n::: demo half\n:::\n\n::: exercise half-ex\n:::\n");
    mkdirSync(path.join(root, "01-uses", "demos", "half"), { recursive: true });
    writeFileSync(path.join(root, "01-uses", "demos", "half", "demo.json"), "[]");
    mkdirSync(path.join(root, "exercises", "half-ex"), { recursive: true });
    writeFileSync(path.join(root, "exercises", "half-ex", "task.md"), "---\nid: half-ex\ntitle: T\n");
    const r = await runCli(["list"], { env: { SOCKET_TUTOR_HOME: tempHome(), SOCKET_TUTOR_LESSONS: root }, cwd: root });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stderr.trim().split("\n").slice(1).map((l) => l.trim());
    assert.deepEqual(lines, [
      "01-uses/demos/half/demo.json: must hold one JSON object { ... }, not a list",
      "exercises/half-ex/task.md:1: the front matter opened here is never closed with '---': add a '---' line after its last 'key: value' line",
      "01-uses/lesson.md:10: the demo 'half' has problems (its demo.json, listed above), so this lesson is skipped",
      "01-uses/lesson.md:13: the exercise 'half-ex' has problems (its task.md, listed above), so this lesson is skipped",
    ]);
  });
});

