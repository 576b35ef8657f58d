import { t } from "../../text/catalog.js";
import { describeDifference, showBytes } from "../bytes.js";
import { describeExit, exitStory, seconds, stderrExcerpt } from "../diagnose.js";
import { see } from "../lessons.js";
import type { StreamConn, StreamTarget, Target } from "../peer.js";
import { freeTcpPort } from "../ports.js";
import { startAndWait } from "../ready.js";
import type { ExerciseChecker, Outcome } from "../types.js";
import { connectOrExplain, endWords, fail, isFail, requireRunning, type Fail } from "./stream.js";

/**
 * chat-bye: the classic chat server with line framing. One client (the checker)
 * stays connected through all checks, as a chat partner would.
 */

const HOST = "127.0.0.1";
const WAIT = 2000;
const PASS: Outcome = { passed: true };
/** By design: the pause inside a split line, during which no answer may come. */
export const SPLIT_PAUSE_MS = 300;

function tcp(given: Target | undefined): Extract<StreamTarget, { kind: "tcp" }> {
  if (!given || given.kind !== "tcp") throw new Error("chat-bye needs a TCP target");
  return given;
}

export const checker: ExerciseChecker = {
  id: "chat-bye",
  async prepare() {
    const port = await freeTcpPort(HOST);
    return { env: { HOST, PORT: String(port) }, target: { kind: "tcp", host: HOST, port } };
  },
  checks(ctx, given) {
    const target = tcp(given);
    const wait = ctx.ms(WAIT);
    let conn: StreamConn | undefined;

    const connection = async (): Promise<StreamConn | Fail> => {
      if (conn) {
        // Whatever an earlier (failed) check left unread must not confuse this one.
        await conn.readFor(50);
        return conn;
      }
      requireRunning(ctx);
      const c = await connectOrExplain(ctx, target, t("chatBye.label"), t("stream.when.connected"));
      if (!isFail(c)) conn = c;
      return c;
    };

    /** `sent` completes "The client …": what it sent, and how. */
    const expectReply = async (c: StreamConn, sent: string, expected: Buffer, framingHelp: (got: Buffer) => string | undefined): Promise<Outcome> => {
      const r = await c.read(expected.length, { idleMs: wait });
      if (r.data.equals(expected)) return PASS;
      const p = ctx.program();
      if (p && !p.exit() && r.end !== "timeout") await p.waitExit(100);
      const died = p?.exit() ? `\n${exitStory(p, ctx.env, t("check.when.duringCheck"))}` : "";
      const more = r.end === "timeout" ? await c.readFor(0) : undefined;
      const got = more ? Buffer.concat([r.data, more.data]) : r.data;
      const lines = [t("chatBye.clientSent", { sent })];
      const waited = { time: seconds(wait), expected: showBytes(expected) };
      if (got.length === 0) lines.push(r.end === "timeout" ? t("chatBye.gotNothing", waited) : t("chatBye.gotNothingThen", { ...waited, end: endWords(r, wait) }));
      else lines.push(t("chatBye.gotOther", { expected: showBytes(expected), got: showBytes(got), end: endWords(r, wait) }), describeDifference(expected, got));
      const help = framingHelp(got);
      if (help) lines.push(help);
      return fail(lines.join("\n") + died, see("chat", t("check.topic.recvPartOrSeveral")));
    };

    return [
      { name: t("check.name.startsListening", { address: "HOST:PORT" }), deadlineMs: 7000, run: () => startAndWait(ctx, target) },
      {
        name: t("chatBye.check.twoLines"),
        deadlineMs: 6000,
        hintId: "line-buffer",
        run: async () => {
          const c = await connection();
          if (isFail(c)) return c;
          await c.write(Buffer.from("hello\nworld\n"));
          return expectReply(c, t("chatBye.sent.twoLines"), Buffer.from("echo: hello\necho: world\n"), (got) =>
            got.toString("latin1").startsWith("echo: hello\nworld") ? t("chatBye.help.wholeRecv") : undefined,
          );
        },
      },
      {
        name: t("chatBye.check.split"),
        deadlineMs: 6000,
        hintId: "line-buffer",
        run: async () => {
          const c = await connection();
          if (isFail(c)) return c;
          await c.write(Buffer.from("spl"));
          const early = await c.readFor(SPLIT_PAUSE_MS);
          if (early.data.length > 0) {
            return fail(`${t("chatBye.early", { ms: SPLIT_PAUSE_MS, got: showBytes(early.data) })}\n${t("chatBye.help.early")}`, see("chat", t("check.topic.recvPart")));
          }
          await c.write(Buffer.from("it\n"));
          return expectReply(c, t("chatBye.sent.split", { ms: SPLIT_PAUSE_MS }), Buffer.from("echo: split\n"), (got) =>
            /^echo: it/.test(got.toString("latin1")) ? t("chatBye.help.lostPiece") : undefined,
          );
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
          await c.write(Buffer.from("bye\n"));
          const r = await c.readToEnd({ idleMs: wait, max: 65536 });
          const expected = Buffer.from("bye\n");
          if (r.data.equals(expected) && r.end === "eof") return PASS;
          if (r.data.equals(expected)) return fail(t("chatBye.byeStaysOpen", { time: seconds(wait) }), see("closing"));
          const lines = [t("chatBye.byeWrong", { got: showBytes(r.data), end: endWords(r, wait) })];
          if (r.data.toString("latin1").startsWith("echo: bye")) lines.push(t("chatBye.help.byeEchoed"));
          const p = ctx.program();
          if (p?.exit() && p.exit()!.code !== 0) lines.push(exitStory(p, ctx.env, t("check.when.duringCheck")));
          return fail(lines.join("\n"), see("chat"));
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
    ];
  },
};
