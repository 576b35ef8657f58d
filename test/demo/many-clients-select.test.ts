import assert from "node:assert/strict";
import type { CallEvent } from "../../src/demo/events.js";
import { assertNothingLeft } from "../support/demo.js";
import { ends, inBothRuntimes } from "./lesson-demo-helpers.js";
import { checkTogether } from "./many-clients-check.js";

inBothRuntimes("many-clients-select: one thread, select() says who is ready, all three served at once", async (runtime) => {
  const run = await checkTogether("many-clients-select", runtime);
  const calls = ends(run.events, "server", "recv").concat(ends(run.events, "server", "accept"));
  assert.ok(calls.every((c) => c.thread === undefined), "one thread does everything");
  if (runtime === "python") {
    const selects = run.events.filter((e): e is CallEvent => e.type === "call" && e.proc === "server" && e.phase === "end" && e.kind === "select");
    assert.ok(selects.length >= 6, `select() before every accept and recv (${selects.length})`);
    // Every accept() and recv() follows a select() that reported its socket ready: none blocks.
    for (const c of calls) {
      const before = selects.filter((s) => s.t <= c.t).at(-1);
      assert.ok(before && new RegExp(`fd ${c.fd}\\b`).test(before.result ?? ""), `${c.call} on fd ${c.fd} after select() said so: ${before?.result ?? "none"}`);
    }
  }
  await assertNothingLeft(run);
});
