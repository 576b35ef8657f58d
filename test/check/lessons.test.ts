/**
 * How a failed check names the lesson to read: the title from the lesson's own file,
 * read the way the lesson loader reads it, so a lesson.md that is not a regular file
 * (a FIFO would block a plain read forever) cannot hang verify.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../support/cli.js";
import { scratch } from "./support.js";

const lessonsModule = pathToFileURL(path.join(repoRoot, "dist", "src", "check", "lessons.js")).href;

/** `see(id)` in a fresh process (the module caches), with SOCKET_TUTOR_LESSONS pointing at `lessons`. */
function seeIn(lessons: string, id: string): { status: number | null; stdout: string; stderr: string } {
  const code = `const { see } = await import(${JSON.stringify(lessonsModule)}); process.stdout.write(see(${JSON.stringify(id)}));`;
  // The deadline is a guard only: a blocked read would otherwise hang the test run.
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], {
    env: { ...process.env, SOCKET_TUTOR_LESSONS: lessons },
    encoding: "utf8",
    timeout: 10_000,
    killSignal: "SIGKILL",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the lesson a failure points to", () => {
  it("takes the title from the lesson's front matter", () => {
    const root = scratch("st-lessons-");
    mkdirSync(path.join(root, "08-chat"));
    writeFileSync(path.join(root, "08-chat", "lesson.md"), "---\nid: chat\ntitle: Chatting, renamed\nchapter: TCP\norder: 8\nsummary: x\n---\n\n## Step\n\nText.\n");
    const r = seeIn(root, "chat");
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, "see lesson 8, Chatting, renamed");
  });

  it("does not hang on a lesson.md that is a FIFO: it names the lesson from its own table", () => {
    const root = scratch("st-lessons-");
    mkdirSync(path.join(root, "08-chat"));
    execFileSync("mkfifo", [path.join(root, "08-chat", "lesson.md")]);
    const started = Date.now();
    const r = seeIn(root, "chat");
    assert.equal(r.status, 0, `the lookup did not finish (status ${r.status}, ${Date.now() - started} ms): ${r.stderr}`);
    assert.equal(r.stdout, "see lesson 8, The chat");
  });

  it("falls back to its own table when the lessons folder is missing", () => {
    const r = seeIn(path.join(scratch("st-lessons-"), "nowhere"), "udp");
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, "see lesson 9, UDP");
  });
});
