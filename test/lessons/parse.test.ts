import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseLesson } from "../../src/lessons/parse.js";

const FRONT = ["---", "id: sample", "title: A sample", "chapter: Tests", "order: 7", "summary: Just for tests.", "---", ""].join("\n");

function parse(body: string, files: Record<string, string> = {}) {
  return parseLesson(FRONT + body, "/x/lesson.md", { readFile: (p) => files[p] });
}

function messages(body: string, files: Record<string, string> = {}): string[] {
  return parse(body, files).problems.map((p) => `${p.line}: ${p.message}`);
}

describe("lesson parser", () => {
  it("reads front matter and splits steps at ## headings", () => {
    const r = parse("## One\n\nHello **world**.\n\n## Two\n\nMore.\n");
    assert.deepEqual(r.problems, []);
    const lesson = r.lesson!;
    assert.deepEqual(lesson.meta, { id: "sample", title: "A sample", chapter: "Tests", order: 7, summary: "Just for tests." });
    assert.deepEqual(
      lesson.steps.map((s) => [s.title, s.line, s.blocks.map((b) => b.kind)]),
      [
        ["One", 8, ["markdown"]],
        ["Two", 12, ["markdown"]],
      ],
    );
    assert.equal((lesson.steps[0]!.blocks[0] as { text: string }).text, "Hello **world**.");
  });

  it("does not split steps or open directives inside fenced code", () => {
    const r = parse("## Code\n\n```python\n## not a step\n::: quiz\n```\n");
    assert.deepEqual(r.problems, []);
    assert.equal(r.lesson!.steps.length, 1);
    assert.match((r.lesson!.steps[0]!.blocks[0] as { text: string }).text, /## not a step/);
  });

  it("parses a quiz with an explanation for every choice", () => {
    const r = parse("## Q\n\n::: quiz\nWhat does `bind()` set?\n\n- [ ] The client's address\n  No: the local one.\n- [x] The socket's own address\n  Yes: its local address,\n  on this host.\n:::\n");
    assert.deepEqual(r.problems, []);
    const block = r.lesson!.steps[0]!.blocks[0]!;
    assert.equal(block.kind, "quiz");
    if (block.kind !== "quiz") return;
    assert.equal(block.quiz.question, "What does `bind()` set?");
    assert.deepEqual(block.quiz.choices, [
      { text: "The client's address", correct: false, explanation: "No: the local one." },
      { text: "The socket's own address", correct: true, explanation: "Yes: its local address, on this host." },
    ]);
  });

  it("reads demo, exercise and code directives", () => {
    const r = parse("## D\n\n::: demo tcp-step-by-step\nWatch the accept queue.\n:::\n\n::: exercise tcp-echo\n:::\n\n::: code a.py b.mjs\nCaption\n:::\n", { "a.py": "print(1)\n", "b.mjs": "console.log(1)\n" });
    assert.deepEqual(r.problems, []);
    const [demo, exercise, code] = r.lesson!.steps[0]!.blocks;
    assert.deepEqual(demo, { kind: "demo", line: 10, demo: "tcp-step-by-step", text: "Watch the accept queue." });
    assert.deepEqual(exercise, { kind: "exercise", line: 14, exercise: "tcp-echo", text: "" });
    assert.equal(code!.kind, "code");
    if (code!.kind === "code") assert.deepEqual(code.files.map((f) => [f.path, f.language, f.source]), [["a.py", "python", "print(1)\n"], ["b.mjs", "javascript", "console.log(1)\n"]]);
  });

  describe("reports malformed lessons with the line", () => {
    const cases: [string, string, RegExp][] = [
      ["text before the first step", "Intro text\n## x\nok\n", /^8: text before the first step/],
      ["unclosed directive", "## x\n::: quiz\nQ?\n- [x] a\n  b\n", /^9: '::: quiz' is not closed/],
      ["unknown directive", "## x\n::: video foo\n:::\n", /^9: unknown directive '::: video'/],
      ["quiz without a correct answer", "## x\n::: quiz\nQ?\n- [ ] a\n  why a\n- [ ] b\n  why b\n:::\n", /^9: a quiz needs exactly one correct choice marked '\[x\]', found 0/],
      ["quiz with two correct answers", "## x\n::: quiz\nQ?\n- [x] a\n  why a\n- [x] b\n  why b\n:::\n", /found 2/],
      ["choice without explanation", "## x\n::: quiz\nQ?\n- [x] a\n- [ ] b\n  why b\n:::\n", /^11: choice 'a' has no explanation/],
      ["quiz without question", "## x\n::: quiz\n- [x] a\n  why\n- [ ] b\n  why\n:::\n", /^9: the quiz has no question/],
      ["demo without id", "## x\n::: demo\n:::\n", /^9: '::: demo' takes one demo id/],
      ["code file missing", "## x\n::: code nope.py\n:::\n", /^9: 'nope.py' does not exist beside the lesson/],
      ["code file outside the lesson", "## x\n::: code ../../etc/passwd\n:::\n", /^9: '..\/..\/etc\/passwd': code files must be inside the lesson folder/],
      ["stray closing fence", "## x\nok\n:::\n", /^10: a closing ':::' without an opening directive/],
      ["empty step", "## x\n## y\nok\n", /^8: step 'x' is empty/],
      ["unclosed code block", "## x\n```\ncode\n", /: a code block \(```\) is not closed/],
      ["heading inside a directive", "## x\n::: demo foo\n## y\n:::\n", /^10: a step heading inside '::: demo'/],
    ];
    for (const [name, body, expected] of cases) {
      it(name, () => {
        const got = messages(body);
        assert.ok(got.some((m) => expected.test(m)), `expected ${expected} in:\n${got.join("\n")}`);
        assert.equal(parse(body).lesson, undefined);
      });
    }
  });

  it("reports a file without front matter at line 1", () => {
    const r = parseLesson("## x\nText\n", "f.md");
    assert.equal(r.lesson, undefined);
    assert.deepEqual(r.problems.map((p) => [p.line, p.message.split(":")[0]]), [[1, "missing front matter"]]);
  });

  describe("validates front matter", () => {
    const base = { id: "sample", title: "T", chapter: "C", order: "1", summary: "S" };
    const build = (v: Record<string, string>): string => ["---", ...Object.entries(v).map(([k, x]) => `${k}: ${x}`), "---", "## s", "ok", ""].join("\n");
    it("needs every key", () => {
      for (const key of Object.keys(base)) {
        const copy: Record<string, string> = { ...base };
        delete copy[key];
        const r = parseLesson(build(copy), "f.md");
        assert.ok(r.problems.some((p) => p.message === `front matter needs '${key}'`), key);
      }
    });
    it("rejects a bad id, a non-numeric order, unknown and duplicate keys", () => {
      assert.match(parseLesson(build({ ...base, id: "Bad Id" }), "f.md").problems[0]!.message, /must be kebab-case/);
      assert.match(parseLesson(build({ ...base, order: "two" }), "f.md").problems[0]!.message, /order must be a whole number/);
      assert.match(parseLesson(build({ ...base, tilte: "x" }), "f.md").problems[0]!.message, /unknown front matter key 'tilte'/);
      const dup = ["---", "id: a", "id: b", "title: T", "chapter: C", "order: 1", "summary: S", "---", "## s", "ok"].join("\n");
      assert.equal(parseLesson(dup, "f.md").problems[0]!.line, 3);
    });
    it("accepts quoted values and CRLF line ends", () => {
      const r = parseLesson(build({ ...base, title: '"Quoted: yes"' }).replace(/\n/g, "\r\n"), "f.md");
      assert.deepEqual(r.problems, []);
      assert.equal(r.lesson!.meta.title, "Quoted: yes");
    });
  });
});
