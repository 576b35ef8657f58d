/**
 * A tracer's event pipe, read at a bounded cost: each JSON line becomes a CallEvent of
 * the process, or the tracer's "ready" (its start-up is over). The pipe is written from
 * inside the traced program, so a line may be forged: every event is rebuilt field by
 * field (tracer-lines.ts), and nothing that decides a verdict reads them.
 */
import type { Readable } from "node:stream";
import type { CallEvent } from "./events.js";
import { EVENT_LIMITS, RateBudget, sanitizeCall } from "./tracer-lines.js";

const PHASES = new Set(["pending", "start", "end"]);

function isCallEvent(v: unknown): v is Omit<CallEvent, "proc"> {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  return o.type === "call" && typeof o.seq === "number" && typeof o.call === "string" && typeof o.phase === "string" && PHASES.has(o.phase) && typeof o.t === "number" && Array.isArray(o.args) && typeof o.pid === "number";
}

/**
 * One JSON line from a tracer's event pipe, as the call event of process `proc`;
 * undefined if it is not one. The line may be forged by the traced program: the event
 * is rebuilt field by field, strings escaped and bounded (see tracer-lines.ts).
 */
export function parseTracerLine(line: string, proc: string): CallEvent | undefined {
  const m = parseTracerMessage(line, proc);
  return m === "ready" ? undefined : m;
}

/** A tracer line: a call event, "ready" (its start-up is over, the program runs next), or nothing. */
function parseTracerMessage(line: string, proc: string): CallEvent | "ready" | undefined {
  if (line.length > EVENT_LIMITS.lineChars) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (isCallEvent(parsed)) return sanitizeCall(parsed, proc);
  return typeof parsed === "object" && parsed !== null && (parsed as { type?: unknown }).type === "ready" ? "ready" : undefined;
}

/**
 * Reads a tracer's event pipe line by line, at a bounded cost whatever is written to
 * it: a line longer than EVENT_LIMITS.lineChars is skipped to its newline (never held),
 * and lines beyond the rate limits are dropped unparsed and counted (`onDropped`).
 * Events are for the display only: nothing that decides a verdict reads them.
 * `onReady` hears the tracer say its start-up is over (a demo holds its clock until then).
 */
export function readTracerEvents(stream: Readable, proc: string, onEvent: (ev: CallEvent) => void, onDropped?: (count: number) => void, onReady?: () => void): void {
  const lines = new RateBudget(EVENT_LIMITS.linesPerSecond);
  const chars = new RateBudget(EVENT_LIMITS.charsPerSecond);
  let held = "";
  // Inside a line that grew past the limit: everything up to its newline is dropped.
  let skipping = false;
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    let dropped = 0;
    let start = 0;
    for (let nl = chunk.indexOf("\n"); nl >= 0; nl = chunk.indexOf("\n", start)) {
      const from = start;
      const before = held;
      held = "";
      start = nl + 1;
      if (skipping) {
        skipping = false;
        continue;
      }
      if (before.length + (nl - from) > EVENT_LIMITS.lineChars) continue;
      const line = before + chunk.slice(from, nl);
      if (!lines.take() || !chars.take(line.length)) {
        dropped++;
        continue;
      }
      const ev = parseTracerMessage(line, proc);
      if (ev === "ready") onReady?.();
      else if (ev) onEvent(ev);
    }
    if (!skipping && start < chunk.length) {
      held += chunk.slice(start, start + EVENT_LIMITS.lineChars + 1);
      if (held.length > EVENT_LIMITS.lineChars) {
        held = "";
        skipping = true;
      }
    }
    if (dropped && onDropped) onDropped(dropped);
    // Over budget: stop reading for a moment. The writer then fills the pipe and waits, and
    // the next read takes a whole pipe's worth, so a flood costs a few reads a second rather
    // than one per small write (which, on a busy machine, is what the scheduler hands us).
    // Short, because a program's own tracer writes to the same pipe and waits with it.
    if (dropped && !stream.isPaused()) {
      stream.pause();
      setTimeout(() => stream.resume(), FLOOD_PAUSE_MS).unref();
    }
  });
}

/** How long reading stops when a tracer writes more than the display's budget. */
const FLOOD_PAUSE_MS = 50;
