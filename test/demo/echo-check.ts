/** The one check behind echo-ipv4, echo-ipv6 and echo-unix: the same echo, three families. */
import assert from "node:assert/strict";
import type { DemoRuntime } from "../../src/demo/spec.js";
import { assertNothingLeft, callNames, callsOf, describeEvents, runDemo, runHolding, type DemoRun } from "../support/demo.js";
import { ends, outputOf, rowsOf } from "./lesson-demo-helpers.js";

const FAMILY = { "echo-ipv4": ["AF_INET", "tcp"], "echo-ipv6": ["AF_INET6", "tcp6"], "echo-unix": ["AF_UNIX", "unix"] } as const;
type EchoId = keyof typeof FAMILY;

/**
 * At full speed, except the client's connect(), held until the kernel table has shown the
 * LISTEN row: the conversation is too short for a table poll to be sure to catch the row on
 * a busy machine, and the learner steps it this way anyway.
 */
function runStepped(id: EchoId, runtime: DemoRuntime): Promise<DemoRun> {
  const proto = FAMILY[id][1];
  return runHolding(id, { runtime, hold: { proc: "client", call: "connect" }, until: (snap) => snap.rows.some((r) => r.proto === proto && r.state === "LISTEN") });
}

export async function checkEcho(id: EchoId, runtime: DemoRuntime, messages: string[]): Promise<void> {
  const [family, proto] = FAMILY[id];
  const [free, stepped] = await Promise.all([runDemo(id, { runtime }), runStepped(id, runtime)]);
  for (const run of [free, stepped]) {
    assert.equal(run.state.ok, true, run.state.reason);
    const where = id === "echo-unix" ? run.socketPath! : id === "echo-ipv6" ? `[::1]:${run.port}` : `127.0.0.1:${run.port}`;
    assert.ok(where && !where.includes("undefined"), `the tutor chose an address: ${where}`);

    if (runtime === "python") {
      assert.deepEqual(callNames(run, "server").slice(0, 4), ["socket", "bind", "listen", "accept"]);
      assert.deepEqual(callsOf(run.events, "server")[0]!.args, [family, "SOCK_STREAM"]);
      assert.deepEqual(callsOf(run.events, "client")[0]!.args, [family, "SOCK_STREAM"]);
      assert.equal(callNames(run, "client")[1], "connect");
    } else {
      assert.deepEqual(callNames(run, "server").slice(0, 2), ["listen", "accept"]);
      assert.equal(callNames(run, "client")[0], "connect");
    }
    const [accept] = ends(run.events, "server", "accept");
    const [connect] = ends(run.events, "client", "connect");
    assert.equal(connect?.errno, undefined);
    if (id === "echo-unix") {
      if (runtime === "python") assert.match(accept!.result ?? "", /peer ''/, "the client never bound a name");
    } else {
      assert.equal(accept!.peer, connect!.local, "accept() names the client's own address");
    }

    // Every byte the client sent came back, in its own messages.
    const out = outputOf(run.events, "client");
    for (const m of messages) assert.ok(out.includes(`echoed: ${m}`), out);
    const sent = ends(run.events, "client", runtime === "python" ? "sendall" : "send").reduce((n, c) => n + (c.bytes ?? 0), 0);
    const echoed = ends(run.events, "server", "recv").reduce((n, c) => n + (c.bytes ?? 0), 0);
    assert.equal(sent, messages.join("").length);
    assert.equal(echoed, sent);
    assert.match(outputOf(run.events, "server"), /client left/);
    await assertNothingLeft(run);

    if (run === stepped) {
      // Every reading that shows the listener names its owner, even one that was in flight
      // while the server started or closed it (the engine settles those rows).
      const listening = rowsOf(run.events, proto).flatMap((s) => s.rows).filter((r) => r.state === "LISTEN");
      assert.ok(listening.length > 0, `a ${proto} LISTEN row. Events:\n${describeEvents(run.events)}`);
      for (const r of listening) {
        assert.equal(r.local, where);
        assert.equal(r.pid, accept!.pid, `the LISTEN row's owner. Events:\n${describeEvents(run.events)}`);
      }
    }
  }
}
