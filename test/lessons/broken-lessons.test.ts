import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { formatProblem, loadLessons } from "../../src/lessons/load.js";
import type { LessonProblem } from "../../src/lessons/types.js";
import { runCli, tempHome } from "../support/cli.js";

/**
 * Lesson trees broken in the ways a real one breaks: the first message for a file
 * must name the cause with file:line, without a cascade of follow-on errors, and
 * nothing may hang, throw or print a system file.
 */
const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function tree(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "st-broken-"));
  roots.push(root);
  return root;
}

const FRONT = "---\nid: sample\ntitle: Sample\nchapter: C\norder: 1\nsummary: S\n---\n";

function lessonAt(root: string, folder: string, text: string | Buffer): string {
  mkdirSync(path.join(root, folder), { recursive: true });
  const file = path.join(root, folder, "lesson.md");
  writeFileSync(file, text);
  return file;
}

const shown = (root: string, problems: LessonProblem[]): string[] => problems.map((p) => formatProblem(p, root));

describe("a broken lesson file says what is wrong, once", { concurrency: true }, () => {
  it("unclosed front matter: one message at line 1, no 'key: value' cascade", () => {
    const root = tree();
    const body = ["## First", "", "Some prose: with a colon.", "More prose.", "", "## Second", "", "Text.", ""].join("\n");
    lessonAt(root, "01-open", FRONT.replace(/---\n$/, "") + body);
    const { lessons, problems } = loadLessons(root);
    assert.equal(lessons.length, 0);
    const lines = shown(root, problems);
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(lines[0]!, /^01-open\/lesson\.md:1: the front matter opened here is never closed with '---'/);
  });

  it("front matter closed only by a later '---' rule in the body: named at line 1, rest suppressed", () => {
    const root = tree();
    const body = ["## First", "", "Some prose.", "Note: a colon line.", "", "---", "", "## Second", "", "Text.", ""].join("\n");
    lessonAt(root, "01-rule", FRONT.replace(/---\n$/, "") + body);
    const lines = shown(root, loadLessons(root).problems);
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(lines[0]!, /^01-rule\/lesson\.md:1: the front matter opened here is not closed before line 7 \('## First'\)/);
  });

  it("one typo inside closed front matter is still reported on its own line", () => {
    const root = tree();
    lessonAt(root, "01-typo", "---\nid: sample\ntitle Sample\nchapter: C\norder: 1\nsummary: S\n---\n## One\nText\n");
    const lines = shown(root, loadLessons(root).problems);
    assert.equal(lines[0], "01-typo/lesson.md:3: front matter lines are 'key: value', got 'title Sample'");
  });

  it("a lesson.md that is a symbolic link loop says so, not 'no lesson.md'", () => {
    const root = tree();
    mkdirSync(path.join(root, "01-loop"));
    symlinkSync("lesson.md", path.join(root, "01-loop", "lesson.md"));
    const lines = shown(root, loadLessons(root).problems);
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(lines[0]!, /^01-loop\/lesson\.md: lesson\.md is a symbolic link that loops/);
  });

  it("a lesson.md that is a folder, a pipe, binary, not UTF-8 or huge: each named, nothing hangs", () => {
    const root = tree();
    mkdirSync(path.join(root, "01-dir", "lesson.md"), { recursive: true });
    mkdirSync(path.join(root, "02-fifo"));
    execFileSync("mkfifo", [path.join(root, "02-fifo", "lesson.md")]);
    lessonAt(root, "03-binary", Buffer.concat([Buffer.from(FRONT + "## One\nText\n"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00])]));
    lessonAt(root, "04-latin1", Buffer.concat([Buffer.from(FRONT + "## Caf"), Buffer.from([0xe9]), Buffer.from("\nText\n")]));
    lessonAt(root, "05-huge", FRONT + "## One\n" + "x".repeat(80).concat("\n").repeat(30_000));
    lessonAt(root, "06-escape", FRONT + "## One\nText \x1b[2J cleared\n");
    const started = Date.now();
    const lines = shown(root, loadLessons(root).problems);
    assert.ok(Date.now() - started < 2000, "reading a pipe named lesson.md must not block");
    assert.deepEqual(lines, [
      "01-dir/lesson.md: lesson.md is a folder, not a file",
      "02-fifo/lesson.md: lesson.md is not a regular file (a pipe, a device or a socket)",
      "03-binary/lesson.md:10: lesson.md is not a text file: this line holds the control character U+007F",
      "04-latin1/lesson.md:8: lesson.md is not UTF-8 text: this line holds a byte that is not UTF-8 (save the file as UTF-8)",
      // Sizes in the tutor's one unit system (text/units.ts): 2,430,000 bytes, the limit 1 MiB.
      "05-huge/lesson.md: lesson.md is too big (2.3 MiB; a lesson file may be at most 1 MiB)",
      "06-escape/lesson.md:9: lesson.md is not a text file: this line holds the control character U+001B",
    ]);
  });

  it("a UTF-8 byte order mark before the front matter is accepted", () => {
    const root = tree();
    lessonAt(root, "01-bom", "\ufeff" + FRONT + "## One\nText\n");
    const { lessons, problems } = loadLessons(root);
    assert.deepEqual(shown(root, problems), []);
    assert.equal(lessons[0]?.meta.id, "sample");
  });

  it("a lesson with very many problems lists the first ten and counts the rest", () => {
    const root = tree();
    const steps = Array.from({ length: 40 }, (_, i) => `## Step ${i}\n`).join("");
    lessonAt(root, "01-many", FRONT + steps);
    const lines = shown(root, loadLessons(root).problems);
    assert.equal(lines.length, 11, lines.join("\n"));
    assert.equal(lines[10], "01-many/lesson.md: 30 more problems in this file (fix the ones above first)");
  });

  it("a lesson folder that is a dangling link is reported", () => {
    const root = tree();
    symlinkSync(path.join(root, "nowhere"), path.join(root, "01-gone"));
    const lines = shown(root, loadLessons(root).problems);
    assert.deepEqual(lines, ["01-gone: this lesson folder is a symbolic link to something that does not exist"]);
  });

  it("file names and messages with control characters are printed escaped", () => {
    const line = formatProblem({ file: "/l/0\x1b[31m1/lesson.md", line: 2, message: "got '\x07'" }, "/l");
    assert.equal(line, "0\\x1b[31m1/lesson.md:2: got '\\x07'");
  });

  it("the lessons folder being a file or missing is said in words", () => {
    const root = tree();
    writeFileSync(path.join(root, "file"), "x");
    assert.match(loadLessons(path.join(root, "file")).problems[0]!.message, /^cannot read the lessons folder: it is a file, not a folder$/);
    assert.match(loadLessons(path.join(root, "missing")).problems[0]!.message, /^cannot read the lessons folder: it does not exist$/);
  });
});

describe("::: code files stay inside their lesson folder", { concurrency: true }, () => {
  it("a symbolic link to a file outside the lesson folder is a problem with file:line, and show never prints it", async () => {
    const root = tree();
    const secret = path.join(realpathSync(tree()), "secret.txt");
    writeFileSync(secret, "TOP SECRET CONTENT\n");
    lessonAt(root, "01-leak", FRONT + "## One\n\nText.\n\n::: code leak.py\n:::\n");
    symlinkSync(secret, path.join(root, "01-leak", "leak.py"));
    const lines = shown(root, loadLessons(root).problems);
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.equal(lines[0], `01-leak/lesson.md:12: 'leak.py' is a link to ${secret}, outside the lesson folder`);
    const r = await runCli(["show", "sample"], { env: { SOCKET_TUTOR_HOME: tempHome(), SOCKET_TUTOR_LESSONS: root }, cwd: root });
    assert.doesNotMatch(r.stdout + r.stderr, /TOP SECRET/);
    assert.match(r.stderr, /01-leak\/lesson\.md:12: 'leak\.py' is a link to .*, outside the lesson folder/);
  });

  it("a link to a file elsewhere inside the same lesson folder is fine", () => {
    const root = tree();
    lessonAt(root, "01-ok", FRONT + "## One\n\n::: code demos/a/x.py\n:::\n");
    mkdirSync(path.join(root, "01-ok", "code"));
    mkdirSync(path.join(root, "01-ok", "demos", "a"), { recursive: true });
    writeFileSync(path.join(root, "01-ok", "code", "x.py"), "print(1)\n");
    symlinkSync("../../code/x.py", path.join(root, "01-ok", "demos", "a", "x.py"));
    const { lessons, problems } = loadLessons(root);
    assert.deepEqual(shown(root, problems), []);
    const block = lessons[0]!.steps[0]!.blocks[0]!;
    assert.equal(block.kind === "code" && block.files[0]!.source, "print(1)\n");
  });

  it("a code file that is a folder or a loop is named with the directive's line", () => {
    const root = tree();
    lessonAt(root, "01-bad", FRONT + "## One\n\n::: code sub loop.py\n:::\n");
    mkdirSync(path.join(root, "01-bad", "sub"));
    symlinkSync("loop.py", path.join(root, "01-bad", "loop.py"));
    assert.deepEqual(shown(root, loadLessons(root).problems), [
      "01-bad/lesson.md:10: 'sub' is a folder, not a file",
      "01-bad/lesson.md:10: 'loop.py' is a symbolic link that loops",
    ]);
  });
});

describe("SOCKET_TUTOR_LESSONS", () => {
  it("set but empty means unset: the shipped lessons load", async () => {
    const r = await runCli(["list"], { env: { SOCKET_TUTOR_HOME: tempHome(), SOCKET_TUTOR_LESSONS: "" } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "");
    assert.match(r.stdout, /what-is-a-socket/);
  });
});
