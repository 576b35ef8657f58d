import { t } from "../../text/catalog.js";
import { patternBytes, showBytes } from "../bytes.js";
import { exitStory, seconds } from "../diagnose.js";
import { see } from "../lessons.js";
import type { ReadResult, StreamTarget, Target } from "../peer.js";
import { startAndWait } from "../ready.js";
import { makePlan, type Plan } from "../traffic.js";
import { sendPlan, type SendOutcome } from "../transport.js";
import type { CheckContext, ExerciseChecker, Outcome } from "../types.js";
import { clientsAtOnce } from "../common/at-once.js";
import { connectOrExplain, eachSeed, endWords, fail, isFail, requireRunning, sentWords, type Fail, prepareTcpServer } from "../common/stream.js";
import { listOf } from "../../text/list.js";

/**
 * length-prefix: a message is a 4-byte big-endian length N and N bytes; the reply is
 * the payload reversed, framed the same way. The checks send several messages at once,
 * cut where a program that takes one recv() for one message breaks (inside a length,
 * between two messages), and read the replies as frames, so a failure can say which
 * message went wrong and what the evidence means: a little-endian length, messages
 * glued together, a reply to part of a message.
 */

const HOST = "127.0.0.1";
const WAIT = 2000;
export const LIMIT = 1_048_576;
const PASS: Outcome = { passed: true };

function tcp(given: Target | undefined): StreamTarget {
  if (!given || given.kind !== "tcp") throw new Error("length-prefix needs a TCP target");
  return given;
}

/** One message on the wire: the 4-byte big-endian length, then the payload. */
export function frame(payload: Buffer, length = payload.length): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(length, 0);
  return Buffer.concat([header, payload]);
}

/** The reply the contract asks for: the payload reversed byte by byte, framed. */
export function replyTo(payload: Buffer): Buffer {
  return frame(Buffer.from(payload).reverse());
}

/** The complete frames at the start of buf (big-endian lengths), and the bytes after them. */
export function parseFrames(buf: Buffer): { frames: Buffer[]; rest: Buffer } {
  const frames: Buffer[] = [];
  let at = 0;
  while (buf.length - at >= 4) {
    const n = buf.readUInt32BE(at);
    if (buf.length - at - 4 < n) break;
    frames.push(buf.subarray(at + 4, at + 4 + n));
    at += 4 + n;
  }
  return { frames, rest: buf.subarray(at) };
}

/** Which pieces of the plan hold bytes of each message: [first, last] piece indexes. */
function piecesOf(messages: Buffer[], plan: Plan): Array<[number, number]> {
  const ends: number[] = [];
  let sum = 0;
  for (const p of plan.pieces) ends.push((sum += p.data.length));
  const pieceAt = (offset: number): number => ends.findIndex((e) => offset < e);
  const out: Array<[number, number]> = [];
  let at = 0;
  for (const m of messages) {
    const len = 4 + m.length;
    out.push([pieceAt(at), pieceAt(at + len - 1)]);
    at += len;
  }
  return out;
}

/** "message 2 (0 bytes)", as the diagnosis names the messages. */
function nth(i: number, payloads: Buffer[]): string {
  return t("lengthPrefix.message", { n: i + 1, size: payloads[i]!.length });
}

/** The payload reversed as text, character by character: what a program that decodes before reversing sends. */
function reversedAsText(payload: Buffer): Buffer {
  return Buffer.from([...payload.toString("utf8")].reverse().join(""), "utf8");
}

/**
 * Why the replies to `payloads` (sent as `plan`) are not `got`, in the words the
 * evidence supports. Every line is a sentence for the learner.
 */
export function explainReplies(payloads: Buffer[], plan: Plan, got: Buffer, r: ReadResult, waitMs: number): string[] {
  const expected = payloads.map(replyTo);
  const { frames, rest } = parseFrames(got);
  const wanted = payloads.map((p) => Buffer.from(p).reverse());
  let k = 0;
  while (k < frames.length && k < wanted.length && frames[k]!.equals(wanted[k]!)) k++;
  const lines: string[] = [];
  const spans = piecesOf(payloads, plan);
  if (k === payloads.length) {
    // Every reply right, then more.
    lines.push(t("lengthPrefix.extra", { n: payloads.length, bytes: showBytes(got.subarray(Buffer.concat(expected).length)) }));
    return lines;
  }
  lines.push(k === 0 ? t("lengthPrefix.noneRight") : t("lengthPrefix.someRight", { k, n: payloads.length }));
  const next = payloads[k]!;
  const afterGood = got.subarray(expected.slice(0, k).reduce((n, b) => n + b.length, 0));
  // A length written little-endian: the 4 bytes, read backwards, are the right length.
  if (afterGood.length >= 4 && next.length > 0 && afterGood.readUInt32LE(0) === next.length && afterGood.readUInt32BE(0) !== next.length) {
    lines.push(t("lengthPrefix.replyLittleEndian", { message: nth(k, payloads), bytes: showBytes(afterGood.subarray(0, 4)), n: next.length, be: afterGood.readUInt32BE(0) }), t("lengthPrefix.help.byteOrder"));
    return lines;
  }
  if (k < frames.length) {
    const f = frames[k]!;
    if (f.equals(reversedAsText(next)) && !f.equals(wanted[k]!)) {
      lines.push(t("lengthPrefix.reversedText", { message: nth(k, payloads) }), t("lengthPrefix.help.bytes"));
      return lines;
    }
    // A reply to the bytes of one recv(): a reversed part of the message.
    if (f.length < next.length && Buffer.from(next).reverse().includes(f)) {
      lines.push(t("lengthPrefix.partReply", { message: nth(k, payloads), got: f.length }), t("lengthPrefix.help.recvExactly"));
      return lines;
    }
    lines.push(t("lengthPrefix.wrongReply", { message: nth(k, payloads), expected: showBytes(expected[k]!), got: showBytes(frame(f)) }));
    return lines;
  }
  // The start of a reply, and no more.
  if (rest.length >= 4) {
    const says = rest.readUInt32BE(0);
    if (says !== next.length) lines.push(t("lengthPrefix.replyLength", { message: nth(k, payloads), says, n: next.length }));
    else lines.push(t("lengthPrefix.replyCut", { message: nth(k, payloads), got: rest.length - 4, n: next.length, end: endWords(r, waitMs) }));
    return lines;
  }
  // Nothing (complete) came back for message k+1.
  const partial = rest.length > 0 ? t("lengthPrefix.partialFrame", { bytes: showBytes(rest) }) : "";
  lines.push(t("lengthPrefix.nothingFor", { message: nth(k, payloads), end: endWords(r, waitMs) }) + partial);
  if (k > 0 && spans[k]![0] === spans[k - 1]![1]) {
    // The previous message's end and this one's start came in one piece.
    lines.push(t("lengthPrefix.glued", { prev: k, next: k + 1, piece: spans[k]![0] + 1 }), t("lengthPrefix.help.recvExactly"));
    return lines;
  }
  if (plan.pieces[spans[k]![0]]!.data.length < 4 && spans[k]![0] !== spans[k]![1]) {
    lines.push(t("lengthPrefix.headerSplit", { message: nth(k, payloads) }), t("lengthPrefix.help.recvExactly"));
    return lines;
  }
  const header = frame(next).subarray(0, 4);
  const le = header.readUInt32LE(0);
  if (le !== next.length) lines.push(t("lengthPrefix.maybeLittleEndian", { bytes: showBytes(header), n: next.length, le }), t("lengthPrefix.help.byteOrder"));
  return lines;
}

export const checker: ExerciseChecker = {
  id: "length-prefix",
  prepare: () => prepareTcpServer(HOST),
  checks(ctx, given) {
    const target = tcp(given);
    const wait = ctx.ms(WAIT);
    return [
      { name: t("check.name.startsListening", { address: "HOST:PORT" }), deadlineMs: 7000, hintId: "read-exactly", run: () => startAndWait(ctx, target) },
      { name: t("lengthPrefix.check.pieces"), deadlineMs: 15000, hintId: "read-exactly", run: async () => (await eachSeed(ctx, (seed) => severalMessages(ctx, target, seed, wait))) ?? PASS },
      { name: t("lengthPrefix.check.big"), deadlineMs: 20000, hintId: "read-exactly", run: async () => (await eachSeed(ctx, (seed) => bigThenEof(ctx, target, seed, wait))) ?? PASS },
      { name: t("lengthPrefix.check.tooLong"), deadlineMs: 15000, hintId: "limit", run: async () => (await eachSeed(ctx, (seed) => tooLong(ctx, target, seed, wait))) ?? PASS },
      {
        name: t("lengthPrefix.check.atOnce"),
        deadlineMs: 15000,
        hintId: "many",
        run: async () => {
          requireRunning(ctx);
          const payload = (i: number): Buffer => Buffer.from(`client ${i} of 5 waits for its reply`);
          const f = await clientsAtOnce(ctx, target, 5, (i) => ({ send: [frame(payload(i))], expect: replyTo(payload(i)) }), (i) => t("lengthPrefix.label.clientOf", { i, n: 5 }), wait);
          return f ?? PASS;
        },
      },
    ];
  },
};

/** The messages of the first check: a word, an empty message, text with multi-byte characters, and one whose length needs two bytes. */
function firstMessages(): Buffer[] {
  return [Buffer.from("hello"), Buffer.alloc(0), Buffer.from("h\u00e9llo w\u00f6rld"), patternBytes(300, 0x1e9)];
}

/** Offsets inside each length prefix: the cuts that tell most. */
function headerCuts(payloads: Buffer[]): number[] {
  const cuts: number[] = [];
  let at = 0;
  for (const p of payloads) {
    cuts.push(at + 2);
    at += 4 + p.length;
  }
  return cuts;
}

async function severalMessages(ctx: CheckContext, target: StreamTarget, seed: number, wait: number): Promise<Fail | undefined> {
  requireRunning(ctx);
  const label = t("lengthPrefix.label.client");
  const conn = await connectOrExplain(ctx, target, label, t("stream.when.connected"));
  if (isFail(conn)) return conn;
  try {
    const payloads = firstMessages();
    const frames = payloads.map((p) => frame(p));
    const expected = Buffer.concat(payloads.map(replyTo));
    const plan = makePlan(seed, frames, { cuts: headerCuts(payloads) });
    const reading = conn.read(expected.length, { idleMs: wait });
    const send = await sendPlan(ctx, conn, plan);
    const r = await reading;
    if (r.data.equals(expected)) return undefined;
    // A wrong reply may go on: read what follows, to show it whole.
    const more = r.end === "complete" ? await conn.readFor(ctx.ms(30)) : undefined;
    const got = more ? Buffer.concat([r.data, more.data]) : r.data;
    return await explained(ctx, [sentLine(label, payloads, frames, send, plan), ...explainReplies(payloads, plan, got, r, wait)]);
  } finally {
    conn.close();
  }
}

/** "the client sent 4 messages (5, 0, 13 and 300 bytes: 334 bytes in 7 pieces …)". */
function sentLine(label: string, payloads: Buffer[], frames: Buffer[], send: SendOutcome, plan: Plan, closed = false): string {
  const all = Buffer.concat(frames);
  return t("lengthPrefix.sent", { label, n: payloads.length, sizes: listOf(payloads.map((p) => String(p.length))), how: sentWords(all, send, closed, plan, send.paced) });
}

/** A failure with the program's exit story when it died. */
async function explained(ctx: CheckContext, lines: string[]): Promise<Fail> {
  const p = ctx.program();
  if (p && !p.exit()) await p.waitExit(100);
  const died = p?.exit() ? `\n${exitStory(p, ctx.env, t("stream.when.exchange"))}` : "";
  return fail(lines.join("\n") + died, see("framing"));
}

/**
 * A message of exactly the limit (1 MiB), then the start of another, then the end of the
 * stream: the reply to the big one, then the close, and nothing for the partial one.
 */
async function bigThenEof(ctx: CheckContext, target: StreamTarget, seed: number, wait: number): Promise<Fail | undefined> {
  requireRunning(ctx);
  const label = t("lengthPrefix.label.big");
  const conn = await connectOrExplain(ctx, target, label, t("stream.when.connected"));
  if (isFail(conn)) return conn;
  try {
    const big = patternBytes(LIMIT, 0xb16);
    const partial = frame(Buffer.from("abc"), 10);
    const payloads = [big];
    const frames = [frame(big), partial];
    const expected = replyTo(big);
    const plan = makePlan(seed, frames, { maxPieces: 6, lag: true });
    if (plan.lagMs > 0) {
      conn.holdReading(true);
      setTimeout(() => conn.holdReading(false), plan.lagMs).unref();
    }
    const reading = conn.readToEnd({ idleMs: wait + plan.lagMs, totalMs: wait + 8000, max: expected.length + 65536 });
    const send = await sendPlan(ctx, conn, plan, { end: true });
    const r = await reading;
    if (r.data.equals(expected) && (r.end === "eof" || r.end === "reset")) return undefined;
    const sent = t("lengthPrefix.sentBig", { label, how: sentWords(Buffer.concat(frames), send, true, plan, send.paced) });
    if (r.data.equals(expected)) return explained(ctx, [sent, t("lengthPrefix.noClose", { time: seconds(wait) }), t("lengthPrefix.help.eof")]);
    if (r.data.length > expected.length && r.data.subarray(0, expected.length).equals(expected)) {
      return explained(ctx, [sent, t("lengthPrefix.repliedPartial", { bytes: showBytes(r.data.subarray(expected.length)) }), t("lengthPrefix.help.partial")]);
    }
    return explained(ctx, [sent, ...explainReplies(payloads, plan, r.data, r, wait)]);
  } finally {
    conn.close();
  }
}

/**
 * A message, then a length one above the limit and some of its bytes: the reply to the
 * first, then the close (a reset is fine: the server closes with the client's bytes unread).
 */
async function tooLong(ctx: CheckContext, target: StreamTarget, seed: number, wait: number): Promise<Fail | undefined> {
  requireRunning(ctx);
  const label = t("lengthPrefix.label.client");
  const conn = await connectOrExplain(ctx, target, label, t("stream.when.connected"));
  if (isFail(conn)) return conn;
  try {
    const first = Buffer.from("before the long one");
    const over = frame(patternBytes(1000, 0x1e55), LIMIT + 1);
    const frames = [frame(first), over];
    const expected = replyTo(first);
    const plan = makePlan(seed, frames, { cuts: [4 + first.length + 2] });
    const reading = conn.readToEnd({ idleMs: wait, max: 65536 });
    const send = await sendPlan(ctx, conn, plan);
    const r = await reading;
    if (r.data.equals(expected) && (r.end === "eof" || r.end === "reset")) return undefined;
    const sent = t("lengthPrefix.sentTooLong", { label, how: sentWords(Buffer.concat(frames), send, false, plan, send.paced), limit: LIMIT + 1 });
    if (r.data.equals(expected)) return explained(ctx, [sent, t("lengthPrefix.tooLongOpen", { time: seconds(wait), n: LIMIT + 1 }), t("lengthPrefix.help.limit")]);
    if (r.data.length === 0 && r.end !== "timeout") return explained(ctx, [sent, t("lengthPrefix.tooLongNoReply", { end: endWords(r, wait) }), t("lengthPrefix.help.repliesFirst")]);
    if (r.data.length > expected.length && r.data.subarray(0, expected.length).equals(expected)) {
      return explained(ctx, [sent, t("lengthPrefix.tooLongReplied", { bytes: showBytes(r.data.subarray(expected.length)) }), t("lengthPrefix.help.limit")]);
    }
    return explained(ctx, [sent, ...explainReplies([first], plan, r.data, r, wait)]);
  } finally {
    conn.close();
  }
}
