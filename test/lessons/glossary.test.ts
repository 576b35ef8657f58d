import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findEntry, glossaryReferenceProblems, loadGlossary, parseGlossary } from "../../src/lessons/glossary.js";
import { loadLessons } from "../../src/lessons/load.js";

describe("the glossary", () => {
  it("is lesson data: parsed, with problems as file:line", () => {
    const g = parseGlossary("stray\n## fd\nalso: file descriptor\nlesson: what-is-a-socket\n\nA number.\n## FD\nAgain.\n## empty\n## x\ncolour: red\nText {{nope}}.\n", "/l/glossary.md");
    assert.deepEqual(g.entries.map((e) => [e.term, e.also, e.lessons, e.text]), [
      ["fd", ["file descriptor"], ["what-is-a-socket"], "A number."],
      ["FD", [], [], "Again."],
      ["x", [], [], "Text {{nope}}."],
    ]);
    assert.deepEqual(
      g.problems.map((p) => `${p.line}: ${p.message}`),
      [
        "1: text before the first term: every entry starts with a '## term' line",
        "11: unknown key 'colour:' in a glossary entry (known: also, lesson, lessons)",
        "7: 'FD' is in the glossary twice (first on line 2)",
        "9: the term 'empty' has no definition",
        "12: unknown placeholder '{{nope}}' (known: {{tutor}})",
      ],
    );
  });

  it("finds an entry by any of its names, whatever the case, spaces, - and _", () => {
    const g = parseGlossary("## TIME_WAIT\nlesson: closing\n\nWaiting.\n## Recv-Q\nalso: Send-Q\n\nQueues.\n", "g.md");
    for (const w of ["TIME_WAIT", "time wait", "time-wait", "Time_Wait"]) assert.equal(findEntry(g, w)?.term, "TIME_WAIT", w);
    assert.equal(findEntry(g, "send-q")?.term, "Recv-Q");
    assert.equal(findEntry(g, "recv")?.term, "Recv-Q", "the only entry that starts so");
    assert.equal(findEntry(g, "nothing"), undefined);
  });

  it("ships the words the lessons use, each with a definition and a lesson that exists", () => {
    const g = loadGlossary();
    const { lessons } = loadLessons();
    assert.deepEqual(g.problems, []);
    assert.deepEqual(glossaryReferenceProblems(g, lessons), []);
    const words = ["fd", "socket", "port", "backlog", "accept queue", "Recv-Q", "Send-Q", "SYN", "ACK", "FIN", "RST",
      "LISTEN", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT1", "FIN_WAIT2", "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT", "CLOSED",
      "EAGAIN", "ECONNREFUSED", "ECONNRESET", "EPIPE", "EADDRINUSE", "byte order", "datagram", "segment", "handshake", "ephemeral port", "loopback"];
    for (const w of words) {
      const e = findEntry(g, w);
      assert.ok(e, `the glossary explains ${w}`);
      assert.ok(e.lessons.length > 0, `${w} names the lesson that shows it`);
    }
  });
});
