import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { escapeTerminal, escapeTerminalBytes, TerminalDecoder } from "../../src/text/escape.js";
import { displayWidth, graphemes, padEnd, padStart, stripAnsi, truncate } from "../../src/text/width.js";
import { keepTogether, wrap, wrapLines } from "../../src/text/wrap.js";

const red = (s: string): string => `\x1b[31m${s}\x1b[39m`;

describe("display width", () => {
  it("counts columns, not code units", () => {
    assert.equal(displayWidth("socket"), 6);
    assert.equal(displayWidth("套接字"), 6, "CJK takes two columns each");
    assert.equal(displayWidth("e\u0301"), 1, "a combining accent takes none");
    assert.equal(displayWidth("👍🏽"), 2, "an emoji with a skin tone is one wide character");
    assert.equal(displayWidth("👩‍💻"), 2, "a ZWJ sequence is one picture");
    assert.equal(displayWidth(red("ab")), 2, "colour codes take none");
    assert.equal(displayWidth("ｆｕｌｌ"), 8, "fullwidth Latin");
  });

  it("strips colour codes", () => {
    assert.equal(stripAnsi(red("hi") + "\x1b]0;title\x07!"), "hi!");
  });

  it("splits into graphemes", () => {
    assert.deepEqual(graphemes("ae\u0301👩‍💻中"), ["a", "e\u0301", "👩‍💻", "中"]);
  });
});

describe("truncate and pad", () => {
  it("leaves text that fits alone", () => {
    assert.equal(truncate("hello", 5), "hello");
    assert.equal(truncate("中文", 4), "中文");
  });

  it("cuts ASCII with a mark inside the width", () => {
    assert.equal(truncate("hello world", 8), "hello w…");
    assert.equal(displayWidth(truncate("hello world", 8)), 8);
  });

  it("never lets a wide character straddle the edge", () => {
    // 5 columns: "ab" (2) + "中" (2) = 4, the next 中 would need 6, so the mark follows at column 5.
    assert.equal(truncate("ab中文字", 5), "ab中…");
    assert.equal(truncate("中文字", 4), "中…");
    assert.ok(displayWidth(truncate("中文字", 4)) <= 4);
    assert.equal(truncate("中文字", 2), "…", "no room for one wide character and the mark");
  });

  it("cuts between graphemes: an accent stays with its letter, an emoji sequence whole", () => {
    assert.equal(truncate("e\u0301e\u0301e\u0301e\u0301", 3), "e\u0301e\u0301…");
    assert.equal(truncate("a👩‍💻b👩‍💻", 4), "a👩‍💻…");
  });

  it("keeps colour codes so an opened style is closed", () => {
    const cut = truncate(red("hello world"), 6);
    assert.equal(stripAnsi(cut), "hello…");
    assert.ok(cut.endsWith("\x1b[39m"), "the closing code after the cut is kept");
  });

  it("pads to exact columns", () => {
    assert.equal(padEnd("中", 4), "中  ");
    assert.equal(padStart("中", 4), "  中");
    assert.equal(displayWidth(padEnd("中文字符", 5)), 5);
    assert.equal(padEnd(red("a"), 3), red("a") + "  ");
  });
});

describe("wrap", () => {
  it("never splits an emoji sequence or a letter from its accent, and measures them by columns", () => {
    const family = "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}"; // one grapheme, two columns
    const accented = "e\u0301"; // é as two code points, one column
    const lines = wrapLines(`${"ab ".repeat(3)}${family} ${accented}${accented} cd`, 10);
    for (const l of lines) assert.ok(displayWidth(l) <= 10, `${JSON.stringify(l)} is ${displayWidth(l)} columns`);
    const joined = lines.join(" ");
    assert.ok(joined.includes(family), "the family emoji is whole");
    // (wrap-ansi gives the text back in NFC: e + U+0301 comes back as é, the same letter.)
    assert.ok(joined.normalize("NFC").includes((accented + accented).normalize("NFC")), "each accent stays with its letter");
  });
  it("never breaks inside a command kept together, and prints it with plain spaces", () => {
    const command = "node /home/learner/socket-tutor/dist/src/cli.js solution tcp-echo";
    const out = wrap(`Compare with the reference solutions: ${keepTogether(command)}`, 80);
    assert.deepEqual(out.split("\n"), ["Compare with the reference solutions:", command]);
    assert.ok(!out.includes("\u00a0"));
  });
  it("wraps at spaces and keeps runs of spaces inside a line", () => {
    assert.equal(wrap("one two three four", 9), "one two\nthree\nfour");
    assert.equal(wrap("a  b", 10), "a  b");
    assert.equal(wrap("    indented text here", 12), "    indented\ntext here");
  });

  it("gives continuation lines the indent", () => {
    assert.equal(wrap("    got 1024 of 262144 bytes back", 16, "    "), "    got 1024 of\n    262144 bytes\n    back");
  });

  it("keeps existing line breaks", () => {
    assert.equal(wrap("a b\nc d", 3), "a b\nc d");
  });

  it("breaks East Asian text without spaces at a column, never inside a character", () => {
    const lines = wrapLines("套接字是应用层与传输层之间的抽象层", 9);
    for (const l of lines) assert.ok(displayWidth(l) <= 9, `${l} fits`);
    assert.equal(lines.join(""), "套接字是应用层与传输层之间的抽象层");
  });

  it("breaks a word longer than the width", () => {
    const lines = wrapLines("x".repeat(25), 10);
    assert.deepEqual(lines, ["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
  });

  it("keeps colour codes on each line", () => {
    const lines = wrapLines(red("red words here"), 9);
    assert.deepEqual(lines.map(stripAnsi), ["red words", "here"]);
    for (const l of lines) assert.ok(l.startsWith("\x1b[31m") && l.endsWith("\x1b[39m"), JSON.stringify(l));
  });

  it("measures wide characters when it wraps mixed text", () => {
    for (const l of wrapLines("the word 套接字 means socket in Chinese", 12)) assert.ok(displayWidth(l) <= 12, l);
  });
});

describe("escapeTerminal", () => {
  it("shows controls as escapes and passes printable Unicode", () => {
    assert.equal(escapeTerminal("a\x1b[2Jb"), "a\\x1b[2Jb");
    assert.equal(escapeTerminal("bell\x07 del\x7f nul\x00"), "bell\\x07 del\\x7f nul\\x00");
    assert.equal(escapeTerminal("套接字 café ß 👍🏽"), "套接字 café ß 👍🏽");
  });

  it("escapes every C1 control, not only CSI", () => {
    assert.equal(escapeTerminal("\u009b31m"), "\\x9b31m");
    assert.equal(escapeTerminal("\u009d0;evil\u009c"), "\\x9d0;evil\\x9c");
    assert.equal(escapeTerminal("\u0085"), "\\x85");
  });

  it("escapes bidi and zero-width format characters", () => {
    assert.equal(escapeTerminal("abc\u202edef"), "abc\\u202edef");
    assert.equal(escapeTerminal("\u2066x\u2069"), "\\u2066x\\u2069");
    assert.equal(escapeTerminal("a\u200bb\ufeff"), "a\\u200bb\\ufeff");
    assert.equal(escapeTerminal("\u{e0041}"), "\\U000e0041");
    assert.equal(escapeTerminal("x\u2028y"), "x\\u2028y");
  });

  it("keeps a zero-width joiner inside an emoji sequence, escapes it elsewhere", () => {
    assert.equal(escapeTerminal("👩‍💻"), "👩‍💻");
    assert.equal(escapeTerminal("a\u200db"), "a\\u200db");
  });

  it("keeps newlines only when asked, expands tabs only when asked", () => {
    assert.equal(escapeTerminal("a\nb\tc\r"), "a\\nb\\tc\\r");
    assert.equal(escapeTerminal("a\nb\tc\r", { keepNewlines: true, tabs: 2 }), "a\nb  c\\r");
    assert.equal(escapeTerminal("a\r\nb\tc", { keepNewlines: true, tabs: "keep" }), "a\r\nb\tc", "CR LF is a line end; a kept tab stays");
  });

  it("escapes lone surrogates", () => {
    assert.equal(escapeTerminal("a\ud800b"), "a\\ud800b");
    assert.equal(escapeTerminal("😀"), "😀");
  });
});

describe("escaping bytes", () => {
  it("shows invalid UTF-8 as \\xNN, never as a replacement character", () => {
    assert.equal(escapeTerminalBytes(Buffer.from([0x61, 0xff, 0x62, 0xc3])), "a\\xffb\\xc3");
    assert.equal(escapeTerminalBytes(Buffer.from([0xc0, 0xaf])), "\\xc0\\xaf", "an overlong slash");
    assert.equal(escapeTerminalBytes(Buffer.from([0xed, 0xa0, 0x80])), "\\xed\\xa0\\x80", "an encoded surrogate");
    assert.equal(escapeTerminalBytes(Buffer.from("中文\x1b[31m", "utf8")), "中文\\x1b[31m");
    assert.equal(escapeTerminalBytes(Buffer.from([0xc2, 0x9b])), "\\x9b", "a C1 control encoded as UTF-8");
  });

  it("holds a character split across chunks until the rest arrives", () => {
    const d = new TerminalDecoder();
    const bytes = Buffer.from("套", "utf8");
    assert.equal(d.write(bytes.subarray(0, 1)), "");
    assert.equal(d.write(bytes.subarray(1, 2)), "");
    assert.equal(d.write(bytes.subarray(2)), "套");
    assert.equal(d.end(), "");
    const cut = new TerminalDecoder();
    assert.equal(cut.write(Buffer.from([0x61, 0xe5, 0xa5])), "a");
    assert.equal(cut.end(), "\\xe5\\xa5", "an incomplete sequence at the end is shown as bytes");
  });

  it("does not confuse a real private-use character with an invalid byte", () => {
    assert.equal(escapeTerminalBytes(Buffer.from("\uf7ff", "utf8")), "\\uf7ff");
  });
});
