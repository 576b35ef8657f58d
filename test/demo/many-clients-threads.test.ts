import assert from "node:assert/strict";
import { assertNothingLeft } from "../support/demo.js";
import { ends, inBothRuntimes } from "./lesson-demo-helpers.js";
import { checkTogether } from "./many-clients-check.js";

inBothRuntimes("many-clients-threads: one thread per client, all three served at once", async (runtime) => {
  const run = await checkTogether("many-clients-threads", runtime);
  const recvs = ends(run.events, "server", "recv");
  if (runtime === "python") {
    const threads = new Set(recvs.map((c) => c.thread));
    assert.equal(threads.size, 3, `each conversation on its own thread: ${[...threads].join(", ")}`);
    assert.ok(ends(run.events, "server", "accept").every((c) => c.thread === undefined), "the main thread accepts");
  } else {
    assert.ok(recvs.every((c) => c.thread === undefined), "Node: one thread");
    assert.match(run.state.runtimeNote ?? "", /one thread/);
  }
  await assertNothingLeft(run);
});
