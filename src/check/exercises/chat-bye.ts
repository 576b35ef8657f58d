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

function tcp(t: Target | undefined): Extract<StreamTarget, { kind: "tcp" }> {
  if (!t || t.kind !== "tcp") throw new Error("chat-bye needs a TCP target");
  return t;
}

export const checker: ExerciseChecker = {
  id: "chat-bye",
  async prepare() {
    const port = await freeTcpPort(HOST);
    return { env: { HOST, PORT: String(port) }, target: { kind: "tcp", host: HOST, port } };
  },
  checks(ctx, t) {
    const target = tcp(t);
    const wait = ctx.ms(WAIT);
    let conn: StreamConn | undefined;

    const connection = async (): Promise<StreamConn | Fail> => {
      if (conn) {
        // Whatever an earlier (failed) check left unread must not confuse this one.
        await conn.readFor(50);
        return conn;
      }
      requireRunning(ctx);
      const c = await connectOrExplain(ctx, target, "the client", "when the checker connected");
      if (!isFail(c)) conn = c;
      return c;
    };

    const expectReply = async (c: StreamConn, sent: string, expected: Buffer, framingHelp: (got: Buffer) => string | undefined): Promise<Outcome> => {
      const r = await c.read(expected.length, { idleMs: wait });
      if (r.data.equals(expected)) return PASS;
      const p = ctx.program();
      if (p && !p.exit() && r.end !== "timeout") await p.waitExit(100);
      const died = p?.exit() ? `\n${exitStory(p, ctx.env, "during this check")}` : "";
      const more = r.end === "timeout" ? await c.readFor(0) : undefined;
      const got = more ? Buffer.concat([r.data, more.data]) : r.data;
      const lines = [`The client ${sent}.`];
      if (got.length === 0) lines.push(`It waited ${seconds(wait)} for ${showBytes(expected)} and got nothing${r.end === "timeout" ? "" : ` (${endWords(r, wait)})`}.`);
      else lines.push(`Expected ${showBytes(expected)}, got ${showBytes(got)} (${endWords(r, wait)}).`, describeDifference(expected, got));
      const help = framingHelp(got);
      if (help) lines.push(help);
      return fail(lines.join("\n") + died, see("chat", "recv returns part of a message, or several at once"));
    };

    return [
      { name: "starts and listens on HOST:PORT", deadlineMs: 7000, run: () => startAndWait(ctx, target) },
      {
        name: "answers two lines that arrive in one segment",
        deadlineMs: 6000,
        run: async () => {
          const c = await connection();
          if (isFail(c)) return c;
          await c.write(Buffer.from("hello\nworld\n"));
          return expectReply(c, "sent b'hello\\nworld\\n' in one send (two lines, one segment)", Buffer.from("echo: hello\necho: world\n"), (got) =>
            got.toString("latin1").startsWith("echo: hello\nworld")
              ? "Your server answered the whole recv() as if it were one line. One recv() can return several lines at once: split what arrives at each \\n, answer every complete line, and keep the rest for the next recv()."
              : undefined,
          );
        },
      },
      {
        name: "answers a line that arrives in two pieces",
        deadlineMs: 6000,
        run: async () => {
          const c = await connection();
          if (isFail(c)) return c;
          await c.write(Buffer.from("spl"));
          const early = await c.readFor(SPLIT_PAUSE_MS);
          if (early.data.length > 0) {
            return fail(
              `The client sent b'spl' (no newline yet) and paused ${SPLIT_PAUSE_MS} ms; your server already answered ${showBytes(early.data)}.\n` +
                "A line is complete only when its \\n arrives. Keep the bytes received so far in a buffer, and answer when the newline comes (the rest of this line, b'it\\n', was about to be sent).",
              see("chat", "recv returns part of a message"),
            );
          }
          await c.write(Buffer.from("it\n"));
          return expectReply(c, `sent b'spl', paused ${SPLIT_PAUSE_MS} ms, then sent b'it\\n'`, Buffer.from("echo: split\n"), (got) =>
            /^echo: it/.test(got.toString("latin1")) ? "Your server answered only the second piece: the first one (b'spl') was lost. Keep partial lines in a buffer between recv() calls." : undefined,
          );
        },
      },
      {
        name: "answers bye with bye, then closes the connection",
        deadlineMs: 6000,
        expectsExit: true,
        run: async () => {
          const c = await connection();
          if (isFail(c)) return c;
          await c.write(Buffer.from("bye\n"));
          const r = await c.readToEnd({ idleMs: wait, max: 65536 });
          const expected = Buffer.from("bye\n");
          if (r.data.equals(expected) && r.end === "eof") return PASS;
          if (r.data.equals(expected))
            return fail(`The client sent b'bye\\n' and got b'bye\\n', but the connection stayed open for ${seconds(wait)}: after answering bye, close the connection.`, see("closing"));
          const lines = [`The client sent b'bye\\n'; expected b'bye\\n' and then the connection closing; got ${showBytes(r.data)}, ${endWords(r, wait)}.`];
          if (r.data.toString("latin1").startsWith("echo: bye")) lines.push("Your server answered bye like any other line: compare the line (without its \\n) with b'bye' first.");
          const p = ctx.program();
          if (p?.exit() && p.exit()!.code !== 0) lines.push(exitStory(p, ctx.env, "during this check"));
          return fail(lines.join("\n"), see("chat"));
        },
      },
      {
        name: "exits with status 0 after bye",
        deadlineMs: 5000,
        expectsExit: true,
        run: async () => {
          const p = ctx.program();
          if (!p) return fail("your program was not started");
          const e = await p.waitExit(wait);
          if (!e)
            return fail(
              `Your program was still running ${seconds(wait)} after the client said bye. The chat ends on bye: close the connection and the listening socket, and exit with status 0 (Python: return from main or sys.exit(0); Node.js: server.close(), or process.exit(0)).`,
              see("chat"),
            );
          if (e.code === 0) return PASS;
          return fail(`Your program ${describeExit(e)}, not with status 0.\n${stderrExcerpt(p)}`, see("chat"));
        },
      },
    ];
  },
};
