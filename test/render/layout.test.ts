/**
 * Text from a lesson tree, laid out and quoted by columns and escaped: a title in
 * Chinese takes two columns a character, and a bidi control in a file name must not
 * reorder the line it is printed in.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatProblem } from "../../src/lessons/load.js";
import { parseLesson } from "../../src/lessons/parse.js";
import type { Lesson } from "../../src/lessons/types.js";
import { stepHeader } from "../../src/render/lesson.js";
import { indented } from "../../src/render/quiz.js";
import { foldCodeBlocks, renderMarkdown } from "../../src/render/markdown.js";
import { blockAsMarkdown, renderLessonText } from "../../src/render/lesson.js";
import { loadLessons } from "../../src/lessons/load.js";
import { displayWidth } from "../../src/text/width.js";

function lesson(title: string): Lesson {
  return {
    meta: { id: "x", title, chapter: "c", order: 1, summary: "s" },
    folder: "01-x",
    dir: "/l/01-x",
    file: "/l/01-x/lesson.md",
    steps: [{ title: "Step", line: 8, blocks: [] }],
  };
}

describe("lesson text by display width", () => {
  it("a step header with a wide title fills the line exactly, the step count at the right edge", () => {
    const top = stepHeader(lesson("套接字是什么"), 0, { width: 60, colour: false }).split("\n")[0]!;
    assert.equal(displayWidth(top), 60, top);
    assert.match(top, /^Lesson 1 · 套接字是什么 +step 1 of 1$/);
  });

  it("a step header too wide for one line puts the count on its own line", () => {
    const header = stepHeader(lesson("套接字".repeat(10)), 0, { width: 50, colour: false });
    assert.deepEqual(header.split("\n").slice(0, 2), [`Lesson 1 · ${"套接字".repeat(10)}`, "step 1 of 1"]);
  });

  it("a Chinese list item that fills the line stays within it, numbered (\"  1. \", \"  10. \") or not", async () => {
    // 38 characters are 76 columns: one line under a 4-column bullet, but "  1. " is 5 columns.
    const item = "字".repeat(38);
    const md = `${Array.from({ length: 10 }, (_, i) => `${i + 1}. ${item}`).join("\n")}\n\n* ${item}\n`;
    const out = await renderMarkdown(md, { width: 80, colour: false });
    const over = out.split("\n").filter((l) => displayWidth(l) > 80);
    assert.deepEqual(over, []);
    assert.ok(out.includes("  10. 字"), out);
  });

  it("every prose line of the Chinese lessons fits an 80-column terminal (code blocks aside: they are shown as written)", async () => {
    const opts = { width: 80, colour: false, codeLanguage: "python" as const };
    const over: string[] = [];
    for (const l of loadLessons(undefined, "zh-CN").lessons) {
      for (const step of l.steps) {
        for (const b of step.blocks) {
          if (b.kind === "code") continue;
          const prose = blockAsMarkdown(b, l, opts).replace(/^```[^\n]*\n[\s\S]*?^```$/gm, "");
          for (const line of (await renderMarkdown(prose, opts)).split("\n")) if (displayWidth(line) > 80) over.push(`${l.meta.id} "${step.title}": ${line}`);
        }
      }
    }
    assert.deepEqual(over, []);
  });

  for (const language of ["en", "zh-CN"] as const) {
    it(`every line of every lesson in ${language}, code included, fits an 80-column terminal (a long code line is folded under its indent, marked ↪)`, async () => {
      const over: string[] = [];
      for (const l of loadLessons(undefined, language).lessons) {
        for (const line of (await renderLessonText(l, { width: 80, colour: false })).split("\n")) if (displayWidth(line) > 80) over.push(`${l.meta.id}: ${line}`);
      }
      assert.deepEqual(over, []);
    });
  }

  it("a long code line is folded, never reflowed: a short line stays as written, the long one's pieces keep its indent", () => {
    const code = "```python\nx = 1\n    print('a' * 10)  # " + "word ".repeat(20) + "\n```";
    const folded = foldCodeBlocks(code, 60).split("\n");
    assert.equal(folded[1], "x = 1");
    assert.ok(folded.slice(2, -1).length >= 2, folded.join("\n"));
    for (const l of folded.slice(3, -1)) assert.match(l, /^ {6}↪ /);
    const rejoined = folded.slice(2, -1).map((l) => l.replace(/^ {6}↪ /, "")).join(" ").replace(/\s+/g, " ").trim();
    assert.equal(rejoined, `print('a' * 10) # ${"word ".repeat(20).trim()}`, "nothing lost, nothing added but the marks");
  });

  it("a long line quoted from the front matter is cut to 60 columns, not 60 characters", () => {
    const text = `---\n${"套".repeat(100)}\n---\n## A\ntext\n`;
    const problem = parseLesson(text, "/l/01-x/lesson.md").problems.find((p) => p.line === 2);
    assert.ok(problem, "the bad front matter line is reported");
    const quoted = /got '(.*)'$/.exec(problem.message)![1]!;
    assert.ok(displayWidth(quoted) <= 60, `${displayWidth(quoted)} columns: ${quoted}`);
    assert.ok(quoted.endsWith("…"));
  });

  it("a problem's file name and message are escaped, bidi controls included", () => {
    const line = formatProblem({ file: "/l/a\u202eb/lesson.md", line: 3, message: "got '\u2066x\u2069'" }, "/l");
    assert.equal(line, "a\\u202eb/lesson.md:3: got '\\u2066x\\u2069'");
  });

  it("the lesson header shows the course's progress beside the step count when it fits, and the step alone when not", () => {
    const top = stepHeader(lesson("Listening"), 0, { width: 80, colour: false }, { done: 3, total: 11 }).split("\n")[0]!;
    assert.match(top, /step 1 of 1 · course ▰▰▰▱▱▱▱▱▱▱▱ 3\/11$/);
    assert.equal(displayWidth(top), 80);
    const narrow = stepHeader(lesson("A title long enough to need the room"), 0, { width: 60, colour: false }, { done: 3, total: 11 }).split("\n")[0]!;
    assert.match(narrow, /step 1 of 1$/);
  });

  it("a quiz explanation's inline code is rendered, not shown with its backticks", async () => {
    const text = await indented("Because `accept()` returns a new socket.", { width: 80, colour: false }, "   ");
    assert.match(text, /accept\(\)/);
    assert.doesNotMatch(text, /`/);
  });
});
