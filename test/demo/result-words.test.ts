/**
 * The tracers write a call's result in English; the views say it in the learner's
 * language, with the data in it (b'…', addresses) exactly as the tracer wrote it.
 */
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { outcomeText } from "../../src/demo/format.js";
import { noteWords, resultWords } from "../../src/demo/result-words.js";
import { readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot, runCli, tempHome } from "../support/cli.js";
import { pythonSkip } from "./lesson-demo-helpers.js";
import { setLanguage } from "../../src/text/catalog.js";

/** What the Python and Node tracers write (socket_tutor_trace.py, node/preload.ts), with a Chinese reading of each. */
const SAMPLES: [string, string][] = [
  ["ok", "成功"],
  ["ok, all 7 bytes sent", "成功，7 字节全部发出"],
  ["3 of 262144 bytes sent", "发出了 262144 字节中的 3 字节"],
  ["5 bytes sent", "已发出 5 字节"],
  ["5 bytes handed to the kernel", "5 字节已交给内核"],
  ["5 bytes, 2 waiting in Node's buffer", "5 字节，其中 2 字节在 Node 的缓冲区中等待"],
  ["5 bytes handed to Node, then the FIN", "5 字节已交给 Node，然后是 FIN"],
  ["5 bytes queued for sendto()", "5 字节已排队等待 sendto()"],
  ["0 bytes (the peer closed its side)", "0 字节（对端关闭了它那一侧）"],
  ["0 bytes b'' (the peer closed its side)", "0 字节 b''（对端关闭了它那一侧）"],
  ["1 byte b'x'", "1 字节 b'x'"],
  ["5 bytes b'hello'", "5 字节 b'hello'"],
  ["6 bytes b'a from b'", "6 字节 b'a from b'"],
  ["9 bytes b'it\\'s from' from ('::1', 5000, 0, 0)", "9 字节 b'it\\'s from'，来自 ('::1', 5000, 0, 0)"],
  ["70000 bytes b'xxxx'...", "70000 字节 b'xxxx'..."],
  ["5 bytes b'hello' from ('127.0.0.1', 5000)", "5 字节 b'hello'，来自 ('127.0.0.1', 5000)"],
  ["fd 4, peer ('127.0.0.1', 44574)", "fd 4，对端 ('127.0.0.1', 44574)"],
  ["fd ?, peer 127.0.0.1:5000", "fd ?，对端 127.0.0.1:5000"],
  ["timed out, nothing ready", "超时，没有就绪的套接字"],
  ["ready: [fd 3], [], []", "就绪：[fd 3], [], []"],
  ["0 (no error)", "0（没有错误）"],
];

describe("a traced call's result, in the learner's language", () => {
  afterEach(() => setLanguage("en"));

  it("English: every tracer phrasing reads exactly as the tracer wrote it", () => {
    setLanguage("en");
    for (const [english] of SAMPLES) assert.equal(resultWords(english), english);
  });

  it("Chinese: each phrasing is translated, its data left as it was", () => {
    setLanguage("zh-CN");
    for (const [english, chinese] of SAMPLES) assert.equal(resultWords(english), chinese, english);
  });

  it("anything else (a value, an address, a result with a new phrasing) is shown as it is", () => {
    setLanguage("zh-CN");
    for (const other of ["fd 3 (AF_INET, SOCK_STREAM)", "('127.0.0.1', 8000)", "'hello'", "42 (ECONNREFUSED)", "ok!"]) assert.equal(resultWords(other), other);
  });

  it("the call line the panes show: → and the translated result", () => {
    setLanguage("zh-CN");
    const call: Parameters<typeof outcomeText>[0] = { status: "done", result: "ok, all 7 bytes sent", call: "sendall", kind: "socket" };
    assert.equal(outcomeText(call), "→ 成功，7 字节全部发出");
  });

  it("every note the Node tracer writes has a Chinese reading; English reads as written", () => {
    const source = readFileSync(path.join(repoRoot, "src", "demo", "tracers", "node", "preload.ts"), "utf8");
    const notes = [...source.matchAll(/note: "([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(notes.length >= 10, `found ${notes.length} notes`);
    setLanguage("zh-CN");
    for (const n of notes) assert.notEqual(noteWords(n), n, `no translation for the note: ${n}`);
    setLanguage("en");
    for (const n of notes) assert.equal(noteWords(n), n);
    assert.equal(noteWords("a note the tutor does not know"), "a note the tutor does not know");
  });

  it("the plain view in Chinese: results translated, remarks in full-width brackets", { skip: pythonSkip }, async () => {
    const r = await runCli(["demo", "tcp-step-by-step", "--plain", "--lang", "zh-CN"], { env: { SOCKET_TUTOR_HOME: tempHome() }, timeoutMs: 60_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /sendall\(fd \d+, b'hello'\) → 成功，5 字节全部发出/);
    assert.doesNotMatch(r.stdout, /→ ok\b|bytes sent|\(用时/, r.stdout);
  });
});

