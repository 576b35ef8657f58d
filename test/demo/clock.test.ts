import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ClockTimers, DemoClock, systemClockSource, type ClockSource } from "../../src/demo/clock.js";

/** A clock source whose time the test moves by hand. */
function fakeSource(start = 1000): ClockSource & { advance(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    monoOffset: 5_000_000,
    wallOffset: 1_700_000_000_000,
    advance(ms: number) {
      t += ms;
    },
  };
}

describe("the demo clock", () => {
  it("runs from 0, stops while held, and goes on from where it stopped", () => {
    const src = fakeSource();
    const clock = new DemoClock(src);
    assert.equal(clock.now(), 0);
    src.advance(300);
    assert.equal(clock.now(), 300);
    assert.equal(clock.stop(), true);
    assert.equal(clock.stop(), false, "stopping a stopped clock changes nothing");
    src.advance(60_000);
    assert.equal(clock.now(), 300, "a minute's hold is no time on the demo clock");
    assert.equal(clock.start(), true);
    assert.equal(clock.start(), false);
    src.advance(200);
    assert.equal(clock.now(), 500);
    assert.equal(clock.heldMs(), 60_000);
  });

  it("never goes backwards, whatever the order of stops and starts", () => {
    const src = fakeSource();
    const clock = new DemoClock(src);
    let last = -1;
    for (let i = 0; i < 500; i++) {
      src.advance((i * 7919) % 13);
      if (i % 3 === 0) clock.stop();
      if (i % 5 === 0) clock.start();
      const now = clock.now();
      assert.ok(now >= last, `step ${i}: ${now} < ${last}`);
      last = now;
    }
  });

  it("gives the demo time of an earlier event and the held time between two events", () => {
    const src = fakeSource();
    const clock = new DemoClock(src);
    const wall = (): number => clock.wallNow();
    src.advance(100);
    const before = wall();
    clock.stop();
    src.advance(5000);
    const during = wall();
    clock.start();
    src.advance(50);
    const after = wall();
    assert.equal(clock.demoAt(before), 100);
    assert.equal(clock.demoAt(during), 100, "while stopped, the demo time stands still");
    assert.equal(clock.demoAt(after), 150);
    assert.equal(clock.heldBetween(before, after), 5000);
    assert.equal(clock.heldBetween(during, after), 0);
    assert.equal(clock.heldBetween(after, before), 0, "a window that ends before it starts holds nothing");
    // A time in the future (another process's clock a little ahead) counts as now, never later.
    assert.equal(clock.demoAt(after + 10_000), 150);
  });

  it("tells a tracer its state as a control line, in the system's monotonic time", () => {
    const src = fakeSource(2000);
    const clock = new DemoClock(src);
    src.advance(250);
    assert.equal(clock.line(), `t run 250.000 ${(2250 + 5_000_000).toFixed(3)}`);
    clock.stop();
    src.advance(1000);
    assert.equal(clock.line(), "t hold 250.000");
  });

  it("keeps a bounded history: a run with thousands of holds still answers for recent times", () => {
    const src = fakeSource();
    const clock = new DemoClock(src);
    for (let i = 0; i < 10_000; i++) {
      clock.stop();
      src.advance(10);
      clock.start();
      src.advance(1);
    }
    const t = clock.wallNow();
    assert.equal(clock.now(), 10_000);
    assert.equal(clock.demoAt(t), 10_000);
    clock.stop();
    src.advance(500);
    assert.equal(clock.heldBetween(t, clock.wallNow()), 500);
  });

  it("the system source reads the same monotonic clock as Node's hrtime", () => {
    const src = systemClockSource();
    const mono = Number(process.hrtime.bigint()) / 1e6;
    assert.ok(Math.abs(src.now() + src.monoOffset - mono) < 50, "now() + monoOffset is CLOCK_MONOTONIC in ms");
    assert.ok(Math.abs(src.now() + src.wallOffset - Date.now()) < 1000, "now() + wallOffset is wall time");
  });
});

describe("timers on the demo clock", () => {
  /** Real timers replaced by a list the test fires by hand. */
  function fakeTimers() {
    const armed = new Map<number, { fn: () => void; ms: number }>();
    let id = 0;
    return {
      armed,
      set: (fn: () => void, ms: number) => {
        armed.set(++id, { fn, ms });
        return id as unknown as ReturnType<typeof setTimeout>;
      },
      clear: (t: ReturnType<typeof setTimeout>) => void armed.delete(t as unknown as number),
      fireAll() {
        for (const [k, v] of [...armed]) {
          armed.delete(k);
          v.fn();
        }
      },
    };
  }

  it("fire after the demo time, not the real time: a hold in between does not count", () => {
    const src = fakeSource();
    const clock = new DemoClock(src);
    const real = fakeTimers();
    const timers = new ClockTimers(clock, real.set, real.clear);
    let fired = 0;
    timers.after(300, () => fired++);
    assert.equal([...real.armed.values()][0]?.ms, 300);
    src.advance(100);
    clock.stop();
    timers.changed();
    assert.equal(real.armed.size, 0, "no real timer while the clock is stopped");
    src.advance(10_000);
    clock.start();
    timers.changed();
    assert.equal([...real.armed.values()][0]?.ms, 200, "armed for the 200 ms left");
    // A real timer that fires early re-arms itself instead of calling back.
    src.advance(150);
    real.fireAll();
    assert.equal(fired, 0);
    assert.equal([...real.armed.values()][0]?.ms, 50);
    src.advance(50);
    real.fireAll();
    assert.equal(fired, 1);
    assert.equal(timers.size, 0);
  });

  it("a delay of 0 does not wait for a stopped clock", () => {
    const src = fakeSource();
    const clock = new DemoClock(src);
    const real = fakeTimers();
    const timers = new ClockTimers(clock, real.set, real.clear);
    clock.stop();
    let fired = 0;
    timers.after(0, () => fired++);
    timers.after(1, () => fired++);
    assert.equal(real.armed.size, 1, "only the 0 ms one is armed while the clock is stopped");
    real.fireAll();
    assert.equal(fired, 1);
  });

  it("can be cancelled and cleared", () => {
    const src = fakeSource();
    const clock = new DemoClock(src);
    const real = fakeTimers();
    const timers = new ClockTimers(clock, real.set, real.clear);
    let fired = 0;
    const a = timers.after(10, () => fired++);
    timers.after(20, () => fired++);
    timers.cancel(a);
    assert.equal(timers.size, 1);
    timers.clear();
    assert.equal(real.armed.size, 0);
    src.advance(100);
    real.fireAll();
    assert.equal(fired, 0);
  });
});
