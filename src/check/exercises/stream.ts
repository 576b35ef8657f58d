import { t } from "../../text/catalog.js";
import { describeDifference, showBytes, size } from "../bytes.js";
import { cpuNote, exitStory, seconds } from "../diagnose.js";
import { see } from "../lessons.js";
import { describeTarget, type ReadResult, type StreamConn, type StreamTarget, type WriteResult } from "../peer.js";
import { NotRun, type CheckContext, type Outcome } from "../types.js";

/**
 * Helpers for checks that talk to a stream server (TCP or Unix): connect with a
 * story when it fails, and explain a short, broken or missing answer.
 */

export type Fail = Extract<Outcome, { passed: false }>;

export function fail(detail: string, hint?: string, stop?: boolean): Fail {
  return { passed: false, detail, ...(hint ? { hint } : {}), ...(stop ? { stop } : {}) };
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

/**
 * Explains an echo that is not the payload. `sent` says what the checker did
 * ("sent 5 bytes b'hello'", see sentWords). Returns undefined when got == expected.
 * `when` completes "Your program exited with code 1 …" (default: during this exchange).
 */
export async function explainEcho(
  ctx: CheckContext,
  label: string,
  sent: string,
  expected: Buffer,
  r: ReadResult,
  waitMs: number,
  cpuBefore: number | undefined,
  when = t("stream.when.exchange"),
): Promise<Fail | undefined> {
  const got = r.data;
  if (got.equals(expected)) return undefined;
  const p = ctx.program();
  if (p && !p.exit() && r.end !== "timeout") await p.waitExit(100);
  const died = p?.exit() ? `\n${exitStory(p, ctx.env, when)}` : "";
  // After the program ended, a reset just means "nobody will ever serve this connection".
  const resetWhy = died ? "" : `\n${t("stream.resetWhy")}`;
  if (got.length === 0) {
    if (r.end === "timeout") {
      const cpu = await cpuNote(p, cpuBefore, r.ms);
      const lines = [t("stream.echo.nothing", { label, sent, time: seconds(waitMs) })];
      if (cpu) lines.push(t("stream.echo.spinning", { cpu }));
      else if (!died) lines.push(t("stream.echo.noAnswer"));
      // The program is stuck: later checks would only wait the same way.
      return fail(lines.join("\n") + died, cpu ? see("closing", t("check.topic.recvEof")) : see("server-calls", t("check.topic.acceptNewSocket")), true);
    }
    const none = r.end === "eof" ? t("stream.echo.closedNoEcho", { label, sent }) : t("stream.echo.resetNoEcho", { label, sent, code: String(r.code) });
    return fail(`${none}${r.end === "reset" ? resetWhy : ""}${died}`, see("server-calls"));
  }
  if (expected.subarray(0, got.length).equals(got)) {
    // A correct prefix: the classic single recv(1024).
    const lines = [t("stream.echo.prefix", { label, sent, got: got.length, expected: expected.length, end: endWords(r, waitMs) })];
    if (r.end === "reset" && resetWhy) lines.push(t("stream.resetWhy"));
    if (r.end !== "timeout") lines.push(t("stream.echo.singleRecv"));
    else lines.push(t("stream.echo.stoppedSending"));
    return fail(lines.join("\n") + died, see("chat", t("check.topic.recvPart")), r.end === "timeout");
  }
  return fail(`${t("stream.echo.different", { label, sent })}\n${describeDifference(expected, got)}${r.end === "reset" ? resetWhy : ""}${died}`, see("server-calls"));
}

/**
 * What the checker sent, completing "client 1: …": "sent 5 bytes b'hello'", then
 * "and closed its side" when it did, or the error of a send that failed. A big
 * payload is said by its size, not shown.
 */
function sentWords(payload: Buffer, w: WriteResult, closedAfter: boolean): string {
  const amount = payload.length <= 48 ? t("stream.sent.amount", { n: payload.length, bytes: showBytes(payload) }) : size(payload.length);
  if (!w.ok) return t("stream.sent.failed", { amount, code: String(w.code) });
  return closedAfter ? t("stream.sent.closed", { amount }) : t("stream.sent.plain", { amount });
}

/** Connect, send, half-close, read to the end: the echo must be the payload, then EOF. */
export async function echoThenClose(ctx: CheckContext, target: StreamTarget, label: string, payload: Buffer, when: string, waitMs = ctx.ms(2000)): Promise<Fail | undefined> {
  requireRunning(ctx);
  const conn = await connectOrExplain(ctx, target, label, when);
  if (isFail(conn)) return conn;
  try {
    const cpuBefore = ctx.program()?.cpuMs();
    const reading = conn.readToEnd({ idleMs: waitMs, totalMs: waitMs + 8000, max: payload.length + 65536 });
    const w = await conn.write(payload);
    if (w.ok) conn.end();
    const r = await reading;
    const sent = sentWords(payload, w, true);
    if (r.data.equals(payload) && r.end === "timeout") {
      return fail(`${t("stream.echo.noClose", { label, sent, time: seconds(waitMs) })}\n${t("stream.echo.noCloseHelp")}`, see("closing", "EOF"));
    }
    return await explainEcho(ctx, label, sent, payload, r, waitMs, cpuBefore, when);
  } finally {
    conn.close();
  }
}

/** A short message, answered while the connection stays open (an echo answers as bytes arrive). */
export async function echoWhileOpen(ctx: CheckContext, target: StreamTarget, label: string, payload: Buffer, waitMs = ctx.ms(2000)): Promise<Fail | undefined> {
  requireRunning(ctx);
  const conn = await connectOrExplain(ctx, target, label, t("stream.when.connected"));
  if (isFail(conn)) return conn;
  try {
    const cpuBefore = ctx.program()?.cpuMs();
    const w = await conn.write(payload);
    const sent = sentWords(payload, w, false);
    const r = await conn.read(payload.length, { idleMs: waitMs });
    if (r.end === "timeout" && r.data.length === 0 && !ctx.program()?.exit()) {
      // Maybe it answers only at end of stream: find out, to say so.
      conn.end();
      const late = await conn.readToEnd({ idleMs: ctx.ms(1000), max: 65536 });
      if (late.data.length > 0) {
        return fail(
          `${t("stream.echo.late", { label, sent, time: seconds(waitMs), n: late.data.length, bytes: showBytes(late.data) })}\n${t("stream.echo.lateHelp")}`,
          see("server-calls"),
        );
      }
      return await explainEcho(ctx, label, sent, payload, r, waitMs, cpuBefore);
    }
    return await explainEcho(ctx, label, sent, payload, r, waitMs, cpuBefore);
  } finally {
    conn.close();
  }
}
