import assert from "node:assert/strict";
import { assertNothingLeft, callNames, callsOf, runDemo } from "../support/demo.js";
import { inBothRuntimes, outputOf, rowsOf } from "./lesson-demo-helpers.js";

inBothRuntimes("first-socket: the printed fd is the LISTEN row's fd, owned by the program", async (runtime) => {
  const run = await runDemo("first-socket", { runtime });
  assert.equal(run.state.ok, true, run.state.reason);
  const calls = callsOf(run.events, "server");
  assert.deepEqual(callNames(run, "server"), runtime === "python" ? ["socket", "bind", "listen", "getsockname", "close"] : ["listen", "close"]);

  const out = outputOf(run.events, "server");
  const printed = Number(/file descriptor (\d+)/.exec(out)?.[1]);
  assert.ok(Number.isInteger(printed), `the program prints its descriptor: ${out}`);
  const listen = calls.find((c) => c.call === "listen")!;
  assert.equal(listen.fd, printed, "the tracer and the program agree on the fd");
  if (runtime === "python") assert.equal(calls[0]!.result, `fd ${printed}`);

  // While the program holds it, the kernel lists the socket: LISTEN, its address, its pid and fd.
  const pid = run.pids[0];
  const held = rowsOf(run.events, "tcp").flatMap((s) => s.rows).find((r) => r.state === "LISTEN");
  assert.ok(held, "a LISTEN row was seen");
  assert.equal(held.local, `127.0.0.1:${run.port}`);
  assert.equal(held.pid, pid);
  assert.equal(held.fd, printed);
  assert.match(out, /closed/);
  await assertNothingLeft(run);
});
