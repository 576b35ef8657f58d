import { setImmediate as nextTurn } from "node:timers/promises";
import type { StreamConn, WriteResult } from "./peer.js";
import type { Queues } from "./procnet.js";
import { QueueProbe } from "./queues.js";
import type { Plan } from "./traffic.js";
import type { CheckContext } from "./types.js";

/**
 * The hostile transport: writes a plan's pieces (traffic.ts) the way a real network
 * would deliver them, and makes sure the program reads them as pieces. With
 * TCP_NODELAY (every checker socket has it) each write leaves at once; before the
 * next piece the transport waits, boundedly, until the kernel's table shows the
 * program's Recv-Q empty: it has read the piece.
 * So the seed, not the scheduler, decides what each recv() of the program returns.
 * Where the table cannot be read (a Unix socket, whose queues /proc/net/unix does not
 * show; no /proc), a short pause between pieces does the same almost always.
 */

/** How long to wait for the program to read one piece; a program that has not read by then is not reading. */
const DRAIN_MS = 150;
/** The pause between pieces where the queues cannot be seen. */
const BLIND_GAP_MS = 1;

/** What the transport needs of a check's context: its waits (stretched on a busy machine) and its cancellation. */
export type Pacing = Pick<CheckContext, "ms" | "sleep" | "signal">;

export interface SendOutcome extends WriteResult {
  /** Pieces handed to the kernel (all of them when ok, unless the program closed first: see `closedAfter`). */
  written: number;
  /**
   * The program closed its end after reading this many pieces, so the rest were not sent
   * (sending them would only draw a reset, which also throws away what the checker has
   * received and not yet read).
   */
  closedAfter?: number;
  /** Every piece was sent only after the program had read the one before (seen in the kernel's table). */
  paced: boolean;
  /** When the FIN was sent (Date.now()), when the plan asked for it. */
  finAt?: number;
}

/** TCP states of a socket whose program has closed it (FIN_WAIT1, FIN_WAIT2, TIME_WAIT, CLOSE, LAST_ACK, CLOSING). */
const CLOSED_STATES = new Set([4, 5, 6, 7, 9, 11]);

/**
 * Has the program closed its end? Gone from the table (a reset), or in a closing state
 * held by no process. (A half-close keeps its process; a connection still waiting in the
 * listen backlog has no process yet either, but is ESTABLISHED.)
 */
export function closed(end: Queues | undefined): boolean {
  return !end || (end.inode === 0 && CLOSED_STATES.has(end.state));
}

/**
 * The program's end is not in the table: the connection was reset (after a reset neither
 * end is listed), if the table shows real sockets at all; a sandbox may fake
 * /proc/net/tcp, and then nothing can be told from it.
 */
function theirsMissing(probe: QueueProbe): "gone" | "unknown" {
  return probe.tableIsReal() ? "gone" : "unknown";
}

/**
 * Waits until the program has read everything sent so far: "read", or "waiting" when
 * maxMs passed first, "gone" when its end of the connection is no longer in the table
 * (it closed), "unknown" when the table cannot be read.
 */
export async function waitRead(ctx: Pacing, probe: QueueProbe, maxMs: number): Promise<"read" | "waiting" | "gone" | "unknown"> {
  const deadline = Date.now() + maxMs;
  for (let i = 0; ; i++) {
    const q = probe.read("theirs");
    if (!q) return "unknown";
    if (!q.theirs) return theirsMissing(probe);
    if (closed(q.theirs)) return "gone";
    // Only the program's Recv-Q: our Send-Q also counts bytes delivered but not yet
    // acknowledged, and a program that reads a piece without answering acknowledges it only
    // after its delayed-ACK timer (40 ms). On loopback a write is in the other end's Recv-Q
    // by the time it returns, unless that end's buffer is full (then its Recv-Q is not 0).
    if (q.theirs.recvQ === 0) return "read";
    if (Date.now() >= deadline || ctx.signal.aborted) return "waiting";
    // A program waiting in recv() reads within a fraction of a millisecond: look again at
    // once a few times, then every millisecond.
    if (i < 4) await nextTurn();
    else await ctx.sleep(1);
  }
}

/**
 * Sends a plan's pieces on conn. `end`: send the FIN right behind the last piece, as a
 * client does that sends everything and then shuts down its side. `stillOpen`: first make
 * sure the program has not closed the connection (one that was used before).
 */
export async function sendPlan(ctx: Pacing, conn: StreamConn, plan: Plan, opts: { end?: boolean; stillOpen?: boolean } = {}): Promise<SendOutcome> {
  const probe = QueueProbe.for(conn);
  let paced = probe !== undefined;
  // Once the program has not read a piece in time it is not reading: later pieces do not wait again.
  let patient = true;
  // The table does not show this connection: pause between pieces as where it cannot be read.
  let blind = false;
  for (const [i, piece] of plan.pieces.entries()) {
    if (i === 0 && probe && opts.stillOpen) {
      // A connection the program has already closed: writing would only draw a reset.
      await nextTurn();
      const q = probe.read("theirs");
      if (q && (q.theirs ? closed(q.theirs) : theirsMissing(probe) === "gone")) return { ok: true, written: 0, paced, closedAfter: 0 };
    }
    if (i > 0) {
      if (probe && patient && !blind) {
        const r = await waitRead(ctx, probe, ctx.ms(DRAIN_MS));
        if (r === "gone") return { ok: true, written: i, paced, closedAfter: i };
        if (r === "unknown") blind = true;
        if (r !== "read") {
          patient = false;
          paced = false;
        }
      }
      if (!probe || blind) await ctx.sleep(ctx.ms(BLIND_GAP_MS));
      // A pause of the traffic's shape (the seed's), not a wait for the program: not stretched.
      if (piece.pauseMs > 0) await ctx.sleep(piece.pauseMs);
      // One turn of the event loop before writing: what the program sent meanwhile is read
      // first. (A write that fails destroys the socket, and with it unread bytes.)
      await nextTurn();
    }
    const last = i === plan.pieces.length - 1;
    const writing = conn.write(piece.data);
    let finAt: number | undefined;
    if (last && opts.end) {
      conn.end();
      finAt = Date.now();
    }
    const w = await writing;
    if (!w.ok) return { ...w, written: i, paced };
    if (last) return { ok: true, written: plan.pieces.length, paced, ...(finAt !== undefined ? { finAt } : {}) };
  }
  // An empty plan: nothing to write.
  let finAt: number | undefined;
  if (opts.end) {
    conn.end();
    finAt = Date.now();
  }
  return { ok: true, written: 0, paced, ...(finAt !== undefined ? { finAt } : {}) };
}
