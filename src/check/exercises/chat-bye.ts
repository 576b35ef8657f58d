import { t } from "../../text/catalog.js";
import { describeDifference, showBytes } from "../bytes.js";
import { describeExit, exitStory, seconds, stderrExcerpt } from "../diagnose.js";
import { see } from "../lessons.js";
import type { StreamConn, StreamTarget, Target } from "../peer.js";
import { freeTcpPort } from "../ports.js";
import { QueueProbe } from "../queues.js";
import { startAndWait } from "../ready.js";
import { describePlan, fixedPlan, makePlan, type Plan } from "../traffic.js";
import { sendPlan, waitRead } from "../transport.js";
import type { Check, CheckContext, ExerciseChecker, Outcome } from "../types.js";
import { connectOrExplain, eachSeed, endWords, fail, isFail, requireRunning, type Fail, prepareTcpServer } from "../common/stream.js";

/**
 * chat-bye: the classic chat server with line framing. One client (the checker) stays
 * connected through the checks up to bye, as a chat partner would; its lines travel in
 * the pieces the run's seeds decide. Then the program is started again, on a new port,
 * for a client that leaves without bye.
 */

const HOST = "127.0.0.1";
const WAIT = 2000;
const PASS: Outcome = { passed: true };
/** By design: how long the checker waits, once the server has read a line's first piece, for an answer that must not come. */
export const SPLIT_PAUSE_MS = 50;

function tcp(given: Target | undefined): Extract<StreamTarget, { kind: "tcp" }> {
  if (!given || given.kind !== "tcp") throw new Error("chat-bye needs a TCP target");
  return given;
}

/** "sent b'hello\nworld\n' in 3 pieces: …": completes "The client …". */
function sentLines(bytes: Buffer, plan: Plan, paced: boolean): string {
  return plan.pieces.length > 1 ? t("chatBye.sent.pieces", { bytes: showBytes(bytes), pieces: describePlan(plan, paced) }) : t("chatBye.sent.onePiece", { bytes: showBytes(bytes) });
}

/** The lines of a reply, each with its newline. */
function lines(b: Buffer): string[] {
  return b.toString("latin1").split(/(?<=\n)/).filter(Boolean);
}

/**
 * Why the answer to lines that arrived in pieces is wrong, when the pieces explain it:
 * a piece answered as if it were a line, or the start of a line lost.
 */
function piecesHelp(expected: Buffer, got: Buffer, plan: Plan): string | undefined {
  if (plan.pieces.length < 2) return undefined;
  const want = lines(expected);
  const have = lines(got);
  // The line an answer stands for ("echo: hel\n" → "hel"), and the lines that were sent.
  const content = (l: string): string | undefined => (l.startsWith("echo: ") && l.endsWith("\n") ? l.slice("echo: ".length, -1) : undefined);
  const sent = want.map(content).filter((w): w is string => w !== undefined);
  for (const l of have) {
    const c = content(l);
    if (c === undefined || sent.includes(c)) continue;
    const shown = showBytes(Buffer.from(l, "latin1"));
    // The end of a line, its start gone (or nothing of it, when only the newline was left).
    if (sent.some((w) => w.endsWith(c) && (c === "" || !w.startsWith(c)))) return t("chatBye.help.lostStart", { line: shown });
    if (sent.some((w) => w.startsWith(c))) return t("chatBye.help.pieceAnswered", { line: shown });
  }
  return undefined;
}

export const checker: ExerciseChecker = {
  id: "chat-bye",
  prepare: () => prepareTcpServer(HOST),
  checks(ctx, given) {
    const target = tcp(given);
    const wait = ctx.ms(WAIT);
    let conn: StreamConn | undefined;
    /** A failed exchange may have left bytes unread: the next check reads them away first. */
    let dirty = false;
    /** The seed for exchanges that can happen only once in a conversation (bye, the client that leaves). */
    const lastSeed = ctx.seeds[ctx.seeds.length - 1]!;

    const connection = async (): Promise<StreamConn | Fail> => {
      if (conn) {
        // Whatever an earlier (failed) check left unread must not confuse this one.
        await conn.readFor(dirty ? 50 : 0);
        dirty = false;
        return conn;
      }
      requireRunning(ctx);
      const c = await connectOrExplain(ctx, target, t("chatBye.label"), t("stream.when.connected"));
      if (!isFail(c)) conn = c;
      return c;
    };

    /** `sent` completes "The client …": what it sent, and how. */
    const expectReply = async (c: StreamConn, sent: string, expected: Buffer, framingHelp: (got: Buffer) => string | undefined): Promise<Fail | undefined> => {
      const r = await c.read(expected.length, { idleMs: wait });
      if (r.data.equals(expected)) return undefined;
      dirty = true;
      const p = ctx.program();
      if (p && !p.exit() && r.end !== "timeout") await p.waitExit(100);
      const died = p?.exit() ? `\n${exitStory(p, ctx.env, t("check.when.duringCheck"))}` : "";
      // A wrong answer of the right length may go on: read the rest of it, to show it whole.
      const more = r.end === "timeout" ? await c.readFor(0) : r.end === "complete" ? await c.readFor(ctx.ms(20)) : undefined;
      const got = more ? Buffer.concat([r.data, more.data]) : r.data;
      const out = [t("chatBye.clientSent", { sent })];
      const waited = { time: seconds(wait), expected: showBytes(expected) };
      if (got.length === 0) out.push(r.end === "timeout" ? t("chatBye.gotNothing", waited) : t("chatBye.gotNothingThen", { ...waited, end: endWords(r, wait) }));
      else {
        const words = { expected: showBytes(expected), got: showBytes(got) };
        out.push(r.end === "complete" ? t("chatBye.gotOtherComplete", words) : t("chatBye.gotOther", { ...words, end: endWords(r, wait) }), describeDifference(expected, got));
      }
      const help = framingHelp(got);
      if (help) out.push(help);
      return fail(out.join("\n") + died, see("chat", t("check.topic.recvPartOrSeveral")));
    };

    /** Sends `messages` in the seed's pieces and expects `expected` back. */
    const exchange = async (seed: number, messages: Buffer[], expected: Buffer, help: (got: Buffer, plan: Plan) => string | undefined, cuts?: number[]): Promise<Fail | undefined> => {
      const c = await connection();
      if (isFail(c)) return c;
      const plan = makePlan(seed, messages, cuts ? { cuts } : {});
      const send = await sendPlan(ctx, c, plan);
      return expectReply(c, sentLines(Buffer.concat(messages), plan, send.paced), expected, (got) => help(got, plan));
    };

    return [
      { name: t("check.name.startsListening", { address: "HOST:PORT" }), deadlineMs: 7000, run: () => startAndWait(ctx, target) },
      {
        name: t("chatBye.check.lines"),
        deadlineMs: 12000,
        hintId: "line-buffer",
        run: async () => {
          const expected = Buffer.from("echo: hello\necho: world\n");
          const f = await eachSeed(ctx, (seed) =>
            exchange(seed, [Buffer.from("hello\n"), Buffer.from("world\n")], expected, (got, plan) =>
              got.toString("latin1").startsWith("echo: hello\nworld") ? t("chatBye.help.wholeRecv") : piecesHelp(expected, got, plan),
            ),
          );
          return f ?? PASS;
        },
      },
      {
        name: t("chatBye.check.split"),
        deadlineMs: 6000,
        hintId: "line-buffer",
        run: async () => {
          const c = await connection();
          if (isFail(c)) return c;
          await sendPlan(ctx, c, fixedPlan(0, [Buffer.from("spl")]));
          // Once the server has read b'spl' an answer would come at once: wait a little past that.
          const probe = QueueProbe.for(c);
          if (probe) await waitRead(ctx, probe, ctx.ms(150));
          const early = await c.readFor(ctx.ms(probe ? SPLIT_PAUSE_MS : 300));
          if (early.data.length > 0) {
            dirty = true;
            return fail(`${t("chatBye.early", { got: showBytes(early.data) })}\n${t("chatBye.help.early")}`, see("chat", t("check.topic.recvPart")));
          }
          await sendPlan(ctx, c, fixedPlan(0, [Buffer.from("it\n")]));
          return (
            (await expectReply(c, t("chatBye.sent.split"), Buffer.from("echo: split\n"), (got) => (/^echo: it/.test(got.toString("latin1")) ? t("chatBye.help.lostPiece") : undefined))) ?? PASS
          );
        },
      },
      {
        name: t("chatBye.check.crlf"),
        deadlineMs: 12000,
        run: async () => {
          const expected = Buffer.from("echo: hi\n");
          // The cut between \r and \n is the one that tells most: offset 3.
          const f = await eachSeed(ctx, (seed) =>
            exchange(seed, [Buffer.from("hi\r\n")], expected, (got, plan) => (got.toString("latin1").startsWith("echo: hi\r") ? t("chatBye.help.crKept") : piecesHelp(expected, got, plan)), [3]),
          );
          return f ?? PASS;
        },
      },
      {
        name: t("chatBye.check.bye"),
        deadlineMs: 6000,
        hintId: "compare-line",
        expectsExit: true,
        run: async () => {
          const c = await connection();
          if (isFail(c)) return c;
          const bye = Buffer.from("bye\n");
          const plan = makePlan(lastSeed, [bye]);
          const send = await sendPlan(ctx, c, plan);
          const r = await c.readToEnd({ idleMs: wait, max: 65536 });
          const withSeed = (f: Fail): Fail => (plan.pieces.length > 1 ? { ...f, seed: lastSeed } : f);
          if (r.data.equals(bye) && r.end === "eof") return PASS;
          if (r.data.equals(bye)) return fail(t("chatBye.byeStaysOpen", { time: seconds(wait) }), see("closing"));
          const out = [t("chatBye.byeWrong", { sent: sentLines(bye, plan, send.paced), got: showBytes(r.data), end: endWords(r, wait) })];
          if (r.data.toString("latin1").startsWith("echo: bye")) out.push(t("chatBye.help.byeEchoed"));
          else if (plan.pieces.length > 1 && r.data.toString("latin1").startsWith("echo: ")) out.push(t("chatBye.help.byePieces"));
          const p = ctx.program();
          if (p?.exit() && p.exit()!.code !== 0) out.push(exitStory(p, ctx.env, t("check.when.duringCheck")));
          return withSeed(fail(out.join("\n"), see("chat")));
        },
      },
      {
        name: t("chatBye.check.exit"),
        deadlineMs: 5000,
        hintId: "ending",
        expectsExit: true,
        run: async () => {
          const p = ctx.program();
          if (!p) return fail(t("stream.notStarted"));
          const e = await p.waitExit(wait);
          if (!e) return fail(t("chatBye.stillRunning", { time: seconds(wait) }), see("chat"));
          if (e.code === 0) return PASS;
          return fail(`${t("chatBye.exitStatus", { exit: describeExit(e) })}\n${stderrExcerpt(p)}`, see("chat"));
        },
      },
      leavesWithoutBye(ctx, wait, lastSeed),
    ];
  },
};

/**
 * The program again, on a new port (the old one may be in TIME_WAIT, and a program without
 * SO_REUSEADDR could not bind it): a client sends a line, reads its echo and closes without
 * bye. The chat is over: the program must exit with status 0 within 2 s.
 */
function leavesWithoutBye(ctx: CheckContext, wait: number, seed: number): Check {
  return {
    name: t("chatBye.check.leaves"),
    deadlineMs: 15000,
    expectsExit: true,
    run: async (): Promise<Outcome> => {
      const port = await freeTcpPort(HOST);
      const target: StreamTarget = { kind: "tcp", host: HOST, port };
      const started = await startAndWait(ctx, target, { PORT: String(port) });
      if (!started.passed) return started;
      const c = await connectOrExplain(ctx, target, t("chatBye.label"), t("stream.when.connected"));
      if (isFail(c)) return c;
      const hello = Buffer.from("hello\n");
      const expected = Buffer.from("echo: hello\n");
      const plan = makePlan(seed, [hello]);
      const send = await sendPlan(ctx, c, plan);
      const r = await c.read(expected.length, { idleMs: wait });
      c.close();
      const p = ctx.program()!;
      const sent = t("chatBye.sent.leaving", { sent: sentLines(hello, plan, send.paced) });
      if (!r.data.equals(expected)) {
        const died = p.exit() ? `\n${exitStory(p, ctx.env, t("check.when.duringCheck"))}` : "";
        const words = { expected: showBytes(expected), got: showBytes(r.data) };
        const got = r.end === "complete" ? t("chatBye.gotOtherComplete", words) : t("chatBye.gotOther", { ...words, end: endWords(r, wait) });
        return { ...fail(`${sent}\n${got}${died}`, see("chat")), seed };
      }
      const e = await p.waitExit(wait);
      if (!e) return fail(`${sent}\n${t("chatBye.leftStillRunning", { time: seconds(wait) })}`, see("closing", t("check.topic.eofRecv")));
      if (e.code === 0) return PASS;
      return fail(`${sent}\n${t("chatBye.leftExitStatus", { exit: describeExit(e) })}\n${stderrExcerpt(p)}`, see("closing", t("check.topic.eofRecv")));
    },
  };
}
