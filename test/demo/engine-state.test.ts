import assert from "node:assert/strict";
import { test } from "node:test";
import type { CallEvent, DemoEvent } from "../../src/demo/events.js";
import type { DemoSpec } from "../../src/demo/spec.js";
import { callById, initialState, oldestPending, reduce, type DemoState } from "../../src/demo/state.js";

const spec: DemoSpec = {
  id: "t",
  title: "T",
  summary: "s",
  processes: [
    { name: "server", side: "left", python: "s.py", node: "s.mjs" },
    { name: "client", side: "right", python: "c.py", node: "c.mjs", expectFailure: false },
  ],
};

function start(limits = {}): DemoState {
  return initialState({ spec, runtime: "python", mode: "step", sources: { server: ["line 1", "line 2", "line 3"], client: [] }, limits });
}

let clock = 1000;
function call(proc: string, pid: number, seq: number, phase: CallEvent["phase"], name: string, extra: Partial<CallEvent> = {}): CallEvent {
  return { type: "call", proc, pid, seq, phase, call: name, args: [], t: (clock += 1), ...extra };
}

function play(events: DemoEvent[], state = start()): DemoState {
  return events.reduce(reduce, state);
}

const S = "127.0.0.1:8000";
const C = "127.0.0.1:51234";

test("phases of one call merge into one view; pending calls are listed, then released", () => {
  const s1 = play([{ type: "spawn", proc: "server", pid: 10, t: 1 }, call("server", 10, 1, "pending", "socket", { args: ["AF_INET", "SOCK_STREAM"], file: "s.py", line: 2 })]);
  const server = s1.processes[0]!;
  assert.equal(server.status, "running");
  assert.deepEqual(server.pending, ["server#1"]);
  assert.equal(server.line, 2);
  assert.equal(oldestPending(s1)?.call.call, "socket");
  const s2 = play([call("server", 10, 1, "start", "socket", { args: ["AF_INET", "SOCK_STREAM"] }), call("server", 10, 1, "end", "socket", { args: ["AF_INET", "SOCK_STREAM"], result: "fd 3", fd: 3, newFd: 3 })], s1);
  const c = callById(s2, "server#1")!;
  assert.equal(c.status, "done");
  assert.equal(c.result, "fd 3");
  assert.ok(c.tPending! < c.tStart! && c.tStart! < c.tEnd!);
  assert.deepEqual(s2.processes[0]!.pending, []);
  assert.equal(s2.processes[0]!.calls.length, 1);
  assert.equal(s1.processes[0]!.calls[0]!.status, "pending", "the reducer does not change the previous state");
});

test("a failed call keeps its errno; an exit is expected or not by the spec", () => {
  const s = play([
    call("client", 20, 1, "start", "connect", { args: ["('127.0.0.1', 8000)"] }),
    call("client", 20, 1, "end", "connect", { errno: "ECONNREFUSED", error: "Connection refused" }),
    { type: "exit", proc: "client", pid: 20, code: 1, signal: null, t: 5 },
    { type: "exit", proc: "server", pid: 10, code: null, signal: "SIGKILL", stopped: true, t: 6 },
  ]);
  assert.equal(callById(s, "client#1")!.status, "failed");
  assert.equal(callById(s, "client#1")!.errno, "ECONNREFUSED");
  assert.equal(s.processes[1]!.exit!.expected, false);
  assert.equal(s.processes[0]!.exit!.expected, true, "stopped by the tutor is not a crash");
});

test("connect pairs with accept by address; a TCP byte stream pairs bytes in order across sends and recvs", () => {
  const s = play([
    call("server", 10, 4, "start", "accept"),
    call("client", 20, 2, "start", "connect"),
    call("client", 20, 2, "end", "connect", { local: C, peer: S }),
    call("server", 10, 4, "end", "accept", { local: S, peer: C, newFd: 4 }),
    // Two quick sends arrive in one recv; then one send needs two recvs.
    call("client", 20, 3, "end", "send", { local: C, peer: S, bytes: 5 }),
    call("client", 20, 4, "end", "send", { local: C, peer: S, bytes: 5 }),
    call("server", 10, 5, "end", "recv", { local: S, peer: C, bytes: 10 }),
    call("server", 10, 6, "end", "recv", { local: S, peer: C, bytes: 3 }),
    call("client", 20, 5, "end", "sendall", { local: C, peer: S, bytes: 7 }),
    call("server", 10, 7, "end", "recv", { local: S, peer: C, bytes: 4 }),
  ]);
  assert.deepEqual(
    s.arrows.map((a) => [a.kind, a.from, a.to, a.bytes]),
    [
      ["connect", "client#2", "server#4", undefined],
      ["data", "client#3", "server#5", 5],
      ["data", "client#4", "server#5", 5],
      ["data", "client#5", "server#6", 3],
      ["data", "client#5", "server#7", 4],
    ],
  );
  // The recv that came before its send was seen still pairs (server#6 before client#5).
});

test("the timeline places sends at their start and receives at their end, so arrows point down", () => {
  const s = play([
    call("server", 10, 1, "start", "accept"),
    call("client", 20, 1, "start", "connect"),
    call("client", 20, 1, "end", "connect", { local: C, peer: S }),
    call("server", 10, 1, "end", "accept", { local: S, peer: C }),
    call("server", 10, 2, "start", "recv"),
    call("client", 20, 2, "start", "sendall"),
    call("server", 10, 2, "end", "recv", { local: S, peer: C, bytes: 2 }),
    call("client", 20, 2, "end", "sendall", { local: C, peer: S, bytes: 2 }),
  ]);
  assert.deepEqual(s.timeline, ["client#1", "server#1", "client#2", "server#2"]);
});

test("UDP datagrams pair one to one; an implicitly bound sender (0.0.0.0) still pairs; a lost one stays unpaired", () => {
  const R = "127.0.0.1:9000";
  const s = play([
    call("client", 20, 1, "end", "sendto", { local: "0.0.0.0:40000", peer: R, bytes: 3 }),
    call("client", 20, 2, "end", "sendto", { local: "0.0.0.0:40000", peer: R, bytes: 4 }),
    call("client", 20, 3, "end", "sendto", { local: "0.0.0.0:40000", peer: R, bytes: 3 }),
    call("server", 10, 1, "end", "recvfrom", { local: R, peer: "127.0.0.1:40000", bytes: 3 }),
    call("server", 10, 2, "end", "recvfrom", { local: R, peer: "127.0.0.1:40000", bytes: 3 }),
  ]);
  assert.deepEqual(
    s.arrows.map((a) => [a.from, a.to, a.bytes]),
    [
      ["client#1", "server#1", 3],
      ["client#3", "server#2", 3],
    ],
  );
});

test("Unix stream sockets pair by path and peer pid (SO_PEERCRED)", () => {
  const P = "/tmp/x/echo.sock";
  const s = play([
    call("client", 20, 1, "end", "connect", { local: "", peer: P, peerPid: 10 }),
    call("server", 10, 1, "end", "accept", { local: P, peer: "", peerPid: 20 }),
    call("client", 20, 2, "end", "sendall", { local: "", peer: P, peerPid: 10, bytes: 5 }),
    call("server", 10, 2, "end", "recv", { local: P, peer: "", peerPid: 20, bytes: 5 }),
    call("server", 10, 3, "end", "sendall", { local: P, peer: "", peerPid: 20, bytes: 5 }),
    call("client", 20, 3, "end", "recv", { local: "", peer: P, peerPid: 10, bytes: 5 }),
  ]);
  assert.deepEqual(
    s.arrows.map((a) => [a.kind, a.from, a.to]),
    [
      ["connect", "client#1", "server#1"],
      ["data", "client#2", "server#2"],
      ["data", "server#3", "client#3"],
    ],
  );
});

test("output is split into lines, bounded, and a prompt is completed by the typed line", () => {
  let s = play([
    { type: "output", proc: "server", stream: "stdout", text: "connected by", t: 1 },
    { type: "output", proc: "server", stream: "stdout", text: " ('127.0.0.1', 5)\nreply: ", t: 2 },
    { type: "output", proc: "server", stream: "stdin", text: "bye\n", t: 3 },
    { type: "output", proc: "server", stream: "stderr", text: "oops\n", t: 4 },
  ]);
  assert.deepEqual(s.processes[0]!.output, [
    { stream: "stdout", text: "connected by ('127.0.0.1', 5)" },
    { stream: "stdout", text: "reply: ", input: "bye" },
    { stream: "stderr", text: "oops" },
  ]);
  s = start({ outputLines: 5, lineChars: 10 });
  s = reduce(s, { type: "output", proc: "client", stream: "stdout", text: Array.from({ length: 20 }, (_, i) => `line ${i}`).join("\n") + "\n", t: 1 });
  s = reduce(s, { type: "output", proc: "client", stream: "stdout", text: "z".repeat(35), t: 2 });
  const client = s.processes[1]!;
  assert.equal(client.output.length, 5);
  assert.deepEqual(
    client.output.map((l) => l.text),
    ["line 18", "line 19", "zzzzzzzzzz", "zzzzzzzzzz", "zzzzzzzzzz"],
  );
  assert.equal(client.partial.stdout, "zzzzz");
  assert.equal(client.droppedOutputLines, 18);
  s = reduce(s, { type: "exit", proc: "client", pid: 1, code: 0, signal: null, t: 3 });
  assert.equal(s.processes[1]!.output.at(-1)!.text, "zzzzz", "exit flushes the unfinished line");
});

test("calls, timeline and syscalls are bounded; a restart forgets the run but keeps the sources", () => {
  let s = start({ calls: 10, timeline: 15, syscalls: 3 });
  for (let i = 1; i <= 30; i++) s = reduce(s, call("server", 10, i, "end", "close"));
  for (let i = 0; i < 5; i++) s = reduce(s, { type: "syscall", proc: "server", pid: 10, text: `close(${i})`, t: i });
  assert.equal(s.processes[0]!.calls.length, 10);
  assert.equal(s.processes[0]!.droppedCalls, 20);
  assert.equal(s.timeline.length, 15);
  assert.equal(s.timelineT.length, 15);
  assert.equal(s.droppedTimeline, 15);
  assert.deepEqual(s.processes[0]!.syscalls, ["close(2)", "close(3)", "close(4)"]);
  s = reduce(s, { type: "status", status: "starting", t: 99 });
  assert.equal(s.processes[0]!.calls.length, 0);
  assert.equal(s.timeline.length, 0);
  assert.equal(s.processes[0]!.status, "waiting");
  assert.deepEqual(s.processes[0]!.source, ["line 1", "line 2", "line 3"]);
});

test("status and mode events", () => {
  const s = play([
    { type: "mode", mode: "slow", t: 1 },
    { type: "status", status: "done", ok: false, reason: "client exited with status 1", t: 2 },
  ]);
  assert.equal(s.mode, "slow");
  assert.equal(s.status, "done");
  assert.equal(s.ok, false);
  assert.equal(s.reason, "client exited with status 1");
});
