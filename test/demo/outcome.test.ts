/**
 * "Ran as designed" means the lesson's outcome (issue 11 item 5), and a held pause that
 * let a kernel timer run out is named (item 4): judgeOutcome and kernelTimerCause on
 * states built from the real demo.json outcomes, with a clock history given by the test.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findDemo, listDemos } from "../../src/demo/launcher.js";
import { judgeOutcome, SYN_HOLD_MS, TIME_WAIT_MS, type HeldHistory } from "../../src/demo/outcome.js";
import { initialState, type CallView, type DemoState } from "../../src/demo/state.js";
import type { DemoRuntime } from "../../src/demo/spec.js";

const T0 = 1_000_000;
let seq = 0;

function call(proc: string, name: string, tStart: number, tEnd: number | undefined, fields: Partial<CallView> = {}): CallView {
  seq++;
  return { id: `${proc}#${seq}`, proc, pid: 100, seq, call: name, kind: "socket", args: [], status: tEnd === undefined ? "running" : "done", t: T0 + tStart, tStart: T0 + tStart, ...(tEnd === undefined ? {} : { tEnd: T0 + tEnd }), ...fields };
}

/** A state of demo `id` where each process made `calls` and printed `output`. */
function stateOf(id: string, runtime: DemoRuntime, runs: Record<string, { calls?: CallView[]; output?: string[] }>): DemoState {
  const demo = findDemo(id)!;
  const s = initialState({ spec: demo.spec, runtime, mode: "step", sources: {} });
  return { ...s, processes: s.processes.map((p) => ({ ...p, calls: runs[p.name]?.calls ?? [], output: (runs[p.name]?.output ?? []).map((text) => ({ stream: "stdout" as const, text })) })) };
}

/** A clock history: the clock was stopped over the given [from, to) ms after T0. */
function held(stops: Array<[number, number]>, nowMs = 600_000): HeldHistory {
  const upTo = (t: number): number => stops.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, t) - a), 0);
  return { heldBetween: (from, to) => upTo(to - T0) - upTo(from - T0), wallNow: () => T0 + nowMs };
}

const outcomeOf = (id: string) => findDemo(id)!.spec.outcome;

/** backlog: five clients, the server accepts at 3 s; `late` clients never got in. */
function backlog(late: string[] = []): DemoState {
  const runs: Record<string, { calls?: CallView[]; output?: string[] }> = { server: { calls: [call("server", "accept", 3000, 3100)], output: [] } };
  for (let i = 1; i <= 5; i++) {
    const name = `client ${i}`;
    const failed = late.includes(name);
    runs[name] = {
      calls: [call(name, "connect", 200 * i, failed ? undefined : i <= 3 ? 200 * i + 5 : 3200)],
      output: failed ? [`${name} gave up: connect() timed out, the server's queue stayed full`] : [`${name}: 'welcome, ${name}' after 3.4 s`],
    };
    if (!failed) runs.server!.output!.push(`accepted ${name}; ${i} connected, none has left`);
  }
  if (late.length) runs.server!.output = runs.server!.output!.filter((l) => !l.includes("5 connected"));
  return stateOf("backlog", "python", runs);
}

describe("the lesson's outcome (demo.json) in the verdict", () => {
  it("backlog: every client got in while the others were connected: no failures", () => {
    assert.deepEqual(judgeOutcome(outcomeOf("backlog"), backlog(), "python", held([])), { failures: [] });
  });

  it("a translated claim loses its final full stop (。) in the reason, as an English one loses its period: the reason is completed by another sentence", () => {
    const zh = { ...outcomeOf("backlog")!, what: "客户端 1 到 3 在服务器调用 accept() 之前就连上了。" };
    const v = judgeOutcome(zh, backlog(["client 4", "client 5"]), "python", held([]));
    assert.match(v.reason!, /The lesson says: 客户端 1 到 3 在服务器调用 accept\(\) 之前就连上了$/);
  });

  it("backlog: clients that gave up fail the outcome, and the reason names the first failure and the lesson's claim", () => {
    const v = judgeOutcome(outcomeOf("backlog"), backlog(["client 4", "client 5"]), "python", held([]));
    assert.deepEqual(v.failures, ["client 4 did not print ''welcome, client 4''", "client 5 did not print ''welcome, client 5''", "server did not print '5 connected, none has left'"]);
    assert.match(v.reason!, /^client 4 did not print ''welcome, client 4'' \(and 2 more\)\. The lesson says: Clients 1 to 3 connected before the server called accept\(\)/);
    // No pause during their connect(): nothing to blame on a kernel timer.
    assert.equal(v.kernelTimer, undefined);
  });

  it("backlog: a connect() held through a long pause names the SYN retransmission timer", () => {
    const v = judgeOutcome(outcomeOf("backlog"), backlog(["client 4", "client 5"]), "python", held([[1000, 91_000]]));
    assert.equal(v.kernelTimer?.timer, "syn-retransmission");
    assert.match(v.kernelTimer!.text, /^client 4's connect\(\) waited in SYN_SENT through 90 seconds of pauses\./);
    assert.equal(v.kernelTimer!.line, "Your pauses outlasted the kernel's SYN retries (client 4).");
  });

  it("backlog: a pause shorter than SYN_HOLD_MS is not blamed", () => {
    const v = judgeOutcome(outcomeOf("backlog"), backlog(["client 5"]), "python", held([[1000, 1000 + SYN_HOLD_MS - 1]]));
    assert.ok(v.failures.length > 0);
    assert.equal(v.kernelTimer, undefined);
  });

  it("backlog: a client that connected after accept() fails 'before'", () => {
    const s = backlog();
    const c1 = s.processes.find((p) => p.name === "client 1")!;
    c1.calls = [call("client 1", "connect", 200, 5000)];
    assert.deepEqual(judgeOutcome(outcomeOf("backlog"), s, "python").failures, ["client 1's connect() did not return before server's accept()"]);
  });

  /** time-wait in Python: the server closes at `close` ms, the restart binds at `bind` ms. */
  function timeWait(close: number, bind: number, inUse: boolean): DemoState {
    return stateOf("time-wait", "python", {
      server: { calls: [call("server", "close", close, close + 1)] },
      "restarted server": {
        calls: [call("restarted server", "bind", bind, bind + 1, inUse ? { status: "failed", errno: "EADDRINUSE" } : {})],
        output: ["bind with SO_REUSEADDR: ok"],
      },
    });
  }

  it("time-wait: EADDRINUSE then SO_REUSEADDR: no failures", () => {
    assert.deepEqual(judgeOutcome(outcomeOf("time-wait"), timeWait(1000, 2000, true), "python", held([])).failures, []);
  });

  it("time-wait: a restart held past TIME_WAIT binds, and the verdict names TIME_WAIT", () => {
    const v = judgeOutcome(outcomeOf("time-wait"), timeWait(1000, 1000 + 90_000, false), "python", held([[1500, 1500 + 89_000]]));
    assert.deepEqual(v.failures, ["restarted server's bind() never failed with EADDRINUSE"]);
    assert.equal(v.kernelTimer?.timer, "time-wait");
    assert.match(v.kernelTimer!.text, /paused for 89 seconds after the connection closed, longer than TIME_WAIT/);
  });

  it("time-wait: the same failure without the pauses (the real time alone past TIME_WAIT) is not blamed on them", () => {
    const v = judgeOutcome(outcomeOf("time-wait"), timeWait(1000, 1000 + TIME_WAIT_MS + 5000, false), "python", held([]));
    assert.equal(v.failures.length, 1);
    assert.equal(v.kernelTimer, undefined);
  });

  /** many-clients: the server's recv() calls, each [peer, tEnd]; every client got its 'bye' echoed. */
  function manyClients(recvs: Array<[string, number]>): DemoState {
    const clients = Object.fromEntries(["client 1", "client 2", "client 3"].map((c) => [c, { output: [`${c}: 'bye' echoed after 1.0 s`] }]));
    return stateOf("many-clients", "node", { ...clients, server: { calls: recvs.map(([peer, at]) => call("server", "recv", at - 1, at, { peer })) } });
  }

  it("many-clients: one connection at a time, in whatever order the clients arrived", () => {
    // Client 3 (port 3) was served before client 2: a loaded machine may start it first; the lesson's claim holds.
    const v = judgeOutcome(outcomeOf("many-clients"), manyClients([["127.0.0.1:1", 100], ["127.0.0.1:1", 1200], ["127.0.0.1:3", 1300], ["127.0.0.1:3", 2400], ["127.0.0.1:2", 2500], ["127.0.0.1:2", 3600]]), "node");
    assert.deepEqual(v.failures, []);
  });

  it("many-clients: a server that served two connections at once contradicts the lesson", () => {
    const v = judgeOutcome(outcomeOf("many-clients"), manyClients([["127.0.0.1:1", 100], ["127.0.0.1:2", 150], ["127.0.0.1:1", 1200], ["127.0.0.1:2", 1250]]), "node");
    assert.deepEqual(v.failures, ["server served 127.0.0.1:1 and 127.0.0.1:2 at the same time: its recv() calls on the two connections interleave"]);
  });

  it("expectations of the other runtime and scripted ones (when the learner typed) are skipped", () => {
    // time-wait in Node expects 'listen: ok' only; the Python bind expectation is skipped.
    const node = stateOf("time-wait", "node", { "restarted server": { output: ["listen: ok"] } });
    assert.deepEqual(judgeOutcome(outcomeOf("time-wait"), node, "node").failures, []);
    const chat = outcomeOf("chat")!;
    const scripted = chat.expect.filter((e) => e.scripted && (e.runtime ?? "python") === "python");
    assert.ok(scripted.length > 0, "chat has scripted expectations");
    const empty = stateOf("chat", "python", {});
    const typed = judgeOutcome(chat, empty, "python", undefined, true).failures.length;
    const learner = judgeOutcome(chat, empty, "python", undefined, false).failures.length;
    assert.equal(typed - learner, scripted.length);
  });

  it("every demo declares an outcome, with a claim and at least one expectation per runtime", () => {
    const { demos } = listDemos();
    assert.ok(demos.length >= 21);
    for (const d of demos) {
      const o = d.spec.outcome;
      assert.ok(o && o.what.length > 10 && o.expect.some((e) => e.runtime !== "node") && o.expect.some((e) => e.runtime !== "python"), d.spec.id);
    }
  });
});
