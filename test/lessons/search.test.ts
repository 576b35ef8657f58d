import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { groupByLesson, queryWords, searchSteps, stepShowing } from "../../src/lessons/search.js";
import type { Lesson } from "../../src/lessons/types.js";
import { contextLine } from "../../src/render/words.js";

function lesson(id: string, order: number, steps: [string, string][]): Lesson {
  return {
    meta: { id, title: `Title ${id}`, chapter: "C", order, summary: "" },
    folder: id,
    dir: "/x",
    file: "/x/lesson.md",
    steps: steps.map(([title, text], i) => ({ title, line: i + 1, blocks: [{ kind: "markdown", line: i + 1, text }] })),
  };
}

const closing = lesson("closing", 10, [
  ["Two directions", "Each side closes its own direction with a FIN."],
  ["TIME_WAIT", "The side that sends the first FIN ends in TIME_WAIT, and stays there\nfor a minute. Then the entry goes."],
  ["Restart", "A restarted server meets EADDRINUSE while the old entry waits in TIME_WAIT."],
]);
const many = lesson("many-clients", 11, [
  ["One at a time", "The other clients wait, the whole time, in the accept queue."],
  ["Threads", "Each thread waits in recv() for its own client."],
]);
const udp = lesson("udp", 9, [["recvfrom", "recvfrom() returns the datagram and its sender. Loop on it."]]);

const order = (query: string): string[] => searchSteps([many, udp, closing], query).map((h) => `${h.lesson.meta.id}:${h.step + 1}`);

describe("search", () => {
  it("ranks the step titled by the phrase first, then steps with the phrase, then steps with the words apart", () => {
    assert.deepEqual(order("time wait"), ["closing:2", "closing:3", "many-clients:1", "many-clients:2"]);
  });

  it("a step with every word comes before a step with more of one word", () => {
    const a = lesson("a", 1, [["x", "wait wait wait wait wait wait wait"]]);
    const b = lesson("b", 2, [["y", "the time to wait"]]);
    assert.deepEqual(searchSteps([a, b], "time wait").map((h) => h.lesson.meta.id), ["b", "a"]);
  });

  it("matches at the start of a word, the word itself before a longer one, ignoring case, _ and -", () => {
    assert.deepEqual(order("recv"), ["many-clients:2", "udp:1"], "recv() before recvfrom()");
    assert.deepEqual(order("port"), [], "not inside 'support' or 'sport'");
    assert.deepEqual(order("time-wait"), order("TIME_WAIT"));
    assert.deepEqual(queryWords("  recv() and   TIME_WAIT "), ["recv", "and", "time", "wait"]);
  });

  it("gives a line of context: the sentence holding the phrase, joined across the file's line breaks", () => {
    const hit = searchSteps([closing], "time wait")[0]!;
    assert.equal(hit.context, "The side that sends the first FIN ends in TIME_WAIT, and stays there for a minute.");
    const cut = contextLine({ context: `${"x ".repeat(60)}TIME_WAIT here`, at: 120 }, 40);
    assert.match(cut, /^….*TIME_WAIT/);
    assert.ok(cut.length <= 40);
  });

  it("groups by lesson in rank order, and leaves out lessons far below the best", () => {
    const groups = groupByLesson(searchSteps([many, udp, closing], "time wait"));
    assert.deepEqual(groups.map((g) => g.lesson.meta.id), ["closing", "many-clients"]);
    assert.deepEqual(groups[0]!.steps.map((h) => h.step), [1, 2]);
  });

  it("finds the step that best shows a glossary term", () => {
    assert.equal(stepShowing(closing, ["TIME_WAIT", "time wait"]), 1);
    assert.equal(stepShowing(closing, ["EADDRINUSE"]), 2);
    assert.equal(stepShowing(closing, ["nothing like it"]), 0);
  });
});
