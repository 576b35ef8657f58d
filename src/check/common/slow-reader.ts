import { readFileSync } from "node:fs";
import { t } from "../../text/catalog.js";
import { formatSize } from "../../text/units.js";
import { describeDifference, patternBytes } from "../bytes.js";
import { exitStory, seconds } from "../diagnose.js";
import { see } from "../lessons.js";
import type { StreamConn, StreamTarget, WriteResult } from "../peer.js";
import { QueueProbe } from "../queues.js";
import { sendPlan } from "../transport.js";
import type { Check, CheckContext, Outcome } from "../types.js";
import { connectOrExplain, eachSeed, endWords, explainEcho, fail, isFail, planFor, requireRunning, sentWords, type Fail } from "./stream.js";

/**
 * concurrent-echo: a client that sends more than all the buffers between it and the
 * server hold, and does not read. The server's send() to it must then wait: a thread
 * waits alone; a select loop must not (its sockets are non-blocking, so send() fails
 * with EAGAIN, and the bytes must wait in the program until select() says the socket
 * is writable). Meanwhile other clients must be served within 2 s. Then the slow client
 * reads, and must get every byte back.
 *
 * How much is "more than the buffers hold": the server's send buffer grows up to
 * tcp_wmem's maximum, and the checker's receive buffer, never read, stays at tcp_rmem's
 * default (Linux grows a receive buffer only as its reader reads). Both come from
 * /proc/sys; measured, a server's send() failed with EAGAIN after 4.4 MB here, under the
 * 5.25 MiB that gives. Should the kernel's table show bigger buffers (a server that
 * set SO_SNDBUF), the slow client sends more.
 */

const MARGIN = 1 << 20;
/** The most the slow client sends in all: the buffers a kernel lets a socket have are far smaller. */
const MAX_VOLUME = 64 << 20;
const CHUNK_SEED = 0x51ee9;

function sysctl(name: string): number[] | undefined {
  try {
    const v = readFileSync(`/proc/sys/net/ipv4/${name}`, "latin1").trim().split(/\s+/).map(Number);
    return v.length === 3 && v.every((x) => Number.isSafeInteger(x) && x > 0) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The bytes the slow client sends first: tcp_wmem's maximum, twice tcp_rmem's default, and a margin. */
export function slowVolume(): number {
  // Linux's defaults where /proc/sys cannot be read (macOS's buffers are smaller still).
  const wmem = sysctl("tcp_wmem") ?? [4096, 16384, 4194304];
  const rmem = sysctl("tcp_rmem") ?? [4096, 131072, 6291456];
  return Math.min(MAX_VOLUME, wmem[2]! + 2 * rmem[1]! + MARGIN);
}

interface Filled {
  /** Everything the slow client has written (or queued to write). */
  payload: Buffer;
  writes: Promise<WriteResult>[];
  /** The server's queues on the slow connection once nothing moved any more (undefined without /proc). */
  theirs?: { recvQ: number; sendQ: number };
}

/** What settle() saw: the server's queues, and whether they stopped changing while the program waited. */
export interface Settled {
  theirs?: { recvQ: number; sendQ: number };
  /** False when the time ran out first (the program still moving bytes, or never given the CPU). */
  settled: boolean;
}

/**
 * Polls the slow connection's queues until they stop changing (the buffers are full), the
 * program ends, or maxMs. Unchanged queues count only while no process of the program is
 * running or ready to run: on a busy machine a server that waits for the CPU moves no bytes
 * either, and taking that for full buffers let select-sendall-bigbuf.py pass (the slow
 * client read before the server's send buffer filled, so its sendall() never met EAGAIN).
 */
export async function settle(ctx: Pick<CheckContext, "sleep" | "signal" | "program" | "ms">, probe: Pick<QueueProbe, "read"> | undefined, maxMs: number): Promise<Settled> {
  if (!probe) {
    await ctx.sleep(ctx.ms(200));
    return { settled: true };
  }
  const deadline = Date.now() + maxMs;
  let last = "";
  let same = 0;
  let theirs: Settled["theirs"];
  while (Date.now() < deadline && !ctx.signal.aborted && !ctx.program()?.exit()) {
    const q = probe.read();
    if (!q?.theirs) return { ...(theirs ? { theirs } : {}), settled: true };
    theirs = q.theirs;
    const now = `${q.theirs.recvQ} ${q.theirs.sendQ} ${q.ours?.recvQ} ${q.ours?.sendQ}`;
    same = now === last && !ctx.program()?.running() ? same + 1 : 0;
    last = now;
    if (same >= 3) return { theirs, settled: true };
    await ctx.sleep(2);
  }
  return { ...(theirs ? { theirs } : {}), settled: ctx.program()?.exit() !== undefined };
}

/**
 * Sends the slow client's bytes and waits until the buffers are full. When the server
 * has read everything and its Send-Q with the checker's Recv-Q holds nearly all of it,
 * the buffers were bigger than reckoned: send more, until the server holds at least the
 * margin that did not fit (or could not send), or it stops reading.
 */
async function fill(ctx: CheckContext, slow: StreamConn, volume: number): Promise<Filled> {
  const probe = QueueProbe.for(slow);
  const parts: Buffer[] = [];
  const writes: Promise<WriteResult>[] = [];
  let sent = 0;
  let theirs: Filled["theirs"];
  let extra = 3;
  for (let round = 0; round < 4 && sent < MAX_VOLUME; round++) {
    const more = round === 0 ? volume : Math.min(MAX_VOLUME - sent, volume);
    const part = patternBytes(more, CHUNK_SEED + round);
    parts.push(part);
    writes.push(slow.write(part));
    sent += more;
    // A server still ready to run when the time is up gets more time, at most 3 more spans in
    // all rounds together (within the check's 30 s); after that it is judged as it stands.
    let st = await settle(ctx, probe, ctx.ms(1500));
    while (extra > 0 && !st.settled && ctx.program()?.running()) {
      extra--;
      st = await settle(ctx, probe, ctx.ms(1500));
    }
    theirs = st.theirs;
    const q = probe?.read();
    if (!q?.ours || !q.theirs || ctx.program()?.exit()) break;
    const unsent = q.ours.sendQ > 0 || q.theirs.recvQ > 0;
    // Not all read: the server stopped reading (it waits in send(), or holds back): the buffers are full.
    if (unsent) break;
    // All read: what the buffers hold, against what was sent.
    const held = q.theirs.sendQ + q.ours.recvQ;
    if (sent - held >= MARGIN / 2) break;
  }
  return { payload: parts.length === 1 ? parts[0]! : Buffer.concat(parts), writes, ...(theirs ? { theirs } : {}) };
}

export function slowReader(ctx: CheckContext, target: StreamTarget): Check {
  const waitMs = ctx.ms(2000);
  return {
    name: t("echo.check.slowReader"),
    deadlineMs: 30000,
    run: async (): Promise<Outcome> => {
      requireRunning(ctx);
      const volume = slowVolume();
      const slow = await connectOrExplain(ctx, target, t("echo.label.slow"), t("echo.when.connected", { n: 0 }));
      if (isFail(slow)) return slow;
      try {
        // Before anything comes back: this reader never starts, so its receive buffer stays small.
        slow.holdReading(true);
        const filled = await fill(ctx, slow, volume);
        const unread = filled.payload.length;
        const context = t("echo.slow.context", { size: formatSize(unread) });
        const p = ctx.program()!;
        if (p.exit()) return crashed(ctx, context);
        const others = await eachSeed(ctx, (seed) => otherClients(ctx, target, seed, waitMs));
        if (others) {
          if (p.exit()) return crashed(ctx, context);
          const lines = [context, others.detail];
          if (others.stop) {
            const q = QueueProbe.for(slow)?.read()?.theirs ?? filled.theirs;
            if (q) lines.push(t("echo.slow.queues", { sendQ: q.sendQ, recvQ: q.recvQ }));
            lines.push(t("echo.slow.blocked"));
          }
          return { ...fail(lines.join("\n"), see("many-clients", t("check.topic.selectRules"))), ...(others.seed !== undefined ? { seed: others.seed } : {}) };
        }
        const back = await readBack(ctx, slow, filled, waitMs);
        return back ? { ...back, detail: `${context}\n${back.detail}` } : { passed: true };
      } finally {
        slow.close();
      }
    },
  };
}

/** The program ended while a client's buffers were full: its exit, its stderr, and what that usually means. */
function crashed(ctx: CheckContext, context: string): Fail {
  const p = ctx.program()!;
  const story = exitStory(p, ctx.env, t("echo.when.slowFull"));
  // crashHints already explains a BlockingIOError it finds in stderr; otherwise say what a full buffer does.
  const eagain = /BlockingIOError|EAGAIN|EWOULDBLOCK/.test(p.stderrTail());
  return fail([context, story, ...(eagain ? [] : [t("echo.slow.fullBuffer")])].join("\n"), see("many-clients", t("check.topic.selectRules")), true);
}

/** Two other clients, one after the other, each with a line in pieces decided by the seed: each must get its echo in time. */
async function otherClients(ctx: CheckContext, target: StreamTarget, seed: number, waitMs: number): Promise<Fail | undefined> {
  for (const i of [1, 2]) {
    requireRunning(ctx);
    const label = t("echo.label.other", { n: i });
    const conn = await connectOrExplain(ctx, target, label, t("echo.when.slowFull"));
    if (isFail(conn)) return conn;
    try {
      // Data on the wire.
      const payload = Buffer.from(`other client ${i} while one reads slowly\n`);
      const plan = planFor(seed + i, payload);
      const readStart = Date.now();
      const reading = conn.read(payload.length, { idleMs: waitMs });
      const send = await sendPlan(ctx, conn, plan);
      const r = await reading;
      const sent = sentWords(payload, send, false, plan, send.paced);
      const f = await explainEcho(ctx, { label, sent, expected: payload, r, waitMs, plan, send, readStart, when: t("echo.when.slowFull") });
      if (f) return f;
    } finally {
      conn.close();
    }
  }
  return undefined;
}

/** The slow client reads at last: every byte it sent must come back, then the close. */
async function readBack(ctx: CheckContext, slow: StreamConn, filled: Filled, waitMs: number): Promise<Fail | undefined> {
  const expected = filled.payload;
  slow.holdReading(false);
  const reading = slow.readToEnd({ idleMs: waitMs, totalMs: waitMs + 10000, max: expected.length + 65536 });
  const writes = await Promise.all(filled.writes);
  const failed = writes.find((w) => !w.ok);
  if (!failed) slow.end();
  const r = await reading;
  if (r.data.equals(expected) && r.end === "eof") return undefined;
  const p = ctx.program();
  if (p && !p.exit() && r.end !== "timeout") await p.waitExit(100);
  const died = p?.exit() ? `\n${exitStory(p, ctx.env, t("echo.when.slowFull"))}` : "";
  const sent = t("echo.slow.readBack", { size: formatSize(expected.length) });
  const hint = see("many-clients", t("check.topic.selectRules"));
  if (r.data.equals(expected)) return fail(`${sent} ${t("stream.echo.noClose", { label: slow.label, sent: t("echo.slow.sentAll"), time: seconds(waitMs) })}`, see("closing", "EOF"));
  if (expected.subarray(0, r.data.length).equals(r.data)) {
    const lines = [`${sent} ${t("echo.slow.short", { got: r.data.length, expected: expected.length, end: endWords(r, waitMs) })}`];
    if (r.end !== "timeout" && !died) lines.push(t("echo.slow.dropped"));
    else if (r.end === "timeout") lines.push(t("stream.echo.stoppedSending"));
    return fail(lines.join("\n") + died, hint);
  }
  return fail(`${sent}\n${describeDifference(expected, r.data)}${died}`, hint);
}
