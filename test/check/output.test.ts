import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { displayLine, LineSplitter, MAX_LINE_COLUMNS } from "../../src/check/output.js";
import { displayWidth } from "../../src/text/width.js";

const texts = (lines: { text: string }[]): string[] => lines.map((l) => l.text);

describe("output lines (output.ts)", () => {
  it("keeps a character split across two chunks whole, and shows invalid UTF-8 as \\xNN", () => {
    const s = new LineSplitter();
    const zhong = Buffer.from("中");
    assert.deepEqual(s.push(Buffer.concat([Buffer.from("a"), zhong.subarray(0, 2)])), []);
    assert.deepEqual(texts(s.push(Buffer.concat([zhong.subarray(2), Buffer.from("b\n\xff\xfe!\n", "latin1")]))), ["a中b", "\\xff\\xfe!"]);
  });

  it("a CR before the newline is the line end, a CR inside a line is shown", () => {
    const s = new LineSplitter();
    assert.deepEqual(texts(s.push(Buffer.from("one\r\ntwo\rthree\n"))), ["one", "two\\rthree"]);
  });

  it("counts each line's bytes with its newline, and flushes the last unterminated one", () => {
    const s = new LineSplitter();
    assert.deepEqual(s.push(Buffer.from("ab\n\nxyz")), [
      { text: "ab", bytes: 3 },
      { text: "", bytes: 1 },
    ]);
    assert.deepEqual(s.flush(), { text: "xyz", bytes: 3 });
    assert.equal(s.flush(), undefined);
  });

  it("cuts a long line by columns between characters, saying exactly how many bytes were left out", () => {
    for (const unit of ["a", "中", "e\u0301", "👩‍💻", "\x1b"]) {
      const line = Buffer.from(unit.repeat(1000));
      const shown = displayLine(line);
      const m = /^(.*) … \((\d+) more bytes\)$/su.exec(shown);
      assert.ok(m, shown);
      assert.ok(displayWidth(shown) <= MAX_LINE_COLUMNS, `${unit}: ${displayWidth(shown)} columns`);
      assert.ok(displayWidth(shown) >= MAX_LINE_COLUMNS - 3, `${unit}: the room is used (${displayWidth(shown)} columns)`);
      const shownUnits = unit === "\x1b" ? m[1]!.length / 4 : m[1]!.length / unit.length;
      assert.ok(Number.isInteger(shownUnits), `${JSON.stringify(unit)}: cut inside a character: ${m[1]!.slice(-12)}`);
      assert.equal(Number(m[2]), line.length - shownUnits * Buffer.byteLength(unit), JSON.stringify(unit));
    }
  });

  it("a 100 MB line without a newline is one line, held in a few KiB", () => {
    const s = new LineSplitter();
    const chunk = Buffer.alloc(65536, "x");
    let most = 0;
    for (let i = 0; i < 1526; i++) {
      assert.deepEqual(s.push(chunk), []);
      most = Math.max(most, s.bytesHeld);
    }
    assert.ok(most <= 4096, `held ${most} bytes`);
    const last = s.flush()!;
    assert.equal(last.bytes, 1526 * 65536);
    const m = /^(x+) … \((\d+) more bytes\)$/.exec(last.text)!;
    assert.equal(Number(m[2]), 1526 * 65536 - m[1]!.length);
  });
});
