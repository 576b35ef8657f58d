import { t } from "../../text/catalog.js";
import { describeDifference, showBytes, size } from "../bytes.js";
import { cpuNote, exitStory, seconds } from "../diagnose.js";
import { see } from "../lessons.js";
import { describeTarget, type ReadResult, type StreamConn, type StreamTarget, type WriteResult } from "../peer.js";
import { describePlan, makePlan, piecesLength, type Plan, type PlanOptions } from "../traffic.js";
import { sendPlan, type SendOutcome } from "../transport.js";
import { freeTcpPort } from "../ports.js";
import { NotRun, type CheckContext, type Outcome, type ProgramEnv } from "../types.js";
import type { Target } from "../peer.js";

/**
 * Helpers for checks that talk to a stream server (TCP or Unix): connect with a
 * story when it fails, and explain a short, broken or missing answer.
 */

export type Fail = Extract<Outcome, { passed: false }>;

export function fail(detail: string, hint?: string, stop?: boolean): Fail {
  return { passed: false, detail, ...(hint ? { hint } : {}), ...(stop ? { stop } : {}) };
}

/**
 * Runs one exchange per seed of this run (seeds.ts), in order, and returns the first
 * failure with its seed, so the report can say how to replay exactly that traffic.
 */
export async function eachSeed(ctx: CheckContext, run: (seed: number) => Promise<Fail | undefined>): Promise<Fail | undefined> {
  for (const seed of ctx.seeds) {
    const f = await run(seed);
    if (f) return { ...f, seed };
    if (ctx.signal.aborted) return undefined;
  }
  return undefined;
}

/** The check needs the program; if it has exited, the check is "not run". */
export function requireRunning(ctx: CheckContext): void {
  const p = ctx.program();
  const e = p?.exit();
  if (!p || e) throw new NotRun(p ? t("stream.notRunning") : t("stream.notStarted"));
}

/** Connects, or explains why not (the program died, stopped listening, …). */
export async function connectOrExplain(ctx: CheckContext, target: StreamTarget, label: string, when: string): Promise<StreamConn | Fail> {
  const r = await ctx.peer.connect(target, label, ctx.ms(2000));
  if ("conn" in r) return r.conn;
  const p = ctx.program();
  // A crash may be a few ms from being reported: give it a moment.
  if (p && !p.exit()) await p.waitExit(100);
  const where = describeTarget(target);
  if (p?.exit()) return fail(`${t("stream.connect.failed", { label, where, error: r.error })}\n${exitStory(p, ctx.env, when)}`, see("server-calls", t("check.topic.acceptLoop")));
  if (r.error === "ETIMEDOUT") return fail(t("stream.connect.backlog", { label, where, time: seconds(ctx.ms(2000)) }), see("listen-backlog"));
  return fail(t("stream.connect.closed", { label, where, error: r.error }), see("server-calls"));
}

export function isFail(x: unknown): x is Fail {
  return typeof x === "object" && x !== null && "passed" in x && (x as Fail).passed === false;
}

/** How a read ended, in words: "then the connection closed" (a part of a sentence). */
export function endWords(r: ReadResult, waitMs: number): string {
  switch (r.end) {
    case "eof":
      return t("stream.end.closed");
    case "reset":
      return t("stream.end.reset", { code: String(r.code) });
    case "error":
      return t("stream.end.failed", { code: String(r.code) });
    case "timeout":
      return t("stream.end.nothing", { time: seconds(waitMs) });
    default:
      return "";
  }
}

/** The program's CPU time at a moment: a spinning program shows up as CPU used since then. */
export interface CpuMark {
  cpu: number;
  at: number;
}

const marks = new WeakMap<object, CpuMark>();

/**
 * The program's CPU time, sampled at most every 500 ms: reading it scans every process
 * in /proc (milliseconds on a busy machine), and a check now makes one exchange per seed.
 * A mark up to half a second old still tells a spinning program from a waiting one: the
 * wait it is compared over is 2 s.
 */
export function cpuMark(ctx: CheckContext): CpuMark | undefined {
  const p = ctx.program();
  if (!p) return undefined;
  const last = marks.get(p);
  if (last && Date.now() - last.at < 500) return last;
  const cpu = p.cpuMs();
  if (cpu === undefined) return undefined;
  const mark = { cpu, at: Date.now() };
  marks.set(p, mark);
  return mark;
}

/** What the checker saw of one exchange, for a diagnosis that fits it. */
export interface Evidence {
  label: string;
  /** What the checker sent and how ("sent 5 bytes b'hello' in 2 pieces: …"), see sentWords. */
  sent: string;
  expected: Buffer;
  r: ReadResult;
  waitMs: number;
  /** The program's CPU time at some moment before the wait (cpuMark). */
  cpu?: CpuMark;
  /** Completes "Your program exited with code 1 …" (default: during this exchange). */
  when?: string;
  plan?: Plan;
  send?: SendOutcome;
  /** Date.now() when the read began: the read's `ms` counts from there. */
  readStart?: number;
}

/** Did the reply end before the checker had sent everything (and its FIN, when it sent one)? */
function endedWhileSending(e: Evidence): boolean {
  if (!e.send) return false;
  if (!e.send.ok) return true;
  if (e.send.finAt === undefined || e.readStart === undefined) return false;
  return e.readStart + e.r.ms < e.send.finAt;
}

/**
 * The reply is a correct prefix, then the connection ended: which bug the evidence
 * shows. A reply that is exactly the first pieces sent is a server that took one
 * recv() for the whole message. A reset, or an end before the checker had finished
 * sending, is a server that stopped reading. An orderly close (FIN) after the
 * client's own FIN, with bytes missing, is a server that read everything but closed as
 * soon as it saw the client's end, before it had sent back all it read.
 */
function explainShort(e: Evidence, resetWhy: boolean): string[] {
  const { r, plan, expected } = e;
  const got = r.data.length;
  const lines = [t("stream.echo.prefix", { label: e.label, sent: e.sent, got, expected: expected.length, end: endWords(r, e.waitMs) })];
  const pieces = plan?.pieces.length ?? 1;
  const k = plan ? [...Array(pieces).keys()].find((i) => i > 0 && i < pieces && piecesLength(plan, i) === got) : undefined;
  if (k !== undefined) {
    lines.push(t("stream.echo.firstPieces", { k, n: pieces }), t("stream.echo.wholeMessage"));
    if (r.end === "reset" && resetWhy) lines.push(t("stream.resetWhy"));
    return lines;
  }
  if (r.end === "reset" || endedWhileSending(e)) {
    if (r.end === "reset" && resetWhy) lines.push(t("stream.resetWhy"));
    lines.push(got <= 65536 ? t("stream.echo.singleRecv") : t("stream.echo.stoppedReading", { got }));
    return lines;
  }
  // An orderly close after the client's FIN: it had read everything, and closed too soon.
  const after = e.send?.finAt !== undefined && e.readStart !== undefined ? Math.max(0, e.readStart + r.ms - e.send.finAt) : undefined;
  lines.push(
    after !== undefined ? t("stream.echo.closedOnEnd", { missing: expected.length - got, time: seconds(after) }) : t("stream.echo.closedOnEndUntimed", { missing: expected.length - got }),
    t("stream.echo.closedOnEndHelp"),
  );
  return lines;
}

/**
 * Explains an echo that is not the payload. Returns undefined when got == expected.
 */
export async function explainEcho(ctx: CheckContext, e: Evidence): Promise<Fail | undefined> {
  const { label, sent, expected, r, waitMs } = e;
  const got = r.data;
  if (got.equals(expected)) return undefined;
  const when = e.when ?? t("stream.when.exchange");
  const p = ctx.program();
  if (p && !p.exit() && r.end !== "timeout") await p.waitExit(100);
  const died = p?.exit() ? `\n${exitStory(p, ctx.env, when)}` : "";
  // After the program ended, a reset just means "nobody will ever serve this connection".
  const resetWhy = died ? "" : `\n${t("stream.resetWhy")}`;
  if (got.length === 0) {
    if (r.end === "timeout") {
      const cpu = e.cpu ? await cpuNote(p, e.cpu.cpu, Date.now() - e.cpu.at) : undefined;
      const lines = [t("stream.echo.nothing", { label, sent, time: seconds(waitMs) })];
      if (cpu) lines.push(t("stream.echo.spinning", { cpu }));
      else if (!died) lines.push(t("stream.echo.noAnswer"));
      // The program is stuck: later checks would only wait the same way.
      return fail(lines.join("\n") + died, cpu ? see("closing", t("check.topic.recvEof")) : see("server-calls", t("check.topic.acceptNewSocket")), true);
    }
    if (r.end === "eof" && !died && e.send?.finAt !== undefined && !endedWhileSending(e)) {
      // A FIN, not a reset, after the client's own: it read everything and sent none of it back.
      return fail(`${t("stream.echo.closedNoEcho", { label, sent })}\n${t("stream.echo.readButSilent")}\n${t("stream.echo.closedOnEndHelp")}`, see("closing", t("check.topic.eofRecv")));
    }
    const none = r.end === "eof" ? t("stream.echo.closedNoEcho", { label, sent }) : t("stream.echo.resetNoEcho", { label, sent, code: String(r.code) });
    return fail(`${none}${r.end === "reset" ? resetWhy : ""}${died}`, see("server-calls"));
  }
  if (expected.subarray(0, got.length).equals(got)) {
    if (r.end === "timeout") {
      const lines = [t("stream.echo.prefix", { label, sent, got: got.length, expected: expected.length, end: endWords(r, waitMs) }), t("stream.echo.stoppedSending")];
      return fail(lines.join("\n") + died, see("chat", t("check.topic.recvPart")), true);
    }
    const lines = explainShort(e, resetWhy !== "");
    const orderly = r.end === "eof" && !endedWhileSending(e) && !lines.includes(t("stream.echo.wholeMessage"));
    return fail(lines.join("\n") + died, orderly ? see("closing", t("check.topic.eofRecv")) : see("chat", t("check.topic.recvPart")));
  }
  const lines = [t("stream.echo.different", { label, sent }), describeDifference(expected, got)];
  const split = e.plan?.splitChars[0];
  if (split && got.includes(REPLACEMENT)) lines.push(t("stream.echo.splitChar", { piece: split.piece + 1 }));
  return fail(`${lines.join("\n")}${r.end === "reset" ? resetWhy : ""}${died}`, see("server-calls"));
}

/** U+FFFD in UTF-8: what a decoder puts in place of bytes it cannot read. */
const REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);

/**
 * What the checker sent, completing "client 1: …": "sent 5 bytes b'hello'", how it
 * was cut into pieces when it was, then "and closed its side" when it did, or the
 * error of a send that failed. A big payload is said by its size, not shown.
 */
export function sentWords(payload: Buffer, w: WriteResult, closedAfter: boolean, plan?: Plan, paced = false): string {
  const shown = payload.length <= 48 ? t("stream.sent.amount", { n: payload.length, bytes: showBytes(payload) }) : size(payload.length);
  const amount = plan && plan.pieces.length > 1 ? t("stream.sent.inPieces", { amount: shown, pieces: describePlan(plan, paced) }) : shown;
  if (!w.ok) return t("stream.sent.failed", { amount, code: String(w.code) });
  const stopped = (w as Partial<SendOutcome>).closedAfter;
  if (stopped !== undefined) return t("stream.sent.stopped", { amount, k: stopped });
  return closedAfter ? t("stream.sent.closed", { amount }) : t("stream.sent.plain", { amount });
}

/** The plan for one seed's exchange of `payload` (one message). */
export function planFor(seed: number, payload: Buffer, opts?: PlanOptions): Plan {
  return makePlan(seed, [payload], opts);
}

/**
 * Connect, send the plan's pieces, half-close, read to the end: the echo must be the
 * payload, then EOF. With `plan.lagMs` the checker starts reading late (a reader that
 * falls behind), so a server's sends meet full buffers.
 */
export async function echoThenClose(ctx: CheckContext, target: StreamTarget, label: string, payload: Buffer, when: string, plan: Plan, waitMs = ctx.ms(2000)): Promise<Fail | undefined> {
  requireRunning(ctx);
  const conn = await connectOrExplain(ctx, target, label, when);
  if (isFail(conn)) return conn;
  try {
    const cpu = cpuMark(ctx);
    if (plan.lagMs > 0) {
      conn.holdReading(true);
      // The lag is part of the traffic's shape (the seed's), not a wait for the program: not stretched.
      setTimeout(() => conn.holdReading(false), plan.lagMs).unref();
    }
    const readStart = Date.now();
    const reading = conn.readToEnd({ idleMs: waitMs + plan.lagMs, totalMs: waitMs + 8000, max: payload.length + 65536 });
    const send = await sendPlan(ctx, conn, plan, { end: true });
    const r = await reading;
    const sent = sentWords(payload, send, true, plan, send.paced);
    if (r.data.equals(payload) && r.end === "timeout") {
      return fail(`${t("stream.echo.noClose", { label, sent, time: seconds(waitMs) })}\n${t("stream.echo.noCloseHelp")}`, see("closing", "EOF"));
    }
    return await explainEcho(ctx, { label, sent, expected: payload, r, waitMs, cpu, when, plan, send, readStart });
  } finally {
    conn.close();
  }
}

/**
 * A short message, answered while the connection stays open (an echo answers as bytes
 * arrive): once per seed, all on one connection, as one client that keeps talking. A
 * server that reads one message per connection has closed it after the first.
 */
export async function echoWhileOpen(ctx: CheckContext, target: StreamTarget, label: string, payload: Buffer, planOf: (seed: number) => Plan, waitMs = ctx.ms(2000)): Promise<Fail | undefined> {
  requireRunning(ctx);
  const conn = await connectOrExplain(ctx, target, label, t("stream.when.connected"));
  if (isFail(conn)) return conn;
  try {
    for (const [i, seed] of ctx.seeds.entries()) {
      const f = await echoOnce(ctx, conn, label, payload, planOf(seed), waitMs, i > 0);
      // A connection closed after the first message fails whatever the next one's pieces: no seed to replay.
      if (f) return f.seedless ? f.fail : { ...f.fail, seed };
      if (ctx.signal.aborted) break;
    }
    return undefined;
  } finally {
    conn.close();
  }
}

async function echoOnce(ctx: CheckContext, conn: StreamConn, label: string, payload: Buffer, plan: Plan, waitMs: number, again: boolean): Promise<{ fail: Fail; seedless?: boolean } | undefined> {
  const cpu = cpuMark(ctx);
  const readStart = Date.now();
  const reading = conn.read(payload.length, { idleMs: waitMs });
  const send = await sendPlan(ctx, conn, plan, { stillOpen: again });
  const sent = sentWords(payload, send, false, plan, send.paced);
  const r = await reading;
  if (again && r.data.length === 0 && (r.end === "eof" || r.end === "reset" || send.closedAfter === 0)) {
    // The first message was echoed; then the connection ended, with the client still there.
    const what = send.closedAfter === 0 ? t("stream.echo.closedAfterFirst", { label }) : t("stream.echo.closedAfterFirstSent", { label, sent });
    return { fail: fail(`${what}\n${t("stream.echo.singleRecv")}`, see("chat", t("check.topic.recvPart"))), seedless: true };
  }
  if (r.end === "timeout" && r.data.length === 0 && !ctx.program()?.exit()) {
    // Maybe it answers only at end of stream: find out, to say so.
    conn.end();
    const late = await conn.readToEnd({ idleMs: ctx.ms(1000), max: 65536 });
    if (late.data.length > 0) {
      return { fail: fail(`${t("stream.echo.late", { label, sent, time: seconds(waitMs), n: late.data.length, bytes: showBytes(late.data) })}\n${t("stream.echo.lateHelp")}`, see("server-calls")) };
    }
  }
  const f = await explainEcho(ctx, { label, sent, expected: payload, r, waitMs, cpu, plan, send, readStart });
  return f ? { fail: f } : undefined;
}

/** prepare() of a TCP server exercise: HOST and a free PORT for the program, the same as its target. */
export async function prepareTcpServer(host = "127.0.0.1"): Promise<{ env: ProgramEnv; target: Target }> {
  const port = await freeTcpPort(host);
  return { env: { HOST: host, PORT: String(port) }, target: { kind: "tcp", host, port } };
}
