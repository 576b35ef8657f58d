/**
 * Translated lesson, task, hints and demo files: used when they match the English
 * (same steps, directives, quiz answers, hint ids; only the demo's texts), refused
 * when they do not, and marked stale (a warning) when the English changed since.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { loadLessons } from "../../src/lessons/load.js";
import { loadExercises } from "../../src/exercises/catalog.js";
import { readHints } from "../../src/exercises/files.js";
import { listDemos } from "../../src/demo/load.js";
import { findEntry, loadGlossary } from "../../src/lessons/glossary.js";
import { blobHash } from "../../src/util/blob-hash.js";
import { repoRoot, runCli, tempHome } from "../support/cli.js";

const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

const ENGLISH = `---
id: sample
title: A sample
chapter: Basics
order: 1
summary: One sample lesson.
---

## First

Some text.

::: code code/x.py
:::

## Second

::: quiz
Which?

- [ ] A
  No.
- [x] B
  Yes.
:::
`;

function translation(english: string, body: string, source = blobHash(english)): string {
  return `---\nsource: ${source}\ntitle: 示例\nchapter: 基础\nsummary: 一课示例。\n---\n${body}`;
}

const GOOD_BODY = `
## 第一步

一些文字。

::: code code/x.py
:::

## 第二步

::: quiz
哪一个？

- [ ] 甲
  不对。
- [x] 乙
  对。
:::
`;

function tree(zh?: string): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "st-tr-"));
  roots.push(root);
  mkdirSync(path.join(root, "01-sample", "code"), { recursive: true });
  writeFileSync(path.join(root, "01-sample", "lesson.md"), ENGLISH);
  writeFileSync(path.join(root, "01-sample", "code", "x.py"), "print('x')\n");
  if (zh !== undefined) writeFileSync(path.join(root, "01-sample", "lesson.zh-CN.md"), zh);
  return root;
}

describe("lesson translations", () => {
  it("are used for zh-CN when they match: titles, steps, quiz texts; id and order from the English", () => {
    const set = loadLessons(tree(translation(ENGLISH, GOOD_BODY)), "zh-CN");
    const l = set.lessons[0]!;
    assert.deepEqual(set.translations, []);
    assert.equal(l.meta.title, "示例");
    assert.equal(l.meta.id, "sample");
    assert.deepEqual(l.steps.map((s) => s.title), ["第一步", "第二步"]);
    assert.equal(l.translation?.stale, false);
    const quiz = l.steps[1]!.blocks.find((b) => b.kind === "quiz");
    assert.ok(quiz && quiz.kind === "quiz" && quiz.quiz.choices[1]!.text === "乙");
  });

  it("are not read for English", () => {
    const l = loadLessons(tree(translation(ENGLISH, GOOD_BODY)), "en").lessons[0]!;
    assert.equal(l.meta.title, "A sample");
    assert.equal(l.translation, undefined);
  });

  it("are refused (the English shown) when a step, a directive or a quiz answer differs", () => {
    const cases: [string, RegExp][] = [
      [GOOD_BODY.replace(/## 第二步[\s\S]*/, "## 第二步\n\n文字。\n"), /step 2 .* other directives than the English/],
      [GOOD_BODY + "\n## 第三步\n\n多余。\n", /this translation has 3 steps, the English has 2/],
      [GOOD_BODY.replace("- [ ] 甲", "- [x] 甲").replace("- [x] 乙", "- [ ] 乙"), /quiz \(2 choices, right answer 2\).*quiz \(2 choices, right answer 1\)/],
      [GOOD_BODY.replace("::: code code/x.py", "::: code code/y.py"), /code\/y\.py/],
    ];
    for (const [body, why] of cases) {
      const set = loadLessons(tree(translation(ENGLISH, body)), "zh-CN");
      assert.equal(set.lessons[0]!.meta.title, "A sample", why.source);
      assert.equal(set.translations.length >= 1, true, why.source);
      assert.equal(set.translations[0]!.kind, "mismatch");
      assert.match(set.translations.map((n) => n.message).join("\n"), why);
    }
  });

  it("are stale, still used and marked, when the English changed since", () => {
    const set = loadLessons(tree(translation(ENGLISH, GOOD_BODY, blobHash("an older English"))), "zh-CN");
    assert.equal(set.lessons[0]!.meta.title, "示例");
    assert.equal(set.lessons[0]!.translation?.stale, true);
    assert.equal(set.translations.length, 1);
    assert.equal(set.translations[0]!.kind, "stale");
    assert.match(set.translations[0]!.message, /out of date: lesson\.md changed/);
  });

  it("record git's own hash of the English file", () => {
    const file = path.join(repoRoot, "lessons", "01-what-is-a-socket", "lesson.md");
    const git = execFileSync("git", ["hash-object", file], { cwd: repoRoot, encoding: "utf8" }).trim();
    assert.equal(blobHash(readFileSync(file, "utf8")), git);
  });
});

describe("exercise and demo translations", () => {
  function exerciseTree(): string {
    const root = mkdtempSync(path.join(os.tmpdir(), "st-tr-ex-"));
    roots.push(root);
    cpSync(path.join(repoRoot, "lessons", "exercises", "tcp-echo"), path.join(root, "exercises", "tcp-echo"), { recursive: true });
    for (const f of ["task.zh-CN.md", "hints.zh-CN.md"]) rmSync(path.join(root, "exercises", "tcp-echo", f), { force: true });
    return root;
  }

  it("task.zh-CN.md gives the title, summary and task; hints.zh-CN.md the hints with the same ids", () => {
    const root = exerciseTree();
    const dir = path.join(root, "exercises", "tcp-echo");
    const task = readFileSync(path.join(dir, "task.md"), "utf8");
    const hints = readFileSync(path.join(dir, "hints.md"), "utf8");
    writeFileSync(path.join(dir, "task.zh-CN.md"), `---\nsource: ${blobHash(task)}\ntitle: TCP 回显服务器\nsummary: 摘要。\n---\n任务。\n`);
    const zhHints = hints.replace(/^## (.*?) \{#/gm, "## 译：$1 {#");
    writeFileSync(path.join(dir, "hints.zh-CN.md"), `---\nsource: ${blobHash(hints)}\n---\n${zhHints}`);
    const set = loadExercises(path.join(root, "exercises"), "zh-CN");
    assert.deepEqual(set.translations, []);
    const ex = set.exercises[0]!;
    assert.equal(ex.title, "TCP 回显服务器");
    assert.equal(ex.task, "任务。");
    assert.ok(readHints(ex).every((h) => h.title.startsWith("译：")));

    // A hint id changed: the English hints are given, and the tests are told.
    writeFileSync(path.join(dir, "hints.zh-CN.md"), `---\nsource: ${blobHash(hints)}\n---\n${zhHints.replace("{#goodbye}", "{#bye}")}`);
    const again = loadExercises(path.join(root, "exercises"), "zh-CN");
    assert.match(again.translations.map((n) => n.message).join("\n"), /the hints here are .*bye.*the English has .*goodbye/);
    assert.ok(!readHints(again.exercises[0]!).some((h) => h.title.startsWith("译：")));
  });

  it("demo.zh-CN.json holds only text fields: used when it does; refused when it sets anything else", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "st-tr-demo-"));
    roots.push(root);
    const from = path.join(repoRoot, "lessons", "01-what-is-a-socket", "demos", "first-socket");
    const dir = path.join(root, "01-what-is-a-socket", "demos", "first-socket");
    cpSync(from, dir, { recursive: true });
    rmSync(path.join(dir, "demo.zh-CN.json"), { force: true });
    const source = blobHash(readFileSync(path.join(dir, "demo.json"), "utf8"));
    writeFileSync(path.join(dir, "demo.zh-CN.json"), JSON.stringify({ source, title: "标题", notes: { node: "说明" }, focus: { what: "看这里" } }));
    const set = listDemos(root, "zh-CN");
    assert.deepEqual(set.translations, []);
    const spec = set.demos[0]!.spec;
    assert.equal(spec.title, "标题");
    assert.equal(spec.notes?.node, "说明");
    assert.equal(spec.focus?.what, "看这里");
    assert.equal(spec.port, 8000, "what runs is the English file's");

    writeFileSync(path.join(dir, "demo.zh-CN.json"), JSON.stringify({ source, title: "标题", port: 9000 }));
    const bad = listDemos(root, "zh-CN");
    assert.equal(bad.demos[0]!.spec.port, 8000);
    assert.equal(bad.demos[0]!.spec.title, "A socket is a file descriptor");
    assert.match(bad.translations[0]!.message, /"port" is not a text field/);
  });

  it("demo.zh-CN.json translates outcome.what, the claim a finished run is judged by (\"The demo ran as designed: …\")", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "st-tr-outcome-"));
    roots.push(root);
    const from = path.join(repoRoot, "lessons", "01-what-is-a-socket", "demos", "first-socket");
    const dir = path.join(root, "01-what-is-a-socket", "demos", "first-socket");
    cpSync(from, dir, { recursive: true });
    const english = JSON.parse(readFileSync(path.join(dir, "demo.json"), "utf8")) as { outcome?: { what: string; expect: unknown[] } };
    assert.ok(english.outcome, "the fixture demo declares an outcome");
    const source = blobHash(readFileSync(path.join(dir, "demo.json"), "utf8"));
    writeFileSync(path.join(dir, "demo.zh-CN.json"), JSON.stringify({ source, title: "标题", outcome: { what: "服务器的套接字监听过，然后关闭了。" } }));
    const set = listDemos(root, "zh-CN");
    assert.deepEqual(set.translations, []);
    const spec = set.demos[0]!.spec;
    assert.equal(spec.outcome?.what, "服务器的套接字监听过，然后关闭了。");
    assert.deepEqual(spec.outcome?.expect, english.outcome.expect, "what is checked stays the English file's");

    // The expectations are not text: a translation that sets them is refused.
    writeFileSync(path.join(dir, "demo.zh-CN.json"), JSON.stringify({ source, outcome: { what: "译文", expect: [] } }));
    const bad = listDemos(root, "zh-CN");
    assert.equal(bad.demos[0]!.spec.outcome?.what, english.outcome.what);
    assert.match(bad.translations.map((n) => n.message).join("\n"), /"outcome.expect" is not a text field/);
  });
});

describe("the glossary's translation", () => {
  it("is used when it has the English terms in order (English names still find them), refused otherwise", () => {
    const root = tree();
    const english = "## TIME_WAIT\nalso: time wait\nlesson: sample\n\nThe state after closing first.\n\n## backlog\nlesson: sample\n\nThe number given to listen().\n";
    writeFileSync(path.join(root, "glossary.md"), english);
    const zh = `---\nsource: ${blobHash(english)}\n---\n## TIME_WAIT\nlesson: sample\n\n先关闭的一方的状态。\n\n## backlog\nalso: 监听队列长度\nlesson: sample\n\n传给 listen() 的数字。\n`;
    writeFileSync(path.join(root, "glossary.zh-CN.md"), zh);
    const g = loadGlossary(root, "zh-CN");
    assert.deepEqual(g.translations, []);
    assert.equal(findEntry(g, "time wait")?.text, "先关闭的一方的状态。");
    assert.equal(findEntry(g, "监听队列长度")?.term, "backlog");

    writeFileSync(path.join(root, "glossary.zh-CN.md"), zh.replace("## backlog", "## 积压"));
    const bad = loadGlossary(root, "zh-CN");
    assert.equal(findEntry(bad, "TIME_WAIT")?.text, "The state after closing first.");
    assert.match(bad.translations![0]!.message, /the terms here are not the English ones/);
  });
});

describe("stale translations, for authors", () => {
  function gitTree(): { root: string; lesson: string } {
    const root = tree();
    const git = (...args: string[]): string => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...args], { cwd: root, encoding: "utf8" });
    git("init", "-q");
    git("add", ".");
    git("commit", "-q", "-m", "English");
    const lesson = path.join(root, "01-sample", "lesson.md");
    writeFileSync(path.join(root, "01-sample", "lesson.zh-CN.md"), translation(ENGLISH, GOOD_BODY));
    git("add", ".");
    git("commit", "-q", "-m", "zh-CN");
    writeFileSync(lesson, ENGLISH.replace("Some text.", "Some better text."));
    git("commit", "-q", "-am", "English changes");
    return { root, lesson };
  }

  it("list warns under SOCKET_TUTOR_LESSONS, by file, and still exits 0", async () => {
    const { root } = gitTree();
    const r = await runCli(["list"], { env: { SOCKET_TUTOR_HOME: tempHome(), SOCKET_TUTOR_LESSONS: root } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: zh-CN translations: 1 out of date, 0 not used/);
    assert.match(r.stderr, /01-sample\/lesson\.zh-CN\.md:2: out of date: lesson\.md changed/);
  });

  it("the lesson walk shows a stale translation, marked", async () => {
    const { root } = gitTree();
    const r = await runCli(["show", "sample", "--lang", "zh-CN"], { env: { SOCKET_TUTOR_HOME: tempHome(), SOCKET_TUTOR_LESSONS: root } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /第一步/);
    assert.match(r.stdout, /译文/, "the stale mark, in Chinese");
  });

  it("the script prints each stale translation and the English diff since", () => {
    const { root } = gitTree();
    const out = (() => {
      try {
        return execFileSync(process.execPath, [path.join(repoRoot, "dist", "scripts", "i18n.js"), "stale"], { env: { ...process.env, SOCKET_TUTOR_LESSONS: root }, encoding: "utf8" });
      } catch (err) {
        return (err as { stdout: string }).stdout;
      }
    })();
    assert.match(out, /lesson\.zh-CN\.md:2: out of date/);
    assert.match(out, /translated from the English of \w+ .* English/);
    assert.match(out, /-Some text\./);
    assert.match(out, /\+Some better text\./);
  });
});
