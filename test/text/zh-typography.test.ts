/**
 * Chinese punctuation and spacing where code and catalog meet: no space between two
 * Chinese characters when a time or size with a Chinese unit ("170 毫秒", "100 字节")
 * fills a placeholder; full-width brackets around Chinese text; the word order of
 * "run this in that folder" is the translation's, not the code's.
 */
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { LiveConsole } from "../../src/check/console.js";
import { formatCheck } from "../../src/check/report.js";
import { catalogOf, setLanguage } from "../../src/text/catalog.js";
import { formatMessage, messageArguments } from "../../src/text/format.js";
import { makeStyle } from "../../src/util/style.js";
import { labelled } from "../../src/text/label.js";
import { formatProgress } from "../../src/progress/report.js";
import { emptyProgress } from "../../src/progress/store.js";

/** Placeholders the code fills with a quantity that can end in a Chinese unit (seconds(), formatSize()). */
const QUANTITY = new Set(["time", "size", "amount"]);
const HAN_SPACE_HAN = /[\p{Script=Han}] +[\p{Script=Han}]/u;

describe("Chinese spacing and punctuation", () => {
  afterEach(() => setLanguage("en"));

  it("a time or size with a Chinese unit is not followed by a space before the next Chinese word", () => {
    const zh = catalogOf("zh-CN");
    const bad: string[] = [];
    for (const [key, src] of Object.entries(zh)) {
      const names = messageArguments(src!);
      if (!names.some((n) => QUANTITY.has(n))) continue;
      // Quantities get a value ending in a unit; the rest something neutral (a number for plurals).
      const args = Object.fromEntries(names.map((n) => [n, n === "time" ? "170 毫秒" : QUANTITY.has(n) ? "100 字节" : 2]));
      const out = formatMessage(src!, args, "zh-CN");
      if (HAN_SPACE_HAN.test(out)) bad.push(`${key}: ${out}`);
    }
    assert.deepEqual(bad, []);
  });

  it("a check that did not run: why in full-width brackets in Chinese, ASCII ones in English", () => {
    const check = { name: "后面的检查", passed: false, skipped: true, detail: "未运行：之前的一项检查失败了", ms: 0 };
    setLanguage("zh-CN");
    assert.equal(formatCheck(check, makeStyle(false), 100), "– 后面的检查（未运行：之前的一项检查失败了）");
    setLanguage("en");
    assert.equal(formatCheck({ ...check, name: "later", detail: "not run: an earlier check failed" }, makeStyle(false), 100), "– later (not run: an earlier check failed)");
  });

  it("the live console says where the program runs in the translation's word order", () => {
    let written = "";
    const stream = { write: (text: string) => ((written += text), true) } as unknown as NodeJS.WriteStream;
    setLanguage("zh-CN");
    const live = new LiveConsole(stream, makeStyle(false), 100, false);
    live.handle({ kind: "start", command: { file: "python3", args: ["x.py"], cwd: "/tmp/练习", display: "python3 x.py" }, env: { HOST: "127.0.0.1" } });
    live.finish();
    assert.match(written, /^在 \/tmp\/练习 中运行 python3 x\.py\n/);
    assert.doesNotMatch(written, /位置/);
  });

  it("no space after a label that ends with a full-width colon; one after an English label", () => {
    assert.equal(labelled("提示：", "演示没有按设计运行"), "提示：演示没有按设计运行");
    assert.equal(labelled("note:", "the demo"), "note: the demo");
    assert.equal(labelled("✗ 不对：", "a) x", (x) => `[${x}]`), "[✗ 不对：]a) x");
    setLanguage("zh-CN");
    const report = formatProgress([], [], emptyProgress(), "/x/progress.json", makeStyle(false), 200);
    assert.match(report, /^课程：已完成 0\/0/);
  });
});


describe("a call's outcome folded in a narrow pane", () => {
  it("keeps a number with its unit: '4 毫秒' is never split across two lines", async () => {
    const { foldCall } = await import("../../src/ui/live/format.js");
    const { plainText, seg } = await import("../../src/ui/live/paint.js");
    const line = [seg("  accept(fd 3)"), seg(" → "), seg("fd 4，对端 ('127.0.0.1', 38262)"), seg("  523 毫秒 · 演示 4 毫秒", "dim")];
    for (let width = 30; width <= 60; width++) {
      const rows = foldCall(line, width).map(plainText);
      for (let i = 0; i + 1 < rows.length; i++) assert.doesNotMatch(`${rows[i]}\n${rows[i + 1]}`, /\d\n\s*毫秒/, `at ${width}: ${rows.join(" / ")}`);
      assert.ok(rows.every((r) => !r.includes("\u00a0")), "the kept space prints as a space");
    }
  });
});
