/**
 * The kernel table on a busy machine: a reading of /proc/net can take hundreds of
 * milliseconds when the cores are shared. These tests make the reading slow on
 * purpose (a reader that waits for a state of the run, not for a duration) and
 * check that what the session publishes is still true.
 */
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, it } from "node:test";
import type { DemoEvent } from "../../src/demo/events.js";
import { findDemo } from "../../src/demo/launcher.js";
import { chooseRuntime } from "../../src/demo/runtime.js";
import { DemoSession, type SessionOptions } from "../../src/demo/session.js";
import type { DemoRuntime } from "../../src/demo/spec.js";
import { readSocketTable } from "../../src/kernel/table.js";
import type { SocketTableSnapshot } from "../../src/kernel/types.js";
import { assertNothingLeft, describeEvents, pidsOf } from "../support/demo.js";
import { pythonSkip } from "./lesson-demo-helpers.js";

type Reader = NonNullable<SessionOptions["readTable"]>;

/** Polls `check` every 10 ms until it is true; false after `ms` (a bound, so a broken run cannot hang the test). */
async function until(check: () => boolean, ms = 15_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await sleep(10);
  }
  return true;
}

async function session(id: string, runtime: DemoRuntime, mode: SessionOptions["mode"], readTable: (s: () => DemoSession) => Reader): Promise<{ s: DemoSession; events: DemoEvent[] }> {
  const demo = findDemo(id)!;
  const choice = await chooseRuntime(runtime);
  assert.equal(choice.runtime, runtime);
  let s: DemoSession | undefined;
  const get = () => s!;
  s = new DemoSession(demo, choice, { mode, slowMs: 0, syscalls: false, port: 0, autoInput: true, timeoutMs: 20_000, tablePollMs: 20, readTable: readTable(get) });
  const events: DemoEvent[] = [];
  s.onEvent((ev: DemoEvent) => events.push(ev));
  return { s, events };
}

function listenEnded(s: DemoSession): boolean {
  return s.state.processes.some((p) => p.name === "server" && p.calls.some((c) => c.call === "listen" && c.status !== "pending" && c.status !== "running"));
}

describe("the kernel table while readings are slow", { concurrency: true }, () => {
  for (const runtime of ["python", "node"] as const) {
    it(`a reading that began before the server started still names the server as the LISTEN row's owner (${runtime})`, { skip: runtime === "python" && pythonSkip }, async () => {
      // The first reading (started at launch, before any process) is held until the
      // server has listened: its owner scan must use the pids of that moment. Step mode,
      // every call let go at once except the client's connect(), held until a LISTEN row
      // was published: the server closes its listener after one accept().
      let first = true;
      const { s, events } = await session("echo-ipv4", runtime, "step", (get) => async (filter, opts) => {
        if (first) {
          first = false;
          assert.ok(await until(() => listenEnded(get())), "the server listened");
        }
        return readSocketTable(filter, opts);
      });
      let listenShown = false;
      let heldConnect: number | undefined;
      s.onEvent((ev: DemoEvent) => {
        if (ev.type === "table" && !listenShown && ev.snapshot.rows.some((r) => r.state === "LISTEN")) {
          listenShown = true;
          if (heldConnect !== undefined) s.continue("client", heldConnect);
        }
        if (ev.type !== "call" || ev.phase !== "pending") return;
        if (ev.proc === "client" && ev.call === "connect" && !listenShown) heldConnect = ev.seq;
        else s.continue(ev.proc, ev.seq);
      });
      try {
        await s.launch();
        const state = await s.done();
        assert.equal(state.ok, true, state.reason);
        const server = state.processes.find((p) => p.name === "server")!;
        const listening = events.flatMap((e) => (e.type === "table" ? e.snapshot.rows : [])).filter((r) => r.state === "LISTEN");
        assert.ok(listening.length > 0, `a LISTEN row was shown. Events:\n${describeEvents(events)}`);
        for (const r of listening) assert.equal(r.pid, server.pid, `every LISTEN row names its owner: ${JSON.stringify(r)}. Events:\n${describeEvents(events)}`);
        await assertNothingLeft({ pids: pidsOf(events), port: s.port });
      } finally {
        await s.stop();
      }
    });

    it(`the last table is read after the processes ended, and nothing is published after the run is done (${runtime})`, { skip: runtime === "python" && pythonSkip }, async () => {
      // Every reading that starts while a process lives is held until all have exited:
      // the one in flight at the end is stale, and must neither be the last table nor come after "done".
      const { s, events } = await session("echo-ipv4", runtime, "run", (get) => async (filter, opts) => {
        const snap: SocketTableSnapshot = await readSocketTable(filter, opts);
        const alive = () => get().state.processes.some((p) => p.pid !== undefined && !p.exit);
        if (alive()) {
          await until(() => !alive());
          await sleep(50); // past the session's own handling of the last exit
        }
        return snap;
      });
      try {
        await s.launch();
        const state = await s.done();
        assert.equal(state.ok, true, state.reason);
        await sleep(200); // a stray reading would publish in this time; none may
        const done = events.findIndex((e) => e.type === "status" && e.status === "done");
        assert.ok(done >= 0);
        assert.deepEqual(events.slice(done + 1).map((e) => e.type), [], `nothing after "done". Events:\n${describeEvents(events)}`);
        // The final table is the one read after the exits: no process is left to own a socket.
        const final = events.filter((e) => e.type === "table").at(-1);
        assert.ok(final?.type === "table");
        assert.deepEqual(state.table, final.snapshot);
        assert.deepEqual(final.snapshot.rows.filter((r) => r.pid !== undefined), [], `the final table is read after the processes ended. Events:\n${describeEvents(events)}`);
      } finally {
        await s.stop();
      }
    });
  }
});
