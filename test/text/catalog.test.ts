import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ArgNames } from "../../src/text/catalog.js";
import { formatMessage, messageArguments, MessageSyntaxError } from "../../src/text/format.js";

// Compile-time checks of the placeholder extraction: a wrong answer fails `tsc`, which `npm test` runs first.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const plural: Equal<ArgNames<"Passed: all {total, plural, one {# check} other {# checks}} in {ms} ms.">, "total" | "ms"> = true;
const nested: Equal<ArgNames<"{n, plural, one {# hint for {id}} other {# hints for {id}}}">, "n" | "id"> = true;
const literal: Equal<ArgNames<"print \\{ exercise, passed \\} for {id}">, "id"> = true;
const escapedList: Equal<ArgNames<"read from /proc/net/\\{tcp,udp\\} for {pid}">, "pid"> = true;
const none: Equal<ArgNames<"no placeholders, it's plain">, never> = true;
void [plural, nested, literal, escapedList, none];

describe("message format", () => {
  it("fills in arguments and keeps apostrophes as text", () => {
    assert.equal(formatMessage("Run 'socket-tutor {cmd}' again", { cmd: "list" }), "Run 'socket-tutor list' again");
  });

  it("chooses plural forms with Intl, # as the number", () => {
    const m = "{n, plural, =0 {no hints} one {# hint} other {# hints}} left";
    assert.equal(formatMessage(m, { n: 0 }), "no hints left");
    assert.equal(formatMessage(m, { n: 1 }), "1 hint left");
    assert.equal(formatMessage(m, { n: 7 }), "7 hints left");
    assert.equal(formatMessage("{n, plural, other {# 个提示}}", { n: 3 }, "zh-CN"), "3 个提示", "a language with one form");
  });

  it("nests arguments inside branches, and selects", () => {
    assert.equal(formatMessage("{n, plural, one {# check of {id}} other {# checks of {id}}}", { n: 2, id: "tcp-echo" }), "2 checks of tcp-echo");
    assert.equal(formatMessage("{side, select, left {the server} other {a client}}", { side: "left" }), "the server");
    assert.equal(formatMessage("{side, select, left {the server} other {a client}}", { side: "x" }), "a client");
  });

  it("groups numbers only when asked", () => {
    assert.equal(formatMessage("{n} bytes", { n: 262144 }), "262144 bytes");
    assert.equal(formatMessage("{n, number} bytes", { n: 262144 }), "262,144 bytes");
  });

  it("writes literal braces escaped", () => {
    assert.equal(formatMessage("\\{ exercise, passed \\}"), "{ exercise, passed }");
  });

  it("keeps a missing argument visible", () => {
    assert.equal(formatMessage("port {port}"), "port {port}");
  });

  it("rejects broken syntax with the message named", () => {
    for (const bad of ["an {unclosed", "a } stray", "{n, plural, one {x}}", "{n, weird}", "{n, plural, one {x}"]) {
      assert.throws(() => formatMessage(bad, { n: 1 }), MessageSyntaxError, bad);
    }
  });

  it("lists a message's arguments", () => {
    assert.deepEqual(messageArguments("{b} and {a, plural, one {# x {c}} other {#}}"), ["a", "b", "c"]);
  });
});
