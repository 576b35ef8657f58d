import assert from "node:assert/strict";
import { assertNothingLeft, callNames, callsOf, runHolding } from "../support/demo.js";
import { inBothRuntimes, outputOf, rowsOf } from "./lesson-demo-helpers.js";

inBothRuntimes("first-socket: the printed fd is the LISTEN row's fd, owned by the program", async (runtime) => {
  // close() waits until the table has shown the owned LISTEN row: a reading is then certain
  // to fall inside the program's pause, however slow readings are on a busy machine.
  const run = await runHolding("first-socket", { runtime, hold: { proc: "server", call: "close" }, until: (snap) => snap.rows.some((r) => r.state === "LISTEN" && r.pid !== undefined) });
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
  const held = rowsOf(run.events, "tcp").flatMap((s) => s.rows).filter((r) => r.state === "LISTEN");
  assert.ok(held.length > 0, "a LISTEN row was seen");
  for (const r of held) assert.deepEqual([r.local, r.pid, r.fd], [`127.0.0.1:${run.port}`, pid, printed], "every reading of the row names its owner and fd");
  assert.match(out, /closed/);
  await assertNothingLeft(run);
});
