import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hintBody, hintsFor, languageOfFile, nextHint, parseHints, seenIds } from "../../src/exercises/hints.js";
import { recordRun } from "../../src/course/hints.js";
import { loadExercises } from "../../src/exercises/catalog.js";
import { readHints } from "../../src/exercises/files.js";
import { loadChecker } from "../../src/check/checkers.js";
import type { Target } from "../../src/check/peer.js";
import type { CheckContext } from "../../src/check/types.js";

const TCP_ECHO = `## The calls, in order {#calls}
Five calls.

::: python
socket, bind, listen, accept
:::

::: javascript
net.createServer
:::

## One recv() is not the message {#recv-loop}
Loop.

## A thread per client {#threads}
::: python
threading.Thread
:::
`;

describe("hints.md", () => {
  it("reads ids, titles, the shared text and each language's part", () => {
    const { hints, problems } = parseHints(TCP_ECHO);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      hints.map((h) => [h.id, h.title, h.line]),
      [
        ["calls", "The calls, in order", 1],
        ["recv-loop", "One recv() is not the message", 12],
        ["threads", "A thread per client", 15],
      ],
    );
    assert.equal(hintBody(hints[0]!, "python"), "Five calls.\n\nsocket, bind, listen, accept");
    assert.equal(hintBody(hints[0]!, "javascript"), "Five calls.\n\nnet.createServer");
    assert.equal(hintBody(hints[1]!, "javascript"), "Loop.");
  });

  it("leaves out, for a language, a hint that says nothing in it", () => {
    const { hints } = parseHints(TCP_ECHO);
    assert.deepEqual(hintsFor(hints, "python").map((h) => h.id), ["calls", "recv-loop", "threads"]);
    assert.deepEqual(hintsFor(hints, "javascript").map((h) => h.id), ["calls", "recv-loop"]);
  });

  it("reports a missing, malformed or repeated id, stray blocks and text before the first hint, with lines", () => {
    const { hints, problems } = parseHints("intro\n## No id\ntext\n## Bad {#Bad_Id}\nx\n## Twice {#a}\ny\n## Again {#a}\nz\n::: ruby\n:::\n::: python\nopen\n");
    assert.deepEqual(
      problems.map((p) => p.line),
      [1, 2, 4, 8, 10, 11, 12],
      problems.map((p) => `${p.line}: ${p.message}`).join("\n"),
    );
    assert.match(problems[1]!.message, /has no id/);
    assert.match(problems[2]!.message, /not kebab-case/);
    assert.match(problems[3]!.message, /used twice \(first on line 6\)/);
    // Still usable: given in order, under ids no check can name.
    assert.equal(hints.length, 4);
    assert.deepEqual(hints.map((h) => h.id), ["#1", "#2", "a", "#4"]);
  });

  it("a ::: line inside a code fence is code, not a block", () => {
    const { hints, problems } = parseHints("## Fenced {#f}\n```\n::: python\n```\n");
    assert.deepEqual(problems, []);
    assert.match(hints[0]!.shared, /::: python/);
  });
});

describe("choosing the next hint", () => {
  const { hints } = parseHints(TCP_ECHO);

  it("without a failure: the first hint not seen, in order", () => {
    assert.equal(nextHint(hints, [])?.id, "calls");
    assert.equal(nextHint(hints, ["calls"])?.id, "recv-loop");
    assert.equal(nextHint(hints, ["calls", "recv-loop", "threads"]), undefined);
  });

  it("the hint the first failed check names comes first, then the others in order", () => {
    // Only the 256 KiB check failed: its hint, not "The calls, in order".
    assert.equal(nextHint(hints, [], ["recv-loop"])?.id, "recv-loop");
    assert.equal(nextHint(hints, ["recv-loop"], ["recv-loop"])?.id, "calls");
    // Two failures: the first one's hint, then the second's, then the rest.
    assert.equal(nextHint(hints, [], ["threads", "recv-loop"])?.id, "threads");
    assert.equal(nextHint(hints, ["threads"], ["threads", "recv-loop"])?.id, "recv-loop");
    assert.equal(nextHint(hints, ["threads", "recv-loop"], ["threads", "recv-loop"])?.id, "calls");
  });

  it("ignores an id that no hint has (a check naming a hint another language lacks)", () => {
    assert.equal(nextHint(hintsFor(hints, "javascript"), [], ["threads"])?.id, "calls");
  });

  it("reads the count older progress files kept as the first hints in order", () => {
    assert.deepEqual(seenIds(hints, { hintsShown: 2 }), ["calls", "recv-loop"]);
    assert.deepEqual(seenIds(hints, { hintsShown: 9 }), ["calls", "recv-loop", "threads"]);
    assert.deepEqual(seenIds(hints, { hintsShown: 1, hintsSeen: ["threads"] }), ["threads"]);
    assert.deepEqual(seenIds(hints, undefined), []);
  });

  it("a run records the failed checks' hint ids in check order, once each, and the file's language", () => {
    const e = { passed: false, attempts: 1, hintsShown: 0 };
    recordRun(e, {
      passed: false,
      checks: [{ passed: true, hintId: "calls" }, { passed: false, hintId: "recv-loop" }, { passed: false }, { passed: false, hintId: "recv-loop" }, { passed: false, hintId: "goodbye" }],
      command: { args: ["/tmp/x/tcp-echo.mjs"] },
    });
    assert.deepEqual(e, { passed: false, attempts: 1, hintsShown: 0, failedHints: ["recv-loop", "goodbye"], language: "javascript" });
  });

  it("knows the language of a learner's file", () => {
    assert.equal(languageOfFile("a/echo.py"), "python");
    for (const f of ["echo.js", "echo.mjs", "echo.cjs", "echo.ts"]) assert.equal(languageOfFile(f), "javascript", f);
    assert.equal(languageOfFile("echo.rb"), undefined);
  });
});

describe("the exercises' hints", () => {
  it("every hints.md is valid, and every hint speaks to at least one language", () => {
    const { exercises, problems } = loadExercises();
    assert.deepEqual(problems, []);
    for (const e of exercises) {
      const hints = readHints(e);
      for (const h of hints) assert.ok(hintsFor([h], "python").length + hintsFor([h], "javascript").length > 0, `${e.id}#${h.id}`);
      // A JavaScript learner is never shown Python calls, nor the reverse.
      for (const h of hintsFor(hints, "javascript")) assert.doesNotMatch(hintBody(h, "javascript"), /recvfrom\(|sendto\(|\.recv\(|sendall\(|b""/, `${e.id}#${h.id} in JavaScript`);
      for (const h of hintsFor(hints, "python")) assert.doesNotMatch(hintBody(h, "python"), /net\.createServer|dgram\.|process\.stdout|client\.on\(/, `${e.id}#${h.id} in Python`);
    }
  });
});

describe("each check names the hint for its failure", () => {
  /** Enough of a context to build the checks (they only read it when they run). */
  const ctx = { env: { HOST: "127.0.0.1", PORT: "1", MESSAGE: "m", SOCKET_PATH: "/tmp/x" }, ms: (n: number) => n, seeds: [1, 2, 3, 4, 5] } as unknown as CheckContext;
  const targets: Record<string, Target> = {
    "unix-echo": { kind: "unix", path: "/tmp/x" },
    "ipv6-echo": { kind: "tcp", host: "::1", port: 1 },
    "udp-upper": { kind: "udp", host: "127.0.0.1", port: 1 },
  };
  /** Ids a failing outcome names instead of its check's (one check, different causes). */
  const fromOutcomes: Record<string, string[]> = { "tcp-client": ["print-bytes"] };

  it("every id a check names is a hint of that exercise, and the 256 KiB echo names the recv() loop", async () => {
    const { exercises } = loadExercises();
    for (const e of exercises) {
      const checker = (await loadChecker(e.id))!;
      const checks = checker.checks(ctx, targets[e.id] ?? { kind: "tcp", host: "127.0.0.1", port: 1 });
      const ids = [...checks.map((c) => c.hintId).filter((x): x is string => x !== undefined), ...(fromOutcomes[e.id] ?? [])];
      assert.ok(ids.length > 0, `${e.id}: its checks name hints`);
      const known = readHints(e).map((h) => h.id);
      for (const id of ids) assert.ok(known.includes(id), `${e.id}: a check names '${id}', which its hints.md does not have (${known.join(", ")})`);
    }
    const echo = (await loadChecker("tcp-echo"))!.checks(ctx, { kind: "tcp", host: "127.0.0.1", port: 1 });
    assert.equal(echo.find((c) => /256 KiB/.test(c.name))?.hintId, "recv-loop");
  });
});

