import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCli, tempHome } from "../support/cli.js";

const TUTOR = String.raw`(?:socket-tutor|node \S+cli\.js)`;

describe("glossary and search (CLI)", { concurrency: true }, () => {
  const env = { SOCKET_TUTOR_HOME: tempHome() };

  it("glossary <word>: the definition, its other names, and the lesson and step that show it", async () => {
    const r = await runCli(["glossary", "time-wait"], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^TIME_WAIT\n/);
    assert.match(r.stdout, /60\u00a0s on Linux|60 s on Linux/);
    assert.match(r.stdout, /Shown in lesson 10, Closing a connection: step \d+, TIME_WAIT\n/);
    assert.match(r.stdout, new RegExp(`\\n  ${TUTOR} lesson closing\\n`));
    const two = await runCli(["glossary", "accept", "queue"], { env });
    assert.match(two.stdout, /^accept queue\n/, "two words without quotes");
    const alias = await runCli(["glossary", "Send-Q"], { env });
    assert.match(alias.stdout, /^Recv-Q\nAlso: Send-Q/);
  });

  it("glossary without a word lists every entry; an unknown word exits 1 with the closest and a search", async () => {
    const list = await runCli(["glossary"], { env });
    assert.equal(list.code, 0);
    assert.match(list.stdout, /^\d+ words the lessons use:\n/);
    for (const w of ["file descriptor", "ECONNRESET", "TIME_WAIT", "byte order"]) assert.match(list.stdout, new RegExp(`\\n  ${w} +\\S`), w);
    const bad = await runCli(["glossary", "tiem_wait"], { env });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, new RegExp(`no glossary entry for 'tiem_wait'\\. Did you mean 'TIME_WAIT'.*${TUTOR} search tiem_wait`));
  });

  it("search <words>: the lessons and steps that mention them, best first, each with a line of context", async () => {
    const r = await runCli(["search", "time", "wait"], { env, cwd: "/" });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^In the glossary: TIME_WAIT\. Its definition:\n/);
    const lessons = [...r.stdout.matchAll(/^Lesson (\d+):/gm)].map((m) => Number(m[1]));
    assert.equal(lessons[0], 10, "Closing a connection first: it is about TIME_WAIT");
    assert.match(r.stdout, /Lesson 10: Closing a connection\n {2}step \d+: TIME_WAIT\n {4}\S.*TIME_WAIT/);
    for (const line of r.stdout.split("\n")) assert.ok(line.length <= 100, `no line wider than the reading width: ${line}`);
  });

  it("search with nothing found exits 1; without words it is a usage error", async () => {
    const none = await runCli(["search", "zebra"], { env });
    assert.equal(none.code, 1);
    assert.match(none.stderr, /nothing in the lessons mentions 'zebra'/);
    const empty = await runCli(["search"], { env });
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, new RegExp(`search for what\\? For example: ${TUTOR} search backlog`));
  });

  it("both are in the command list", async () => {
    const r = await runCli(["--help"], { env });
    assert.match(r.stdout, /\n {2}glossary \[<word>\] +What a word means/);
    assert.match(r.stdout, /\n {2}search <words> +The lessons and steps/);
  });
});
