import assert from "node:assert/strict";
import { it } from "node:test";
import { initialState, reduce } from "../../src/demo/state.js";

it("the line being executed is tracked for a program taken from a sibling demo", () => {
  let s = initialState({
    spec: { id: "v", title: "T", summary: "S", processes: [{ name: "client", side: "right", python: "../shared/client.py", node: "../shared/client.mjs" }] },
    runtime: "python",
    mode: "run",
    sources: { client: ["import socket", "s = socket.socket()"] },
  });
  // Tracers name the file relative to the program's own folder: its base name.
  s = reduce(s, { type: "call", proc: "client", pid: 1, seq: 1, phase: "end", call: "socket", args: [], t: 1, file: "client.py", line: 2, result: "fd 3" });
  assert.equal(s.processes[0]!.line, 2);
  s = reduce(s, { type: "call", proc: "client", pid: 1, seq: 2, phase: "end", call: "recv", args: [], t: 2, file: "helper.py", line: 9, result: "ok" });
  assert.equal(s.processes[0]!.line, 2, "a call made from another file does not move the program's line");
});
