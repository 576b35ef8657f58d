import { isDeepStrictEqual } from "node:util";
import { t } from "../../text/catalog.js";
import { showBytes } from "../bytes.js";
import { exitStory, seconds } from "../diagnose.js";
import { see } from "../lessons.js";
import type { ReadEnd, StreamConn, StreamTarget, Target } from "../peer.js";
import { startAndWait } from "../ready.js";
import { makePlan, type Plan } from "../traffic.js";
import { sendPlan, type SendOutcome } from "../transport.js";
import type { CheckContext, ExerciseChecker, Outcome } from "../types.js";
import { clientsAtOnce } from "../common/at-once.js";
import { connectOrExplain, eachSeed, fail, isFail, requireRunning, sentWords, type Fail, prepareTcpServer } from "../common/stream.js";

/**
 * line-json: one JSON request per line, one JSON reply line per request, in order. The
 * checks pipeline several requests (in the seed's pieces, cut next to the line ends),
 * send a request near the 100 000-byte limit, and one malformed request of each kind
 * (each must get an error line, then the close). Replies are compared as parsed JSON,
 * so spacing is free; a failure says which request went wrong and what the pieces
 * show (requests glued in one recv(), a piece parsed as a whole line).
 */

const HOST = "127.0.0.1";
const WAIT = 2000;
const PASS: Outcome = { passed: true };

function tcp(given: Target | undefined): StreamTarget {
  if (!given || given.kind !== "tcp") throw new Error("line-json needs a TCP target");
  return given;
}

/** A request line: the JSON text and its newline. */
function line(text: string): Buffer {
  return Buffer.from(`${text}\n`, "utf8");
}

/** The reply the contract asks for. */
function sumReply(numbers: readonly number[]): { method: string; sum: number } {
  return { method: "sum", sum: numbers.reduce((a, b) => a + b, 0) };
}

/** The lines received so far: complete ones (without \n) and the bytes after the last \n. */
export function splitLines(buf: Buffer): { lines: Buffer[]; rest: Buffer } {
  const lines: Buffer[] = [];
  let at = 0;
  for (let nl = buf.indexOf(0x0a, at); nl >= 0; nl = buf.indexOf(0x0a, at)) {
    lines.push(buf.subarray(at, nl));
    at = nl + 1;
  }
  return { lines, rest: buf.subarray(at) };
}

function parse(b: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(b.toString("utf8")) };
  } catch {
    return { ok: false };
  }
}

function isErrorLine(b: Buffer): boolean {
  const p = parse(b);
  return p.ok && typeof p.value === "object" && p.value !== null && !Array.isArray(p.value) && "error" in p.value;
}

interface Lines {
  data: Buffer;
  end: ReadEnd | "lines";
  code?: string;
}

/**
 * Reads until `count` complete lines have come, the connection ends, or nothing more
 * arrives for idleMs (all within totalMs).
 */
async function readLines(conn: StreamConn, count: number, idleMs: number, totalMs: number): Promise<Lines> {
  const parts: Buffer[] = [];
  let newlines = 0;
  const deadline = Date.now() + totalMs;
  for (let i = 0; i < 100_000; i++) {
    const left = deadline - Date.now();
    if (left <= 0) return { data: Buffer.concat(parts), end: "timeout" };
    const first = await conn.read(1, { idleMs: Math.min(idleMs, left) });
    parts.push(first.data);
    if (first.end !== "complete") return { data: Buffer.concat(parts), end: first.end, ...(first.code ? { code: first.code } : {}) };
    const more = await conn.readFor(0);
    parts.push(more.data);
    for (const b of [first.data, more.data]) for (const x of b) if (x === 0x0a) newlines++;
    if (newlines >= count) return { data: Buffer.concat(parts), end: "lines" };
    if (more.end !== "timeout") return { data: Buffer.concat(parts), end: more.end, ...(more.code ? { code: more.code } : {}) };
  }
  return { data: Buffer.concat(parts), end: "timeout" };
}

/** "then the connection closed", "then nothing more for 2 s": completes a sentence. */
function endText(end: Lines["end"], code: string | undefined, waitMs: number): string {
  if (end === "eof") return t("stream.end.closed");
  if (end === "reset") return t("stream.end.reset", { code: String(code) });
  if (end === "error") return t("stream.end.failed", { code: String(code) });
  return t("stream.end.nothing", { time: seconds(waitMs) });
}

/** Which pieces of the plan hold bytes of each request: [first, last] piece indexes. */
function piecesOf(requests: readonly Buffer[], plan: Plan): Array<[number, number]> {
  const ends: number[] = [];
  let sum = 0;
  for (const p of plan.pieces) ends.push((sum += p.data.length));
  const pieceAt = (offset: number): number => ends.findIndex((e) => offset < e);
  const out: Array<[number, number]> = [];
  let at = 0;
  for (const r of requests) {
    out.push([pieceAt(at), pieceAt(at + r.length - 1)]);
    at += r.length;
  }
  return out;
}

/**
 * Why the replies to `requests` are not `expected`, in the words the evidence supports.
 * Exported for the tests of the wording.
 */
export function explainReplies(requests: readonly Buffer[], expected: readonly unknown[], plan: Plan, got: Lines, waitMs: number): string[] {
  const { lines, rest } = splitLines(got.data);
  let k = 0;
  while (k < lines.length && k < expected.length) {
    const p = parse(lines[k]!);
    if (!p.ok || !isDeepStrictEqual(p.value, expected[k])) break;
    k++;
  }
  const spans = piecesOf(requests, plan);
  const n = requests.length;
  if (k === n) return [t("lineJson.extra", { n, got: showBytes(Buffer.concat(lines.slice(n).map((l) => Buffer.concat([l, Buffer.from("\n")])))) })];
  const out = [k === 0 ? t("lineJson.noneRight") : t("lineJson.someRight", { k, n })];
  const request = showBytes(requests[k]!, 64);
  const inPieces = spans[k]![1] > spans[k]![0];
  if (k < lines.length) {
    const l = lines[k]!;
    const shown = showBytes(Buffer.concat([l, Buffer.from("\n")]), 64);
    const want = JSON.stringify(expected[k]);
    if (isErrorLine(l)) {
      out.push(t("lineJson.errorForGood", { n: k + 1, request, got: shown }));
      // This request and the next one came in one piece: parsed together, they are not one JSON value.
      if (k + 1 < n && spans[k + 1]![0] === spans[k]![1]) out.push(k === 0 ? t("lineJson.gluedParsedFirst", { piece: spans[k]![1] + 1 }) : t("lineJson.gluedParsed", { n: k + 1, next: k + 2, piece: spans[k]![1] + 1 }), t("lineJson.help.buffer"));
      else if (inPieces) out.push(t("lineJson.pieceParsed", { n: k + 1, pieces: spans[k]![1] - spans[k]![0] + 1 }), t("lineJson.help.buffer"));
      return out;
    }
    if (!parse(l).ok) {
      out.push(t("lineJson.notJson", { n: k + 1, got: shown }));
      return out;
    }
    out.push(t("lineJson.wrongReply", { n: k + 1, request, expected: want, got: shown }));
    return out;
  }
  const partial = rest.length > 0 ? ` ${t("lineJson.partialLine", { got: showBytes(rest, 64) })}` : "";
  out.push(t("lineJson.nothingFor", { n: k + 1, request, end: endText(got.end, got.code, waitMs) }) + partial);
  if (k > 0 && spans[k]![0] === spans[k - 1]![1]) {
    out.push(k === 1 ? t("lineJson.gluedFirst", { piece: spans[k]![0] + 1 }) : t("lineJson.glued", { k, next: k + 1, piece: spans[k]![0] + 1 }), t("lineJson.help.buffer"));
  } else if (inPieces) out.push(t("lineJson.inPieces", { n: k + 1, pieces: spans[k]![1] - spans[k]![0] + 1 }), t("lineJson.help.buffer"));
  return out;
}

/** A failure with the program's exit story when it died. */
async function explained(ctx: CheckContext, lines: string[], lesson: "framing" | "many-clients" = "framing"): Promise<Fail> {
  const p = ctx.program();
  if (p && !p.exit()) await p.waitExit(100);
  const died = p?.exit() ? `\n${exitStory(p, ctx.env, t("stream.when.exchange"))}` : "";
  return fail(lines.join("\n") + died, see(lesson));
}

function sentText(label: string, requests: readonly Buffer[], send: SendOutcome, plan: Plan): string {
  return t("lineJson.sent", { label, n: requests.length, how: sentWords(Buffer.concat(requests), send, false, plan, send.paced) });
}

/** The well-formed requests the first check pipelines, and their sums. Data on the wire. */
const PIPELINED: ReadonlyArray<{ text: string; numbers: number[] }> = [
  { text: '{"method":"sum","numbers":[1,2,3]}', numbers: [1, 2, 3] },
  { text: '{"numbers":[],"method":"sum"}', numbers: [] },
  { text: '{"method":"sum","numbers":[-5,2147483647,10],"id":"café über","note":{"deep":[true,null,1.5]}}', numbers: [-5, 2147483647, 10] },
  { text: '{ "method" : "sum" , "numbers" : [ 40 , 2 ] }', numbers: [40, 2] },
];

/** One malformed request of each kind, what makes it malformed, and the check it belongs to. */
export const MALFORMED: ReadonlyArray<{ text: string; why: () => string; boolean?: true; kind: "numbers" | "shape" }> = [
  { text: '{"method":"sum","numbers":[1,1.5]}', why: () => t("lineJson.why.fraction"), kind: "numbers" },
  { text: '{"method":"sum","numbers":[1,"3"]}', why: () => t("lineJson.why.string"), kind: "numbers" },
  { text: '{"method":"sum","numbers":[true,1]}', why: () => t("lineJson.why.boolean"), boolean: true, kind: "numbers" },
  { text: '{"method":"sum","numbers":[2,null]}', why: () => t("lineJson.why.null"), kind: "numbers" },
  { text: '{"method":"sum"}', why: () => t("lineJson.why.missing"), kind: "shape" },
  { text: '{"method":"sum","numbers":"1,2"}', why: () => t("lineJson.why.notArray"), kind: "shape" },
  { text: '{"method":"product","numbers":[1,2]}', why: () => t("lineJson.why.method"), kind: "shape" },
  { text: "sum 1 2 3", why: () => t("lineJson.why.notJson"), kind: "shape" },
  { text: "[1,2,3]", why: () => t("lineJson.why.notObject"), kind: "shape" },
];

export const checker: ExerciseChecker = {
  id: "line-json",
  prepare: () => prepareTcpServer(HOST),
  checks(ctx, given) {
    const target = tcp(given);
    const wait = ctx.ms(WAIT);
    /** A client connected before the malformed requests: it must still be served after them. */
    let bystander: StreamConn | undefined;
    return [
      { name: t("check.name.startsListening", { address: "HOST:PORT" }), deadlineMs: 7000, hintId: "line-buffer", run: () => startAndWait(ctx, target) },
      {
        name: t("lineJson.check.pipelined"),
        deadlineMs: 15000,
        hintId: "line-buffer",
        run: async () => {
          const requests = PIPELINED.map((r) => line(r.text));
          const expected = PIPELINED.map((r) => sumReply(r.numbers));
          return (await eachSeed(ctx, (seed) => exchange(ctx, target, seed, requests, expected, wait))) ?? PASS;
        },
      },
      {
        name: t("lineJson.check.long"),
        deadlineMs: 15000,
        hintId: "line-buffer",
        run: async () => {
          const numbers = longNumbers();
          const requests = [line(`{"method":"sum","numbers":[${numbers.join(",")}]}`)];
          return (await eachSeed(ctx, (seed) => exchange(ctx, target, seed, requests, [sumReply(numbers)], wait, { maxPieces: 8 }))) ?? PASS;
        },
      },
      {
        name: t("lineJson.check.badNumbers"),
        deadlineMs: 20000,
        hintId: "validate",
        run: async () => {
          requireRunning(ctx);
          const b = await connectOrExplain(ctx, target, t("lineJson.label.bystander"), t("stream.when.connected"));
          if (isFail(b)) return b;
          bystander = b;
          return (await malformed(ctx, target, "numbers", wait)) ?? PASS;
        },
      },
      { name: t("lineJson.check.badShape"), deadlineMs: 25000, hintId: "validate", run: async () => (await malformed(ctx, target, "shape", wait)) ?? PASS },
      {
        name: t("lineJson.check.goesOn"),
        deadlineMs: 8000,
        hintId: "many",
        run: async () => {
          requireRunning(ctx);
          if (!bystander) return fail(t("lineJson.noBystander"));
          const requests = [line('{"method":"sum","numbers":[20,22]}')];
          const plan = makePlan(ctx.seeds[0]!, requests);
          const reading = readLines(bystander, 1, wait, wait + 2000);
          const send = await sendPlan(ctx, bystander, plan);
          const got = await reading;
          const { lines } = splitLines(got.data);
          const p = lines[0] ? parse(lines[0]) : { ok: false as const };
          bystander.close();
          if (p.ok && isDeepStrictEqual(p.value, sumReply([20, 22]))) return PASS;
          return explained(ctx, [t("lineJson.bystanderLost", { how: sentWords(requests[0]!, send, false, plan, send.paced) }), ...explainReplies(requests, [sumReply([20, 22])], plan, got, wait)], "many-clients");
        },
      },
      {
        name: t("lineJson.check.atOnce"),
        deadlineMs: 15000,
        hintId: "many",
        run: async () => {
          requireRunning(ctx);
          const numbers = (i: number): number[] => [i, 100, 1000 * i];
          const reply = (i: number): Buffer => line(JSON.stringify(sumReply(numbers(i))));
          // Read as lines and compared as parsed JSON: spacing is free.
          const f = await clientsAtOnce(
            ctx,
            target,
            5,
            (i) => ({ send: [line(JSON.stringify({ method: "sum", numbers: numbers(i) }))], expect: reply(i) }),
            (i) => t("lineJson.label.clientOf", { i, n: 5 }),
            wait,
            {
              read: async (c) => (await readLines(c, 1, wait, wait + 2000)).data,
              matches: (got, i) => {
                const { lines } = splitLines(got);
                const p = lines.length === 1 ? parse(lines[0]!) : { ok: false as const };
                return p.ok && isDeepStrictEqual(p.value, sumReply(numbers(i)));
              },
            },
          );
          return f ?? PASS;
        },
      },
    ];
  },
};

/** 10 000 numbers whose line is just under the 100 000-byte limit. */
function longNumbers(): number[] {
  const out: number[] = [];
  // Eight digits each; nine in ten negative: about 9.9 characters a number, 99 029 bytes in all.
  for (let i = 0; i < 10_000; i++) out.push((10_000_000 + ((i * 7_919_113) % 89_999_999)) * (i % 10 < 9 ? -1 : 1));
  return out;
}

async function exchange(ctx: CheckContext, target: StreamTarget, seed: number, requests: Buffer[], expected: unknown[], wait: number, opts: { maxPieces?: number } = {}): Promise<Fail | undefined> {
  requireRunning(ctx);
  const label = t("lineJson.label.client");
  const conn = await connectOrExplain(ctx, target, label, t("stream.when.connected"));
  if (isFail(conn)) return conn;
  try {
    const plan = makePlan(seed, requests, opts);
    const reading = readLines(conn, requests.length, wait, wait + 8000);
    const send = await sendPlan(ctx, conn, plan);
    const got = await reading;
    const { lines } = splitLines(got.data);
    const ok = lines.length === expected.length && lines.every((l, i) => {
      const p = parse(l);
      return p.ok && isDeepStrictEqual(p.value, expected[i]);
    });
    if (ok) {
      // More than asked for (two replies to one request) shows as extra bytes soon after.
      const more = await conn.readFor(ctx.ms(20));
      if (more.data.length === 0) return undefined;
      got.data = Buffer.concat([got.data, more.data]);
    }
    return await explained(ctx, [sentText(label, requests, send, plan), ...explainReplies(requests, expected, plan, got, wait)]);
  } finally {
    conn.close();
  }
}

/**
 * Each malformed request of one kind, on its own connection, after a good one (both in
 * the pieces of one of the run's seeds, taken in turn, so every shape is sent and a run
 * makes one connection per request): the reply to the good one, an error line, then the close.
 */
async function malformed(ctx: CheckContext, target: StreamTarget, kind: "numbers" | "shape", wait: number): Promise<Fail | undefined> {
  const cases = MALFORMED.filter((m) => m.kind === kind);
  for (const [i, m] of cases.entries()) {
    const seed = ctx.seeds[i % ctx.seeds.length]!;
    const f = await malformedOnce(ctx, target, m, seed, wait);
    if (f) return { ...f, seed };
    if (ctx.signal.aborted) break;
  }
  return undefined;
}

async function malformedOnce(ctx: CheckContext, target: StreamTarget, m: (typeof MALFORMED)[number], seed: number, wait: number): Promise<Fail | undefined> {
  requireRunning(ctx);
  const label = t("lineJson.label.client");
  const conn = await connectOrExplain(ctx, target, label, t("stream.when.connected"));
  if (isFail(conn)) return conn;
  try {
    const good = line('{"method":"sum","numbers":[7,8]}');
    const bad = line(m.text);
    const requests = [good, bad];
    const plan = makePlan(seed, requests);
    const reading = readLines(conn, 2, wait, wait + 4000);
    const send = await sendPlan(ctx, conn, plan);
    const got = await reading;
    const { lines } = splitLines(got.data);
    const first = lines[0] ? parse(lines[0]) : { ok: false as const };
    const what = t("lineJson.sentBad", { label, bad: showBytes(bad, 64), why: m.why(), how: sentWords(Buffer.concat(requests), send, false, plan, send.paced) });
    if (!first.ok || !isDeepStrictEqual(first.value, sumReply([7, 8]))) return explained(ctx, [what, ...explainReplies(requests, [sumReply([7, 8]), { error: "…" }], plan, got, wait)]);
    const second = lines[1];
    if (!second) {
      return explained(ctx, [what, t("lineJson.noError", { end: endText(got.end, got.code, wait) }), t("lineJson.help.errorThenClose")]);
    }
    if (!isErrorLine(second)) {
      const accepted = parse(second);
      const summed = accepted.ok && typeof accepted.value === "object" && accepted.value !== null && "sum" in accepted.value;
      const shown = showBytes(Buffer.concat([second, Buffer.from("\n")]), 64);
      const lines2 = [what, summed ? t("lineJson.accepted", { got: shown }) : t("lineJson.notError", { got: shown })];
      if (summed && m.boolean) lines2.push(t("lineJson.help.boolIsInt"));
      lines2.push(t(m.kind === "numbers" ? "lineJson.help.integers" : "lineJson.help.shape"));
      return explained(ctx, lines2);
    }
    // The error line came: now the close (a reset is fine too), and nothing more.
    const after = await conn.readToEnd({ idleMs: wait, max: 65536 });
    if (after.end === "eof" || after.end === "reset") {
      if (after.data.length === 0) return undefined;
      return explained(ctx, [what, t("lineJson.afterError", { got: showBytes(after.data, 64) })]);
    }
    return explained(ctx, [what, t("lineJson.errorNoClose", { time: seconds(wait) }), t("lineJson.help.errorThenClose")]);
  } finally {
    conn.close();
  }
}
