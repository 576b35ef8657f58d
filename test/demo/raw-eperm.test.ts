import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { it } from "node:test";
import { assertNothingLeft, callNames, runDemo } from "../support/demo.js";
import { ends, exitCode, outputOf, pythonSkip } from "./lesson-demo-helpers.js";

it("raw-eperm (python): socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) fails with EPERM, even when the tutor is root", { skip: pythonSkip }, async () => {
  const run = await runDemo("raw-eperm", { runtime: "python" });
  assert.equal(run.state.ok, true, run.state.reason);
  const [sock] = ends(run.events, "program", "socket");
  assert.ok(sock);
  assert.deepEqual(sock.args, ["AF_INET", "SOCK_RAW", "IPPROTO_ICMP"]);
  assert.equal(sock.errno, "EPERM");
  // The call is the program's, on its own line, even when the tutor runs it from a copy
  // beside the tracer (as root, for the unprivileged user): not the tracer's line.
  assert.equal(sock.file, "raw.py");
  const line = readFileSync(new URL("../../../lessons/04-socket-types/demos/raw-eperm/raw.py", import.meta.url), "utf8").split("\n").findIndex((l) => l.includes("socket.SOCK_RAW")) + 1;
  assert.equal(sock.line, line, "the line of socket.socket(..., SOCK_RAW, ...) in raw.py");
  const out = outputOf(run.events, "program");
  assert.match(out, /EPERM \(errno 1\)/);
  assert.match(out, /CAP_NET_RAW/);
  assert.equal(exitCode(run.events, "program"), 0, "the program catches the error and explains it");
  if (process.getuid?.() === 0) {
    const spawn = run.events.find((e) => e.type === "spawn");
    assert.ok(spawn?.type === "spawn" && spawn.user && spawn.user !== "root", `run as an unprivileged user: ${JSON.stringify(spawn)}`);
  }
  await assertNothingLeft(run);
});

it("raw-eperm (node): Node refuses a raw socket itself and says so; the note points to Python", async () => {
  const run = await runDemo("raw-eperm", { runtime: "node" });
  assert.equal(run.state.ok, true, run.state.reason);
  assert.deepEqual(callNames(run, "program"), [], "Node opens no socket at all");
  const out = outputOf(run.events, "program");
  assert.match(out, /ERR_SOCKET_BAD_TYPE/);
  assert.match(out, /Python/);
  assert.match(run.state.runtimeNote ?? "", /no raw sockets/);
  assert.equal(exitCode(run.events, "program"), 0);
  await assertNothingLeft(run);
});
