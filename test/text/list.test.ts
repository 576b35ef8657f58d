/**
 * Lists joined for display follow the language: "a, b, c" in English, "a、b、c" in
 * Chinese (the enumeration comma, never ", "), and no display list is joined with a
 * hard-coded separator in src/.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, it } from "node:test";
import { describePlan, makePlan } from "../../src/check/traffic.js";
import { setLanguage } from "../../src/text/catalog.js";
import { clausesOf, listOf, oneOf } from "../../src/text/list.js";
import { didYouMean } from "../../src/util/suggest.js";
import { repoRoot } from "../support/cli.js";

describe("lists in each language", () => {
  afterEach(() => setLanguage("en"));

  it("English: comma lists, 'or' for one of them, '; ' between clauses (as before)", () => {
    setLanguage("en");
    assert.equal(listOf(["a", "b", "c"]), "a, b, c");
    assert.equal(listOf([2, 3, 10]), "2, 3, 10");
    assert.equal(listOf(["a"]), "a");
    assert.equal(listOf([]), "");
    assert.equal(oneOf(["'a'", "'b'"]), "'a' or 'b'");
    assert.equal(clausesOf(["x", "y"]), "x; y");
  });

  it("Chinese: 、 between items, 或 before the last of a choice, ； between clauses", () => {
    setLanguage("zh-CN");
    assert.equal(listOf(["a", "b", "c"]), "a、b、c");
    assert.equal(listOf([2, 3, 10]), "2、3、10");
    assert.equal(oneOf(["'a'", "'b'", "'c'"]), "'a'、'b'或'c'");
    assert.equal(clausesOf(["x", "y"]), "x；y");
  });

  it("a checker's diagnosis in Chinese lists the pieces with 、 and no ', ' or '; '", () => {
    const lines = [Buffer.from("hello\n"), Buffer.from("world\n")];
    setLanguage("zh-CN");
    const zh = describePlan(makePlan(2, lines), true);
    assert.match(zh, /^分 \d+ 片：b'h'、b'e'、.*，每片都等你的程序读完上一片才发送$/);
    assert.ok(!zh.includes(", ") && !zh.includes("; "), zh);
    const cut = describePlan(makePlan(3, [Buffer.from("café au lait, crème brûlée")]), false);
    assert.ok(!cut.includes("; ") && !/\d, \d/.test(cut), cut);
    setLanguage("en");
    assert.match(describePlan(makePlan(2, lines), true), /^in \d+ pieces: b'h', b'e', .*, each sent once your program had read the one before$/);
  });

  it("'did you mean' in Chinese uses 或, in English 'or'", () => {
    setLanguage("zh-CN");
    assert.match(didYouMean("tcp-ech", ["tcp-echo", "tcp-echo2", "udp-kv"]), /'tcp-echo'或'tcp-echo2'/);
    setLanguage("en");
    assert.match(didYouMean("tcp-ech", ["tcp-echo", "tcp-echo2", "udp-kv"]), /'tcp-echo' or 'tcp-echo2'/);
  });
});

describe("no hard-coded list separator in src/", () => {
  /** Joins that are not a list for a reader, by file and a piece of the line: code shown as code (call
   * arguments), the tracers' own notes, data a chat server sends, and the shapes an author's
   * translation check compares (English against translated, the same separators on both sides). */
  const notLists: [string, string][] = [
    ["src/demo/format.ts", "${c.call}(${args.join"],
    ["src/demo/tracers/node/preload.ts", "api: `"],
    ["src/check/exercises/chat-room.ts", "* in the room: "],
    ["src/lessons/glossary.ts", "const shape = "],
    ["src/lessons/translation.ts", "english: a.join"],
    ["src/exercises/translation.ts", "const ids = "],
    ["src/text/list.ts", "common.clauseSeparator"],
  ];

  it('every .join(", ") / .join("; ") of display text goes through listOf / clausesOf', () => {
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.name.endsWith(".ts")) {
          const rel = path.relative(repoRoot, full).split(path.sep).join("/");
          readFileSync(full, "utf8").split("\n").forEach((line, i) => {
            if (notLists.some(([f, piece]) => f === rel && line.includes(piece))) return;
            if (/\.join\((["'])(, |; | and | or )\1\)|\.join\(t\(/.test(line)) found.push(`${rel}:${i + 1}: ${line.trim()}`);
          });
        }
      }
    };
    walk(path.join(repoRoot, "src"));
    assert.deepEqual(found, [], "join display lists with listOf()/oneOf()/clausesOf() from src/text/list.ts");
  });
});
