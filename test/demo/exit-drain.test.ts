import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import type { DemoEvent } from "../../src/demo/events.js";
import type { LaunchPlan } from "../../src/demo/launch-plan.js";
import { TracedProcess } from "../../src/demo/traced-process.js";
import { repoRoot } from "../support/cli.js";

const dir = path.join(repoRoot, "test", "demo", "fixtures", "late-events");

/** The fixture program as process `name`, its command line run through `wrap` (as nsenter or a subreaper would). */
function planWith(name: string, side: "left" | "right", wrap: (cmd: string, args: readonly string[]) => { cmd: string; args: string[] }): LaunchPlan {
  return {
    spec: { name, side, python: "late.py", node: "late.mjs" },
    runtime: "node",
    executable: process.execPath,
    tracer: path.join(dir, "noop-preload.mjs"),
    program: path.join(dir, "late.mjs"),
    cwd: dir,
    env: { ...process.env },
    sandbox: { wrap },
  };
}

/** Runs the plan to its exit; every event it emitted, in order. */
async function eventsOf(plan: LaunchPlan): Promise<DemoEvent[]> {
  const events: DemoEvent[] = [];
  await new Promise<void>((resolve) => {
    const p = new TracedProcess(plan, (ev) => events.push(ev), () => resolve());
    p.start("run");
  });
  return events;
}

/**
 * A process's exit is reported after the last events on its tracer's pipe: the verdict
 * is taken at the exit, and a short program's last call (connect-refused's ECONNREFUSED)
 * was missing from it when the exit came first on a busy machine. Here the spawned
 * process (as nsenter would be) exits at once, and the program it left writes its call
 * 600 ms later: the exit must wait for the pipe to end.
 */
describe("a process's exit", () => {
  it("comes after the last event its pipe still had, when the spawned process ended first", async () => {
    // The leader leaves the program running in the background and exits at once.
    const events = await eventsOf(planWith("client", "right", (cmd, args) => ({ cmd: "/bin/sh", args: ["-c", '("$@" &); exit 0', "sh", cmd, ...args] })));
    const kinds = events.map((e) => (e.type === "call" ? `call ${e.call}` : e.type)).filter((k) => k !== "output");
    assert.deepEqual(kinds, ["spawn", "call connect", "exit"], `the exit after the call: ${kinds.join(", ")}`);
  });

  it("comes after the output the program wrote before its pid was known, which is kept (Node discards what an unread pipe holds when the spawned process exits)", async () => {
    // The spawned process (as nsenter or the fallback's subreaper would be) writes and exits
    // before it has a child to name as the program: its output must still be shown, after its spawn.
    const events = await eventsOf(planWith("server", "left", () => ({ cmd: "/bin/sh", args: ["-c", "echo 'Traceback: it failed' >&2; echo about to fail; exit 3"] })));
    const kinds = events.map((e) => (e.type === "output" ? `${e.stream} ${e.text.trim()}` : e.type));
    assert.equal(kinds[0], "spawn", kinds.join(", "));
    assert.equal(kinds.at(-1), "exit", kinds.join(", "));
    assert.deepEqual(kinds.slice(1, -1).sort(), ["stderr Traceback: it failed", "stdout about to fail"], kinds.join(", "));
    const exit = events.at(-1);
    assert.equal(exit?.type === "exit" ? exit.code : undefined, 3);
  });
});
