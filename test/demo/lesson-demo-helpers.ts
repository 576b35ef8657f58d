/**
 * Small helpers shared by the lesson demos' tests (test/demo/<id>.test.ts): run a
 * demo in both runtimes at once, and read its output and kernel tables.
 */
import { describe, it } from "node:test";
import type { CallEvent, DemoEvent, TableEvent } from "../../src/demo/events.js";
import { findPython } from "../../src/demo/runtime.js";
import type { DemoRuntime } from "../../src/demo/spec.js";
import type { SocketRow } from "../../src/kernel/types.js";
import { callsOf } from "../support/demo.js";

const python = await findPython();
/** Why a Python case is skipped, or false when python3 >= 3.8 is there. */
export const pythonSkip: string | false = python ? false : "python3 >= 3.8 is not installed: the Python variant cannot run";

/**
 * One describe block per demo; its Python and Node cases run concurrently (each
 * run picks its own free port), so a file costs the slower of the two.
 */
export function inBothRuntimes(title: string, check: (runtime: DemoRuntime) => Promise<void>): void {
  describe(title, { concurrency: true }, () => {
    it("python", { skip: pythonSkip }, () => check("python"));
    it("node", () => check("node"));
  });
}

/** Everything a process printed on stdout (and stderr with `stderr`), as one string. */
export function outputOf(events: readonly DemoEvent[], proc: string, stderr = false): string {
  return events
    .filter((e) => e.type === "output" && e.proc === proc && (stderr || e.stream === "stdout"))
    .map((e) => (e.type === "output" ? e.text : ""))
    .join("");
}

export function tablesOf(events: readonly DemoEvent[]): TableEvent[] {
  return events.filter((e): e is TableEvent => e.type === "table");
}

/** Rows of every table snapshot, with the snapshot's index in the event list. */
export function rowsOf(events: readonly DemoEvent[], proto?: SocketRow["proto"]): { at: number; rows: SocketRow[] }[] {
  const out: { at: number; rows: SocketRow[] }[] = [];
  events.forEach((e, at) => {
    if (e.type === "table") out.push({ at, rows: e.snapshot.rows.filter((r) => proto === undefined || r.proto === proto) });
  });
  return out;
}

/** The finished calls of one process with this name. */
export function ends(events: readonly DemoEvent[], proc: string, call: string): CallEvent[] {
  return callsOf(events, proc).filter((c) => c.call === call);
}

/** The exit event of a process. */
export function exitCode(events: readonly DemoEvent[], proc: string): number | null | undefined {
  const ev = events.find((e) => e.type === "exit" && e.proc === proc);
  return ev && ev.type === "exit" ? ev.code : undefined;
}
