/**
 * Running demos headless in tests, and checking that nothing is left behind.
 *
 *   const run = await runDemo("tcp-step-by-step", { runtime: "python" });
 *   assert.equal(run.state.ok, true);
 *   assert.deepEqual(callNames(run, "server"), ["socket", "bind", "listen", "accept", ...]);
 *   await assertNothingLeft(run);
 *
 * Each run uses a port the kernel picks (port: 0), so test files running in
 * parallel never share one. In step mode pass `onEvent` to drive the session.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import type { CallEvent, DemoEvent } from "../../src/demo/events.js";
import { findDemo, startDemo, type DemoSession, type StartOptions } from "../../src/demo/launcher.js";
import type { DemoRuntime } from "../../src/demo/spec.js";
import type { DemoState } from "../../src/demo/state.js";
import type { SocketTableSnapshot } from "../../src/kernel/types.js";

export interface DemoRun {
  id: string;
  runtime: DemoRuntime;
  events: DemoEvent[];
  state: DemoState;
  session: DemoSession;
  /** Every pid the demo's processes had (from spawn and call events). */
  pids: number[];
  port?: number;
  socketPath?: string;
}

export interface RunDemoOptions extends Omit<StartOptions, "onEvent" | "runtime"> {
  runtime: DemoRuntime;
  /** The lessons folder to find the demo in (default: the real one). */
  root?: string;
  /** The test fails if the demo is not done by then (default 15 s). */
  deadlineMs?: number;
  /** Called for each event with the session, e.g. to continue calls in step mode. */
  onEvent?: (ev: DemoEvent, session: DemoSession) => void;
}

/** Runs a demo to its end (status done, or stopped by the deadline) and returns what happened. */
export async function runDemo(id: string, opts: RunDemoOptions): Promise<DemoRun> {
  const demo = findDemo(id, opts.root);
  if (!demo) throw new Error(`no demo '${id}'`);
  const events: DemoEvent[] = [];
  let session: DemoSession | undefined;
  const early: DemoEvent[] = [];
  const { deadlineMs = 15_000, onEvent, runtime, root: _root, ...start } = opts;
  session = await startDemo(demo, {
    port: 0,
    ...start,
    runtime,
    onEvent: (ev) => {
      events.push(ev);
      if (session) onEvent?.(ev, session);
      else early.push(ev);
    },
  });
  for (const ev of early) onEvent?.(ev, session);
  if (session.runtime !== runtime) throw new Error(`asked for ${runtime}, got ${session.runtime} (is python3 >= 3.8 installed?)`);
  const s = session;
  let timer: NodeJS.Timeout | undefined;
  const state = await Promise.race([
    s.done(),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        void s.stop().then(() => reject(new Error(`demo ${id} (${runtime}) not done within ${deadlineMs} ms. Events:\n${describeEvents(events)}`)));
      }, deadlineMs);
    }),
  ]).finally(() => clearTimeout(timer));
  return { id, runtime, events, state, session: s, pids: pidsOf(events), port: s.port, socketPath: s.socketPath };
}

/** The call to hold in `runHolding`, by process and call name (per runtime, where Node names it otherwise). */
export interface HoldAt {
  proc: string;
  call: string | Record<DemoRuntime, string>;
  /** Which of the process's calls with that name (1: the first, the default). */
  nth?: number | Record<DemoRuntime, number>;
}

/**
 * Runs a demo at full speed, but in step mode so that one call can be held: every
 * paused call is let go at once, except the `hold.nth` call of `hold.proc` named `hold.call`,
 * which waits until the session's latest table reading satisfies `until` (asked after
 * every event, with the state so far). A state the demo passes through (a LISTEN row,
 * CLOSE_WAIT during a pause) is then certain to be read, however long a reading takes
 * on a busy machine: the test waits for the state, not for a duration the demo happens
 * to last. If the reading never comes, the run's deadline ends it and the failure
 * lists the events.
 */
export function runHolding(id: string, opts: Omit<RunDemoOptions, "mode" | "onEvent"> & { hold: HoldAt; until: (snapshot: SocketTableSnapshot, state: DemoState) => boolean }): Promise<DemoRun> {
  const { hold, until, ...rest } = opts;
  const call = typeof hold.call === "string" ? hold.call : hold.call[opts.runtime];
  const nth = hold.nth === undefined ? 1 : typeof hold.nth === "number" ? hold.nth : hold.nth[opts.runtime];
  let count = 0;
  let seen = false;
  let held: number | undefined;
  return runDemo(id, {
    ...rest,
    mode: "step",
    onEvent: (ev, session) => {
      if (ev.type === "call" && ev.phase === "pending") {
        if (ev.proc === hold.proc && ev.call === call && ++count === nth && !seen) held = ev.seq;
        else session.continue(ev.proc, ev.seq);
      }
      const table = session.state.table;
      if (!seen && table && until(table, session.state)) {
        seen = true;
        if (held !== undefined) session.continue(hold.proc, held);
      }
    },
  });
}

export function pidsOf(events: readonly DemoEvent[]): number[] {
  const pids = new Set<number>();
  for (const ev of events) if ((ev.type === "spawn" || ev.type === "call") && ev.pid > 0) pids.add(ev.pid);
  return [...pids];
}

/** The call events of one process (all of them by default), for one phase (default "end"). */
export function callsOf(events: readonly DemoEvent[], proc?: string, phase: CallEvent["phase"] = "end"): CallEvent[] {
  return events.filter((e): e is CallEvent => e.type === "call" && (proc === undefined || e.proc === proc) && e.phase === phase);
}

/** The names of one process's finished socket calls, in order (input() and select left out). */
export function callNames(run: { events: readonly DemoEvent[] }, proc: string): string[] {
  return callsOf(run.events, proc).filter((c) => (c.kind ?? "socket") === "socket").map((c) => c.call);
}

/** Index of the first event matching, or -1: for order constraints across processes. */
export function indexOf(events: readonly DemoEvent[], match: (ev: DemoEvent) => boolean): number {
  return events.findIndex(match);
}

export function isCall(proc: string, call: string, phase: CallEvent["phase"] = "end"): (ev: DemoEvent) => boolean {
  return (ev) => ev.type === "call" && ev.proc === proc && ev.call === call && ev.phase === phase;
}

export function describeEvents(events: readonly DemoEvent[]): string {
  return events
    .map((e) => {
      if (e.type === "call") return `  ${e.proc} ${e.phase} ${e.call}(${e.args.join(", ")})${e.result ? ` -> ${e.result}` : ""}${e.errno ? ` ${e.errno}` : ""}`;
      if (e.type === "output") return `  ${e.proc} ${e.stream}: ${JSON.stringify(e.text.slice(0, 200))}`;
      if (e.type === "table") return `  table: ${e.snapshot.rows.map((r) => `${r.proto} ${r.local} ${r.remote} ${r.state}`).join("; ")}`;
      return `  ${JSON.stringify(e)}`;
    })
    .join("\n");
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve) => execFile(cmd, args, { timeout: 5000 }, (_err, stdout) => resolve(String(stdout))));
}

/** Pids from the list still alive (zombies waiting for a parent count as gone). */
export async function alivePids(pids: readonly number[]): Promise<number[]> {
  if (pids.length === 0) return [];
  const out = await run("ps", ["-o", "pid=,stat=", "-p", pids.join(",")]);
  return out
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter(([pid, stat]) => pid && stat && !stat.startsWith("Z"))
    .map(([pid]) => Number(pid));
}

/** Lines of `ss -Hltnup` / `ss -Htanup` naming the port (listening or any state). */
export async function socketsOnPort(port: number, anyState = false): Promise<string[]> {
  const out = await run("ss", [anyState ? "-Htanup" : "-Hltnup"]);
  return out.split("\n").filter((l) => l.split(/\s+/).some((col) => col.endsWith(`:${port}`)) && !heldByATest(l));
}

/**
 * A socket a test process holds on purpose (engine-sandbox holds the host's port 8000 to
 * prove a sandboxed run does not need it): not something a run left behind. Sockets of
 * demo programs, their children and learner programs are never a test file's own.
 */
function heldByATest(ssLine: string): boolean {
  const owners = [...ssLine.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1]));
  return owners.length > 0 && owners.every((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").some((arg) => /[/\\]dist[/\\]test[/\\].*\.test\.js$/.test(arg));
    } catch {
      return false;
    }
  });
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Fails unless, within `withinMs`, none of the pids is running, nothing listens
 * on the port (ss -ltnup) and the Unix socket path is gone.
 */
export async function assertNothingLeft(what: { pids: readonly number[]; port?: number; socketPath?: string }, withinMs = 2000): Promise<void> {
  let alive: number[] = [];
  let bound: string[] = [];
  const ok = await waitFor(async () => {
    alive = await alivePids(what.pids);
    bound = what.port ? await socketsOnPort(what.port) : [];
    return alive.length === 0 && bound.length === 0 && !(what.socketPath && existsSync(what.socketPath));
  }, withinMs);
  if (!ok) {
    const ps = alive.length ? await run("ps", ["-o", "pid,ppid,stat,args", "-p", alive.join(",")]) : "";
    throw new Error(`left behind after ${withinMs} ms: ${alive.length ? `processes ${alive.join(", ")}\n${ps}` : ""}${bound.length ? `sockets on port ${what.port}:\n${bound.join("\n")}` : ""}${what.socketPath && existsSync(what.socketPath) ? `the socket file ${what.socketPath}` : ""}`);
  }
}

/** A session with every event recorded, and a way to wait for the next one that matches. */
export interface Recorded {
  session: DemoSession;
  events: DemoEvent[];
  /** The first recorded event (already seen or still to come) that matches; rejects after `timeoutMs`. */
  waitFor<E extends DemoEvent = DemoEvent>(match: (ev: DemoEvent) => boolean, timeoutMs?: number, what?: string): Promise<E>;
}

export async function startRecorded(id: string, opts: Omit<StartOptions, "onEvent"> & { runtime: DemoRuntime; root?: string }): Promise<Recorded> {
  const { root, ...start } = opts;
  const demo = findDemo(id, root);
  if (!demo) throw new Error(`no demo '${id}'`);
  const events: DemoEvent[] = [];
  const waiters = new Set<{ match: (ev: DemoEvent) => boolean; resolve: (ev: DemoEvent) => void }>();
  const session = await startDemo(demo, {
    port: 0,
    ...start,
    onEvent: (ev) => {
      events.push(ev);
      for (const w of [...waiters]) if (w.match(ev)) {
        waiters.delete(w);
        w.resolve(ev);
      }
    },
  });
  if (session.runtime !== opts.runtime) throw new Error(`asked for ${opts.runtime}, got ${session.runtime}`);
  return {
    session,
    events,
    waitFor<E extends DemoEvent = DemoEvent>(match: (ev: DemoEvent) => boolean, timeoutMs = 5000, what = "an event") {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen as E);
      return new Promise<E>((resolve, reject) => {
        const w = {
          match,
          resolve: (ev: DemoEvent) => {
            clearTimeout(timer);
            resolve(ev as E);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`waited ${timeoutMs} ms for ${what}. Events:\n${describeEvents(events)}`));
        }, timeoutMs);
        waiters.add(w);
      });
    },
  };
}
