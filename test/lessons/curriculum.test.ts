import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { listDemos } from "../../src/demo/load.js";
import { loadExercises } from "../../src/exercises/catalog.js";
import { loadLessons } from "../../src/lessons/load.js";
import { checkReferences } from "../../src/lessons/references.js";
import type { Block, Lesson, Quiz } from "../../src/lessons/types.js";
import { blockAsMarkdown, stepHeader } from "../../src/render/lesson.js";
import { renderMarkdown } from "../../src/render/markdown.js";
import { which } from "../../src/util/which.js";

/** The shipped curriculum, checked as a whole: what a learner will meet in the menu. */
const { lessons, problems } = loadLessons();
const demos = listDemos();
const exercises = loadExercises();
const blocks = (l: Lesson): Block[] => l.steps.flatMap((s) => s.blocks);

/** A choice's length as the learner reads it: Markdown's backticks and stars are not read. */
const visibleLength = (text: string): number => text.replace(/[`*]/g, "").trim().length;

interface QuizShape {
  where: string;
  /** 0 for (a), 1 for (b)... */
  position: number;
  choices: number;
  /** The right choice is at least as long as every other one. */
  rightIsLongest: boolean;
  /** The right choice's length over the mean length of the wrong ones. */
  ratio: number;
}

function shapeOf(where: string, quiz: Quiz): QuizShape {
  const lengths = quiz.choices.map((c) => visibleLength(c.text));
  const position = quiz.choices.findIndex((c) => c.correct);
  const right = lengths[position]!;
  const wrong = lengths.filter((_, i) => i !== position);
  const meanWrong = wrong.reduce((a, b) => a + b, 0) / Math.max(1, wrong.length);
  return { where, position, choices: lengths.length, rightIsLongest: wrong.every((n) => right >= n), ratio: right / meanWrong };
}

describe("the curriculum", () => {
  it("has sixteen valid lessons in order, in at most four chapters", () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(demos.problems, []);
    assert.deepEqual(exercises.problems, []);
    assert.deepEqual(lessons.map((l) => l.meta.order), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    assert.deepEqual(
      lessons.map((l) => l.meta.id),
      ["what-is-a-socket", "addressing", "address-families", "socket-types", "server-calls", "listen-backlog", "client-calls", "chat", "udp", "closing", "many-clients", "framing", "nonblocking", "things-go-wrong", "names-and-addresses", "udp-protocol"],
    );
    assert.ok(new Set(lessons.map((l) => l.meta.chapter)).size <= 4);
  });

  it("names only demos and exercises that exist", () => {
    const checked = checkReferences(lessons, { demos: demos.demos.map((d) => d.spec.id), exercises: exercises.exercises.map((e) => e.id) });
    assert.deepEqual(checked.problems, []);
  });

  it("gives every lesson a live demo and a quiz of two to four questions", () => {
    for (const l of lessons) {
      const b = blocks(l);
      assert.ok(b.some((x) => x.kind === "demo"), `${l.meta.id} has a demo`);
      const quizzes = b.filter((x) => x.kind === "quiz").length;
      assert.ok(quizzes >= 2 && quizzes <= 4, `${l.meta.id} has ${quizzes} quiz questions`);
    }
  });

  it("lesson 10 shows each way a connection ends on the wire: the FIN of shutdown(), TIME_WAIT, and the RST of a close with unread data", () => {
    const closing = lessons.find((l) => l.meta.id === "closing")!;
    const shown = blocks(closing).flatMap((b) => (b.kind === "demo" ? [b] : []));
    assert.deepEqual(shown.map((b) => b.demo), ["reset-unread", "close-shutdown", "time-wait"]);
    const reset = shown[0]!;
    // What to look for: the reset on the wire, instead of a FIN.
    assert.match(reset.text, /\*\*w\*\*/);
    assert.match(reset.text, /RST\+ACK\*\*, not FIN\+ACK/);
    assert.match(reset.text, /ECONNRESET/);
  });

  it("uses every demo and every exercise somewhere, and each exercise names a real lesson", () => {
    const usedDemos = new Set(lessons.flatMap((l) => blocks(l).flatMap((b) => (b.kind === "demo" ? [b.demo] : []))));
    const usedExercises = new Set(lessons.flatMap((l) => blocks(l).flatMap((b) => (b.kind === "exercise" ? [b.exercise] : []))));
    for (const d of demos.demos) assert.ok(usedDemos.has(d.spec.id), `demo ${d.spec.id} is in a lesson`);
    for (const e of exercises.exercises) {
      assert.ok(usedExercises.has(e.id), `exercise ${e.id} is in a lesson`);
      assert.ok(lessons.some((l) => l.meta.id === e.lesson), `exercise ${e.id} names lesson '${e.lesson}'`);
    }
  });

  it("shows demo programs exactly as the demos run them", () => {
    for (const l of lessons) {
      for (const b of blocks(l)) {
        if (b.kind !== "code") continue;
        for (const f of b.files) {
          const m = /^demos\/([^/]+)\/(.+)$/.exec(f.path);
          if (!m) continue;
          const demo = demos.demos.find((d) => d.spec.id === m[1] && d.lessonFolder === l.folder);
          assert.ok(demo, `${l.meta.id}: ${f.path} belongs to a demo of this lesson`);
          const runs = demo.spec.processes.flatMap((p) => [p.python, p.node]);
          assert.ok(runs.includes(m[2]!), `${l.meta.id}: ${f.path} is a program demo ${m[1]} runs (${runs.join(", ")})`);
        }
      }
    }
  });

  it("lists only standalone programs that run as shown", { timeout: 120_000 }, () => {
    const python = which("python3");
    for (const l of lessons) {
      for (const b of blocks(l)) {
        if (b.kind !== "code") continue;
        for (const f of b.files) {
          if (f.path.startsWith("demos/")) continue;
          const file = path.join(l.dir, f.path);
          const cmd = f.language === "python" ? python : f.language === "javascript" ? process.execPath : undefined;
          if (!cmd) continue;
          const r = spawnSync(cmd, [file], { cwd: path.dirname(file), timeout: 20_000, encoding: "utf8" });
          assert.equal(r.status, 0, `${l.meta.id}: ${f.path} exits 0\n${r.stdout}\n${r.stderr}`);
        }
      }
    }
  });

  it("keeps prose steps within a 100x30 terminal (long listings are paged)", async () => {
    const opts = { width: 100, colour: false, codeLanguage: "python" as const };
    const tooLong: string[] = [];
    for (const l of lessons) {
      for (let i = 0; i < l.steps.length; i++) {
        const step = l.steps[i]!;
        if (step.blocks.some((b) => b.kind === "code" || b.kind === "quiz")) continue;
        let text = stepHeader(l, i, opts) + "\n\n";
        for (const b of step.blocks) text += (await renderMarkdown(blockAsMarkdown(b, l, opts), opts)) + "\n\n";
        // The step's prompt takes about six rows below the text.
        const rows = text.trimEnd().split("\n").length;
        if (rows > 24) tooLong.push(`${l.meta.id} step ${i + 1} "${step.title}": ${rows} rows`);
      }
    }
    assert.deepEqual(tooLong, []);
  });

  it("spreads quiz answers over the positions and does not make the right one the longest", () => {
    // A quiz whose answer is always (b), or always the longest choice, can be passed without
    // reading it. The printout is the evidence: where the answers are, and how long they are.
    const shapes = lessons.flatMap((l) =>
      blocks(l).flatMap((b) => (b.kind === "quiz" ? [shapeOf(`${l.meta.id}:${b.line}`, b.quiz)] : [])),
    );
    assert.ok(shapes.length > 0, "the curriculum has quizzes");
    const letters = "abcdef";
    const byPosition = new Map<string, number>();
    for (const q of shapes) byPosition.set(letters[q.position]!, (byPosition.get(letters[q.position]!) ?? 0) + 1);
    const longest = shapes.filter((q) => q.rightIsLongest);
    const ratios = shapes.map((q) => q.ratio).sort((a, b) => a - b);
    const median = ratios[Math.floor(ratios.length / 2)]!;
    const lines = [
      `${shapes.length} quizzes; right answer at ${[...byPosition].sort().map(([p, n]) => `(${p}) ${n}`).join(", ")}`,
      `right answer longest (or tied) in ${longest.length} of ${shapes.length}`,
      `right length / mean wrong length: min ${ratios[0]!.toFixed(2)}, median ${median.toFixed(2)}, max ${ratios.at(-1)!.toFixed(2)}`,
      ...shapes.map((q) => `  ${q.where.padEnd(24)} (${letters[q.position]}) of ${q.choices}  ratio ${q.ratio.toFixed(2)}${q.rightIsLongest ? "  longest" : ""}`),
    ];
    console.log(lines.join("\n"));
    for (const [p, n] of byPosition) assert.ok(n <= 0.4 * shapes.length, `(${p}) holds ${n} of ${shapes.length} right answers: more than 40%`);
    assert.ok(longest.length <= shapes.length / 2, `the right answer is the longest choice in ${longest.length} of ${shapes.length} quizzes: more than half`);
  });

  it("lets the tutor say right or wrong: no explanation starts with a verdict of its own", () => {
    // The tutor prints "✓ Right" or "✗ Not right" before the explanation; "Yes." after it reads twice.
    const verdicts = /^(yes|no|right|correct|wrong|not quite|not yet|exactly|true|false)\b/i;
    const doubled = lessons.flatMap((l) =>
      blocks(l).flatMap((b) => (b.kind === "quiz" ? b.quiz.choices.filter((c) => verdicts.test(c.explanation)).map((c) => `${l.meta.id}:${b.line}: ${c.explanation.slice(0, 40)}`) : [])),
    );
    assert.deepEqual(doubled, []);
  });

  it("tells the learner to run commands only through {{tutor}}, so they run as printed", () => {
    // "socket-tutor verify ..." is command not found unless the tutor is installed as a command.
    const names = ["start", "list", "show", "lesson", "demo", "exercise", "verify", "hint", "solution", "progress", "reset", "doctor", "glossary", "search"];
    const bare = new RegExp(`(^|[^\\w/{-])socket-tutor (${names.join("|")})\\b`);
    const found: string[] = [];
    for (const l of lessons) for (const [i, line] of readFileSync(l.file, "utf8").split("\n").entries()) if (bare.test(line)) found.push(`${l.file}:${i + 1}`);
    for (const e of exercises.exercises) {
      for (const name of readdirSync(e.dir)) {
        for (const [i, line] of readFileSync(path.join(e.dir, name), "utf8").split("\n").entries()) if (bare.test(line)) found.push(`${e.dir}/${name}:${i + 1}`);
      }
    }
    assert.deepEqual(found, []);
  });
});
