import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { describe, it } from "node:test";
import { findPython } from "../../src/demo/runtime.js";
import type { DemoRuntime } from "../../src/demo/spec.js";
import { repoRoot } from "../support/cli.js";
import { assertNothingLeft, callsOf, runDemo } from "../support/demo.js";
import { ends, exitCode, inBothRuntimes, outputOf, pythonSkip } from "./lesson-demo-helpers.js";

const DIR = path.join(repoRoot, "lessons", "08-chat", "demos", "chat");

inBothRuntimes("chat: the scripted conversation goes both ways, whole lines, until bye; the client hangs up first", async (runtime) => {
  const run = await runDemo("chat", { runtime });
  assert.equal(run.state.ok, true, run.state.reason);
  const server = outputOf(run.events, "server");
  const client = outputOf(run.events, "client");
  assert.match(server, /client: hello\n/);
  assert.match(server, /client: what is a socket\?\n/);
  assert.match(client, /server: hi there\n/);
  assert.match(client, /server: bye\n/);
  assert.equal(exitCode(run.events, "server"), 0);
  assert.equal(exitCode(run.events, "client"), 0);

  // Four lines, alternating, each a whole newline-framed line.
  const data = run.state.arrows.filter((a) => a.kind === "data").map((a) => [a.from.split("#")[0], a.to.split("#")[0], a.bytes]);
  assert.deepEqual(data, [
    ["client", "server", 6],
    ["server", "client", 9],
    ["client", "server", 18],
    ["server", "client", 4],
  ]);
  if (runtime === "python") {
    const typed = run.events.filter((e) => e.type === "call" && e.phase === "end" && e.kind === "stdin").map((e) => (e.type === "call" ? `${e.proc}: ${e.result}` : ""));
    assert.deepEqual(typed, ["client: 'hello'", "server: 'hi there'", "client: 'what is a socket?'", "server: 'bye'"]);
  }

  // After the server's bye, it waits for b'' (Node: 'end'): the client closes first.
  // (The start of the client's close: the server's recv() may return before close() does.)
  const clientCloses = callsOf(run.events, "client", "start").find((c) => c.call === (runtime === "python" ? "close" : "shutdown"))!;
  const serverSeesEof = ends(run.events, "server", "recv").find((c) => c.bytes === 0)!;
  const serverCloses = ends(run.events, "server", "close").at(-1)!;
  assert.ok(clientCloses && serverSeesEof && serverCloses);
  assert.ok(clientCloses.t <= serverSeesEof.t && serverSeesEof.t <= serverCloses.t, "client closes, then the server sees b'' and closes");
  await assertNothingLeft(run);
});

/**
 * The framing claim, tested on the programs as files: a peer that splits one line
 * across two writes and merges two lines into one write. The tutor is not involved.
 */
async function framingCheck(runtime: DemoRuntime): Promise<void> {
  let received = "";
  const server = net.createServer((conn) => {
    conn.setEncoding("utf8");
    conn.on("data", (d) => {
      const first = !received.includes("\n");
      received += d;
      if (!first || !received.includes("\n")) return;
      conn.write("hi th");
      setTimeout(() => conn.write("ere\nbye\n"), 150);
    });
    conn.on("end", () => conn.end());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  try {
    const python = runtime === "python" ? (await findPython())!.executable : "";
    const child = spawn(runtime === "python" ? python : process.execPath, [path.join(DIR, runtime === "python" ? "client.py" : "client.mjs")], {
      env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), PYTHONUNBUFFERED: "1" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (out += d));
    // Python takes turns: its second line is typed after "hi there" (and then it finds the
    // bye already buffered). stdin stays open: only the server's bye may end the chat.
    child.stdin.write("hello\nsure\n");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    const code = await new Promise<number | null>((r) => child.on("close", r));
    clearTimeout(timer);
    child.stdin.destroy();
    assert.equal(code, 0, out);
    assert.ok(received.startsWith("hello\n"), received);
    assert.match(out, /server: hi there\n/, "a line split over two recv()s comes out whole");
    assert.match(out, /server: bye\n/, "the second of two lines in one recv() is not lost");
    assert.doesNotMatch(out, /server: hi th\n/);
  } finally {
    server.close();
  }
}

describe("chat: the client's line framing survives split and merged reads", { concurrency: true }, () => {
  it("python", { skip: pythonSkip }, () => framingCheck("python"));
  it("node", () => framingCheck("node"));
});
