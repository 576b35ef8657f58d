/**
 * Views measure text by display width (src/text), never by .length: a Chinese character
 * takes two columns, an accented letter may be two code units in one column.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { quizRows } from "../../src/ui/quiz.js";
import { repoRoot } from "../support/cli.js";

function walk(p: string): string[] {
  try {
    return readdirSync(p, { withFileTypes: true }).flatMap((d) => walk(path.join(p, d.name)));
  } catch {
    return p.endsWith(".ts") ? [p] : [];
  }
}

describe("layout by display width", () => {
  it("a quiz in Chinese needs the rows its wide characters take", () => {
    const question = "服务器在 accept() 之前暂停。客户端的 connect() 会怎样？".repeat(2);
    const ascii = { question: "x".repeat(question.length), choices: [{ text: "a", correct: true, explanation: "" }] };
    const wide = { question, choices: [{ text: "连接在内核的接受队列里等待，connect() 立刻返回".repeat(2), correct: true, explanation: "" }] };
    // 60 wide characters and spaces take about 100 columns: two rows at 80, not one.
    assert.ok(quizRows(wide, 80) >= quizRows(ascii, 80) + 2, `${quizRows(wide, 80)} rows for the wide quiz, ${quizRows(ascii, 80)} for ASCII`);
  });

  it("no view divides a .length by a width or pads with String.padEnd (use displayWidth, padEnd from src/text)", () => {
    const roots = ["src/ui", "src/commands", "src/render", "src/check/report.ts", "src/check/console.ts"].map((p) => path.join(repoRoot, p));
    const files = roots.flatMap((p) => walk(p));
    const bad = /\.length\s*[/*+-]\s*\(?\w*(?:[wW]idth|cols|columns)\b|\b(?:[wW]idth|cols|columns)\s*-\s*[\w.]+\.length\b|\.pad(?:End|Start)\(/;
    const hits = files.flatMap((f) => readFileSync(f, "utf8").split("\n").map((l, i) => ({ f, i, l })).filter(({ l }) => bad.test(l) && !/String\([^)]*\)\.pad(Start|End)/.test(l)));
    assert.deepEqual(hits.map(({ f, i, l }) => `${path.relative(repoRoot, f)}:${i + 1}: ${l.trim()}`), []);
  });
});
