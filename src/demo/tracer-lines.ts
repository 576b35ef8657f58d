import { escapeTerminal } from "../text/escape.js";
import { truncate } from "../text/width.js";
import type { CallEvent } from "./events.js";

/**
 * What a tracer's event pipe may cost. The tracer runs inside the traced program, so
 * under `verify --live` the learner's program can write anything into that pipe: forged
 * events, huge lines, garbage, as fast as it likes. Events only ever drive the display
 * (no check reads them), and this makes them cheap and harmless there: each line has a
 * size limit, parsing has a rate limit, and every field of an event is checked for its
 * type, escaped for a terminal and cut to a length. Real tracers stay far below these
 * (a call's line is a few hundred bytes, at most a few thousand calls a second).
 */
export const EVENT_LIMITS = {
  /** A longer line is skipped to its newline without being kept or parsed. */
  lineChars: 16 * 1024,
  /** Lines parsed per second (with a burst of as many); the rest are counted and dropped. */
  linesPerSecond: 2000,
  /**
   * Characters parsed per second (with a burst of as many), whatever the number of lines.
   * Parsing and escaping cost about 0.15 ms a kilobyte here, so a flood costs at most ~15%
   * of a core; a real burst fits (8 threads' 1,000 calls in well under a second: ~0.6 MB).
   */
  charsPerSecond: 1 << 20,
  /** Columns kept of each string in an event. */
  stringColumns: 400,
  /** Arguments kept of a call. */
  args: 32,
} as const;

/** A token bucket: `take(n)` says whether n more units fit in the rate. */
export class RateBudget {
  private tokens: number;
  private last = performance.now();

  constructor(
    private readonly perSecond: number,
    private readonly burst = perSecond,
  ) {
    this.tokens = burst;
  }

  take(n = 1): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.perSecond) / 1000);
    this.last = now;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}

// Printable ASCII, the common case: nothing to escape, one column a character.
const PLAIN = /^[\x20-\x7e]*$/;

/** A string field for display: escaped and cut by columns; anything else is no string. */
export function eventText(v: unknown, columns: number = EVENT_LIMITS.stringColumns): string | undefined {
  if (typeof v !== "string") return undefined;
  if (v.length <= columns && PLAIN.test(v)) return v;
  // An escape is at least 2 columns a character, so 2x the columns is all that can show.
  const head = v.length > columns * 2 ? v.slice(0, columns * 2) + "…" : v;
  return truncate(escapeTerminal(head), columns);
}

function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

const STRINGS = ["result", "errno", "error", "file", "local", "peer", "api", "note", "via", "thread"] as const;
const NUMBERS = ["fd", "line", "bytes", "newFd", "peerPid"] as const;
const KINDS = new Set(["socket", "select", "stdin"]);
const PHASES = new Set(["pending", "start", "end"]);

/**
 * A call event built afresh from a parsed line: only the fields a CallEvent has, each
 * of its type (a field of another type is left out), strings escaped and bounded, at
 * most EVENT_LIMITS.args arguments. Undefined when the required fields are missing.
 */
export function sanitizeCall(v: unknown, proc: string): CallEvent | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  const call = eventText(o.call, 40);
  const seq = num(o.seq);
  const pid = num(o.pid);
  const t = num(o.t);
  if (o.type !== "call" || call === undefined || seq === undefined || pid === undefined || t === undefined) return undefined;
  if (typeof o.phase !== "string" || !PHASES.has(o.phase) || !Array.isArray(o.args)) return undefined;
  const raw = o.args as unknown[];
  const max = EVENT_LIMITS.args;
  const args = raw.slice(0, raw.length > max ? max - 1 : max).map((a) => eventText(a) ?? eventText(JSON.stringify(a) ?? String(a))!);
  if (raw.length > max) args.push(`… ${raw.length - (max - 1)} more`);
  const ev: CallEvent = { type: "call", proc, pid, seq, phase: o.phase as CallEvent["phase"], call, args, t };
  for (const k of STRINGS) {
    const s = eventText(o[k]);
    if (s !== undefined) ev[k] = s;
  }
  for (const k of NUMBERS) {
    const n = num(o[k]);
    if (n !== undefined) ev[k] = n;
  }
  if (typeof o.kind === "string" && KINDS.has(o.kind)) ev.kind = o.kind as CallEvent["kind"];
  if (typeof o.timedOut === "boolean") ev.timedOut = o.timedOut;
  return ev;
}
