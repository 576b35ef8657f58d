import { describeDifference, plural, showBytes, size } from "../bytes.js";
import { cpuNote, exitStory, seconds } from "../diagnose.js";
import { see } from "../lessons.js";
import { describeTarget, type ReadResult, type StreamConn, type StreamTarget } from "../peer.js";
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
  if (!p || e) throw new NotRun(p ? "your program is no longer running" : "your program was not started");
}

/** Connects, or explains why not (the program died, stopped listening, …). */
export async function connectOrExplain(ctx: CheckContext, target: StreamTarget, label: string, when: string): Promise<StreamConn | Fail> {
  const r = await ctx.peer.connect(target, label, ctx.ms(2000));
  if ("conn" in r) return r.conn;
  const p = ctx.program();
  // A crash may be a few ms from being reported: give it a moment.
  if (p && !p.exit()) await p.waitExit(100);
  if (p?.exit()) return fail(`${label}: could not connect to ${describeTarget(target)} (${r.error}).\n${exitStory(p, ctx.env, when)}`, see("server-calls", "accept in a loop"));
  if (r.error === "ETIMEDOUT")
    return fail(`${label}: connecting to ${describeTarget(target)} took more than ${seconds(ctx.ms(2000))}: the listen backlog is full, so your program has stopped calling accept().`, see("listen-backlog"));
  return fail(`${label}: could not connect to ${describeTarget(target)} (${r.error}) although your program is still running: did it close its listening socket?`, see("server-calls"));
}

export function isFail(x: unknown): x is Fail {
  return typeof x === "object" && x !== null && "passed" in x && (x as Fail).passed === false;
}

/** How a read ended, in words: "then the connection closed". */
export function endWords(r: ReadResult, waitMs: number): string {
  switch (r.end) {
    case "eof":
      return "then the connection closed";
    case "reset":
      return `then the connection was reset (${r.code})`;
    case "error":
      return `then the connection failed (${r.code})`;
    case "timeout":
      return `then nothing more for ${seconds(waitMs)}`;
    default:
      return "";
  }
}

const RESET_WHY =
  "A reset (RST) is what the kernel sends when a program closes a socket that still has unread bytes waiting in its receive buffer: your program closed the connection before reading everything the client sent.";

/**
 * Explains an echo that is not the payload. `sent` says what the checker did
 * ("sent 5 bytes b'hello'"). Returns undefined when got == expected.
 */
export async function explainEcho(
  ctx: CheckContext,
  label: string,
  sent: string,
  expected: Buffer,
  r: ReadResult,
  waitMs: number,
  cpuBefore: number | undefined,
  when = "during this exchange",
): Promise<Fail | undefined> {
  const got = r.data;
  if (got.equals(expected)) return undefined;
  const p = ctx.program();
  if (p && !p.exit() && r.end !== "timeout") await p.waitExit(100);
  const died = p?.exit() ? `\n${exitStory(p, ctx.env, when)}` : "";
  // After the program ended, a reset just means "nobody will ever serve this connection".
  const resetWhy = died ? "" : `\n${RESET_WHY}`;
  if (got.length === 0) {
    if (r.end === "timeout") {
      const cpu = await cpuNote(p, cpuBefore, r.ms);
      const lines = [`${label}: ${sent}, waited ${seconds(waitMs)} for the echo, got nothing.`];
      if (cpu) lines.push(`${cpu} Probably a loop that does not stop when recv() returns b'' (the client closed).`);
      else if (!died) lines.push("The connection was accepted by the kernel, but your program did not send anything back: is it calling accept() and then recv()/send() on the new socket?");
      // The program is stuck: later checks would only wait the same way.
      return fail(lines.join("\n") + died, cpu ? see("closing", "recv returns b'' when the peer has closed") : see("server-calls", "accept returns a new socket"), true);
    }
    return fail(`${label}: ${sent}; the connection ${r.end === "eof" ? "closed" : `was reset (${r.code})`} without any echo.${r.end === "reset" ? resetWhy : ""}${died}`, see("server-calls"));
  }
  if (expected.subarray(0, got.length).equals(got)) {
    // A correct prefix: the classic single recv(1024).
    const lines = [`${label}: ${sent}; got ${got.length} of ${expected.length} bytes back, ${endWords(r, waitMs)}.`];
    if (r.end === "reset" && resetWhy) lines.push(RESET_WHY);
    if (r.end !== "timeout")
      lines.push("Your server probably calls recv() once per connection. A stream socket is a byte stream: one recv() returns whatever has arrived so far, not the whole message. Loop: recv, send it all back, until recv returns b''.");
    else lines.push("Your server stopped sending: is it still reading? (A server that sends without reading can block when the client's buffers fill.)");
    return fail(lines.join("\n") + died, see("chat", "recv returns part of a message"), r.end === "timeout");
  }
  return fail(`${label}: ${sent}; the echo is different from what was sent:\n${describeDifference(expected, got)}${r.end === "reset" ? resetWhy : ""}${died}`, see("server-calls"));
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
    const sent = `sent ${payload.length <= 48 ? `${plural(payload.length, "byte")} ${showBytes(payload)}` : size(payload.length)}${w.ok ? " and closed its side" : ` (sending failed: ${w.code})`}`;
    if (r.data.equals(payload) && r.end === "timeout") {
      return fail(
        `${label}: ${sent}; got the whole echo back, but your program did not close the connection within ${seconds(waitMs)} after the client closed its side.\nWhen recv() returns b'' the client has finished: close that connection (and go back to accept()).`,
        see("closing", "EOF"),
      );
    }
    return await explainEcho(ctx, label, sent, payload, r, waitMs, cpuBefore, when);
  } finally {
    conn.close();
  }
}

/** A short message, answered while the connection stays open (an echo answers as bytes arrive). */
export async function echoWhileOpen(ctx: CheckContext, target: StreamTarget, label: string, payload: Buffer, waitMs = ctx.ms(2000)): Promise<Fail | undefined> {
  requireRunning(ctx);
  const conn = await connectOrExplain(ctx, target, label, "when the checker connected");
  if (isFail(conn)) return conn;
  try {
    const cpuBefore = ctx.program()?.cpuMs();
    const w = await conn.write(payload);
    const sent = `sent ${plural(payload.length, "byte")} ${showBytes(payload)}${w.ok ? "" : ` (sending failed: ${w.code})`}`;
    const r = await conn.read(payload.length, { idleMs: waitMs });
    if (r.end === "timeout" && r.data.length === 0 && !ctx.program()?.exit()) {
      // Maybe it answers only at end of stream: find out, to say so.
      conn.end();
      const late = await conn.readToEnd({ idleMs: ctx.ms(1000), max: 65536 });
      if (late.data.length > 0) {
        return fail(
          `${label}: ${sent}, waited ${seconds(waitMs)} for the echo, got nothing; after the client closed its side, ${plural(late.data.length, "byte")} came back: ${showBytes(late.data)}.\n` +
            "An echo server sends back what it receives as it arrives: loop recv() then sendall() on each piece, rather than collecting everything until the client closes.",
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
