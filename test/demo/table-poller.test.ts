import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, it } from "node:test";
import { PlumbingRule, TablePoller } from "../../src/demo/table-poller.js";
import type { SocketRow, SocketTableSnapshot } from "../../src/kernel/types.js";

function row(over: Partial<SocketRow> = {}): SocketRow {
  return { proto: "tcp", local: "127.0.0.1:8000", remote: "0.0.0.0:*", state: "LISTEN", recvQ: 0, sendQ: 1, inode: 7, ...over };
}

/** A reader whose readings the test hands out one by one. */
function manualReader(): { read: () => Promise<SocketTableSnapshot>; give: (rows: SocketRow[]) => void; waiting: () => number } {
  const queue: Array<(s: SocketTableSnapshot) => void> = [];
  return {
    read: () => new Promise((resolve) => queue.push(resolve)),
    give: (rows) => queue.shift()?.({ t: Date.now(), rows, source: "/proc/net" }),
    waiting: () => queue.length,
  };
}

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not reached");
    await sleep(5);
  }
}

describe("the table poller", () => {
  it("publishes a reading only when it differs from the last one published", async () => {
    const published: SocketTableSnapshot[] = [];
    let n = 0;
    const readings = [[row()], [row()], [row({ recvQ: 1 })], [row({ recvQ: 1 })]];
    const p = new TablePoller({ intervalMs: 1000, read: async () => ({ t: n, rows: readings[n++] ?? [], source: "/proc/net" }), select: (r) => r, publish: (s) => published.push(s) });
    for (let i = 0; i < 4; i++) await p.poll();
    assert.deepEqual(published.map((s) => s.rows[0]!.recvQ), [0, 1]);
  });

  it("never runs two readings at once: a poll during a reading shares it", async () => {
    const r = manualReader();
    const p = new TablePoller({ intervalMs: 1000, read: r.read, select: (x) => x, publish: () => undefined });
    const a = p.poll();
    const b = p.poll();
    assert.equal(r.waiting(), 1);
    r.give([row()]);
    await Promise.all([a, b]);
    assert.equal(p.readings, 1);
  });

  it("final() waits out the reading in flight, then publishes a fresh one", async () => {
    const r = manualReader();
    const published: number[] = [];
    const p = new TablePoller({ intervalMs: 1000, read: r.read, select: (x) => x, publish: (s) => published.push(s.rows.length) });
    void p.poll();
    const done = p.final();
    await sleep(5);
    assert.equal(r.waiting(), 1, "no second reading while the first is in flight");
    r.give([row()]); // the old reading, taken while the run ran
    await until(() => r.waiting() === 1);
    r.give([]); // the fresh one: the listener is gone
    await done;
    assert.deepEqual(published, [1, 0]);
  });

  it("a reading that ends after the run is over is dropped", async () => {
    const r = manualReader();
    let current = true;
    const published: number[] = [];
    const p = new TablePoller({ intervalMs: 1000, read: r.read, select: (x) => x, publish: (s) => published.push(s.rows.length), current: () => current });
    const a = p.poll();
    current = false;
    r.give([row()]);
    await a;
    assert.deepEqual(published, []);
  });

  it("polls less often while nothing changes (never less than once a second), and often again when the run is busy", async () => {
    // A hand-fired timer: the test sees each interval the poller asks for, with no wall-clock waits
    // (under load, real timers fired late and the count of readings in a window said nothing).
    type Armed = { fn: () => void; ms: number; live: boolean };
    const armed: Armed[] = [];
    const timers = {
      set: (fn: () => void, ms: number) => {
        const h: Armed = { fn, ms, live: true };
        armed.push(h);
        return h;
      },
      clear: (h: unknown) => {
        if (h) (h as Armed).live = false;
      },
    };
    const live = (): Armed => {
      const on = armed.filter((h) => h.live);
      assert.equal(on.length, 1, "one timer armed at a time");
      return on[0]!;
    };
    let reads = 0;
    const p = new TablePoller({ intervalMs: 10, idleMs: 80, calmReadings: 2, timers, read: async () => (reads++, { t: 0, rows: [row()], source: "/proc/net" }), select: (x) => x, publish: () => undefined });
    p.start();
    try {
      await until(() => reads === 1);
      // The first reading's promise settles after it counts: let it, or the first fire shares it.
      await new Promise((resolve) => setImmediate(resolve));
      const waits: number[] = [];
      for (let i = 0; i < 8; i++) {
        const h = live();
        waits.push(h.ms);
        h.live = false;
        const before = reads;
        h.fn();
        await until(() => reads === before + 1 && armed.some((x) => x.live));
      }
      // Readings 1-2 are unchanged but not yet calm; then each doubles the wait, up to idleMs.
      assert.deepEqual(waits, [10, 10, 20, 40, 80, 80, 80, 80]);
      p.busy();
      assert.equal(live().ms, 10, "busy() arms the short interval again");
    } finally {
      p.stop();
    }
    assert.equal(armed.filter((h) => h.live).length, 0, "stop() clears the timer");
  });

  it("a reader that throws becomes a snapshot with the error, not a crash", async () => {
    const published: SocketTableSnapshot[] = [];
    const p = new TablePoller({ intervalMs: 1000, read: () => Promise.reject(new Error("no /proc")), select: (x) => x, publish: (s) => published.push(s) });
    await p.poll();
    assert.equal(published[0]?.error, "no /proc");
  });
});

describe("the plumbing rule", () => {
  const pipe = (fd: number, pid = 10): SocketRow => row({ proto: "unix", local: "", remote: "", state: "CONNECTED", pid, fd });
  it("hides a traced process's unnamed Unix sockets on the tutor's fds, for each runtime", () => {
    const py = new PlumbingRule("python");
    py.addPid(10);
    assert.equal(py.isPlumbing(pipe(3)), true);
    assert.equal(py.isPlumbing(pipe(201)), true);
    assert.equal(py.isPlumbing(pipe(5)), false);
    const node = new PlumbingRule("node");
    node.addPid(10);
    assert.equal(node.isPlumbing(pipe(4)), true);
    assert.equal(node.isPlumbing(pipe(201)), false, "Node's tracer does not move its pipes");
  });
  it("keeps a socket the program's own calls used, and any socket of another process", () => {
    const py = new PlumbingRule("python");
    py.noteCall({ pid: 10, fd: 3 });
    assert.equal(py.isPlumbing(pipe(3)), false);
    assert.equal(py.isPlumbing(pipe(4)), true);
    assert.equal(py.isPlumbing(pipe(4, 11)), false);
    assert.equal(py.isPlumbing(row({ pid: 10, fd: 4 })), false, "a TCP socket is never plumbing");
  });
});
