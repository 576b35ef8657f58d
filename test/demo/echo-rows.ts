/**
 * What the echo demos' step points at, in a free run (as `--plain` shows it): both ends
 * of the connection in the kernel's table at once, each owned by its own process. The
 * client holds the connection open a moment so that a table reading catches it.
 */
import assert from "node:assert/strict";
import type { DemoRuntime } from "../../src/demo/spec.js";
import { assertNothingLeft, describeEvents, runDemo } from "../support/demo.js";
import { ends, rowsOf } from "./lesson-demo-helpers.js";

const PROTO = { "echo-ipv4": "tcp", "echo-ipv6": "tcp6", "echo-unix": "unix" } as const;

export async function checkBothEnds(id: keyof typeof PROTO, runtime: DemoRuntime): Promise<void> {
  const run = await runDemo(id, { runtime });
  assert.equal(run.state.ok, true, run.state.reason);
  const proto = PROTO[id];
  const state = proto === "unix" ? "CONNECTED" : "ESTABLISHED";
  const pidOf = (proc: string): number | undefined => {
    const ev = run.events.find((e) => e.type === "spawn" && e.proc === proc);
    return ev?.type === "spawn" ? ev.pid : undefined;
  };
  const serverPid = pidOf("server");
  const clientPid = pidOf("client");
  const [accept] = ends(run.events, "server", "accept");
  const both = rowsOf(run.events, proto).find(({ rows }) => {
    const connected = rows.filter((r) => r.state === state);
    return connected.some((r) => r.pid === serverPid && r.fd === accept?.newFd) && connected.some((r) => r.pid === clientPid);
  });
  assert.ok(both, `a ${proto} snapshot with two ${state} rows, the server's (fd ${accept?.newFd}) and the client's. Events:\n${describeEvents(run.events)}`);
  if (proto !== "unix") {
    const rows = both.rows.filter((r) => r.state === state);
    const server = rows.find((r) => r.pid === serverPid)!;
    const client = rows.find((r) => r.pid === clientPid)!;
    assert.equal(server.local, client.remote, "one connection: the server's local address is the client's remote one");
    assert.equal(server.remote, client.local);
  }
  await assertNothingLeft(run);
}
