import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { repoRoot } from "../support/cli.js";
import { assertNothingLeft, runDemo } from "../support/demo.js";

const root = path.join(repoRoot, "test", "demo", "fixtures", "lessons");
// A sitecustomize that sleeps 1 s: every Python interpreter this test file's demos start
// (the server's, the client's, the capture's) loads as slowly as on a very busy machine.
// The tutor passes its environment on to demo programs, as it does a learner's PYTHONPATH.
process.env.PYTHONPATH = path.join(repoRoot, "test", "demo", "fixtures", "slow-site");

/**
 * A process's start-up is not demo time: the demo clock is held from its spawn until
 * its tracer says "ready". In the fixture the server waits 0.5 s of demo time after
 * listen() and then looks for a client without blocking; the Python client's
 * interpreter takes a whole second to load. Without the hold, the server looks
 * before the client exists.
 */
describe("a process's start-up holds the demo clock", { concurrency: true }, () => {
  for (const mode of ["run", "step"] as const) {
    it(`a client whose interpreter takes 1 s to start still connects within the server's 0.5 s (python, ${mode})`, async () => {
      const run = await runDemo("slow-start", {
        runtime: "python",
        root,
        mode,
        deadlineMs: 20_000,
        // Step mode: every call is let go at once, so only the start-up can hold the clock.
        onEvent: (ev, s) => {
          if (ev.type === "call" && ev.phase === "pending") s.continue(ev.proc, ev.seq);
        },
      });
      const server = run.state.processes.find((p) => p.name === "server")!;
      const said = server.output.map((l) => l.text);
      assert.deepEqual(said, ["a client was waiting"], `the server looked before the client had started: ${said.join(" | ")}`);
      assert.ok(run.session.demoClock.heldMs() >= 1900, `the clock was held for the server's and the client's start-up (held ${run.session.demoClock.heldMs()} ms)`);
      await assertNothingLeft({ pids: run.pids, port: run.port });
    });
  }

  it("the Node tracer says it is ready: its start-up holds the clock only while it loads", async () => {
    const run = await runDemo("slow-start", { runtime: "node", root, mode: "run", deadlineMs: 20_000 });
    const server = run.state.processes.find((p) => p.name === "server")!;
    assert.deepEqual(server.output.map((l) => l.text), ["a client was waiting"]);
    // A tracer that never said "ready" would hold the clock for the start-up limit (10 s) each.
    assert.ok(run.session.demoClock.heldMs() < 5000, `held ${run.session.demoClock.heldMs()} ms`);
    await assertNothingLeft({ pids: run.pids, port: run.port });
  });
});
