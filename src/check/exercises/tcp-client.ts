import { randomInt } from "node:crypto";
import { t } from "../../text/catalog.js";
import { describeDifference, showBytes, size } from "../bytes.js";
import { describeExit, exitStory, seconds, stderrExcerpt, crashHints } from "../diagnose.js";
import { see } from "../lessons.js";
import type { PeerServer, StreamConn } from "../peer.js";
import { describeSocket, formatInet } from "../procnet.js";
import type { ProgramView } from "../program.js";
import type { ExerciseChecker, Outcome } from "../types.js";
import { fail } from "./stream.js";

/**
 * tcp-client: roles reversed. The checker is the server: it listens on HOST:PORT,
 * reads exactly MESSAGE, answers in pieces with pauses between them, and closes.
 * The learner's client must print the whole answer and exit 0.
 */

const HOST = "127.0.0.1";
const CONNECT_WAIT = 5000;
const WAIT = 2000;
/** By design: the answer comes in pieces this far apart, so one recv() cannot get it all. */
export const PAUSE_MS = 150;

/** The server's answer: data on the wire that the learner's client prints and the check compares, not text to translate. */
function answerFor(message: Buffer): Buffer[] {
  const text = `Hello, client! You sent ${message.length} bytes.\nThis answer comes in three pieces, with pauses between them.\nYour client must read until the server closes the connection.\n`;
  // Cut mid-line: TCP has no idea where lines or "messages" end.
  const a = Math.floor(text.length / 3);
  const b = Math.floor((2 * text.length) / 3);
  return [text.slice(0, a), text.slice(a, b), text.slice(b)].map((s) => Buffer.from(s));
}

export const checker: ExerciseChecker = {
  id: "tcp-client",
  async prepare() {
    // The server must exist before the program starts: it is created in the first check.
    // MESSAGE is data the client sends (compared byte for byte).
    return { env: { HOST, MESSAGE: `hello from socket-tutor, check ${randomInt(1000, 10000)}` } };
  },
  checks(ctx) {
    let server: PeerServer | undefined;
    let conn: StreamConn | undefined;
    let program: ProgramView | undefined;
    const message = Buffer.from(ctx.env.MESSAGE!);
    const pieces = answerFor(message);
    const answer = Buffer.concat(pieces);
    let sendOk = false;
    const wait = ctx.ms(WAIT);
    const connectWait = ctx.ms(CONNECT_WAIT);

    /** `when` completes "Your program exited with code 1 …". */
    const gone = (when: string): string => (program?.exit() ? `\n${exitStory(program, ctx.env, when)}` : "");

    return [
      {
        name: t("tcpClient.check.connects"),
        deadlineMs: CONNECT_WAIT + 2000,
        hintId: "client-calls",
        run: async (): Promise<Outcome> => {
          server = await ctx.peer.listen(HOST, t("tcpClient.label"));
          ctx.env.PORT = String(server.port);
          program = ctx.launch({ PORT: String(server.port) });
          const start = Date.now();
          // Short accepts, not a race with the exit: a losing accept() could swallow a connection.
          while (!conn && Date.now() - start < connectWait) {
            conn = await server.accept(50);
            if (!conn && program.exit()) {
              conn = await server.accept(20);
              break;
            }
          }
          if (conn) return { passed: true, detail: t("tcpClient.connectedAfter", { time: seconds(Date.now() - start) }) };
          const e = program.exit();
          const where = formatInet(HOST, server.port);
          if (e) {
            const lines = [t("tcpClient.exitedBefore", { exit: describeExit(e), time: seconds(e.atMs), where }), stderrExcerpt(program), ...crashHints(program.stderrTail(), ctx.env)];
            return fail(lines.join("\n"), see("client-calls", t("check.topic.clientCalls")), true);
          }
          const socks = program.sockets().filter((s) => s.table !== "unix");
          const lines = [t("tcpClient.noConnection", { where, time: seconds(connectWait) })];
          if (socks.length) lines.push(t("check.sockets", { sockets: socks.map(describeSocket).join("; ") }), t("tcpClient.useEnv"));
          else if (ctx.readiness === "kernel") lines.push(t("tcpClient.noSocket"));
          return fail(lines.join("\n"), see("client-calls"), true);
        },
      },
      {
        name: t("tcpClient.check.sends"),
        deadlineMs: WAIT + 2000,
        hintId: "client-calls",
        expectsExit: true,
        run: async (): Promise<Outcome> => {
          const r = await conn!.read(message.length, { idleMs: wait });
          if (r.data.equals(message)) {
            sendOk = true;
            return { passed: true };
          }
          const lines = [t("tcpClient.message", { bytes: showBytes(message, 80), size: size(message.length) })];
          if (r.data.length === 0) {
            lines.push(r.end === "timeout" ? t("tcpClient.sentNothing", { time: seconds(wait) }) : t("tcpClient.closedWithoutSending", { end: r.end }));
          } else if (message.subarray(0, r.data.length).equals(r.data)) {
            const args = { got: r.data.length, size: size(message.length) };
            lines.push(r.end === "timeout" ? t("tcpClient.partialThenNothing", { ...args, time: seconds(wait) }) : t("tcpClient.partialThenClosed", args));
          } else lines.push(`${t("tcpClient.differentBytes")}\n${describeDifference(message, r.data)}`);
          // Let the client finish: the server closes without an answer.
          conn!.close();
          await program!.waitExit(ctx.ms(1000));
          return fail(lines.join("\n") + gone(t("tcpClient.when.serverClosed")), see("client-calls", t("check.topic.sendall")), true);
        },
      },
      {
        name: t("tcpClient.check.reads", { pieces: pieces.length, ms: PAUSE_MS }),
        deadlineMs: PAUSE_MS * pieces.length + WAIT + 5000,
        hintId: "read-to-end",
        expectsExit: true,
        run: async (): Promise<Outcome> => {
          const c = conn!;
          let closedEarly: string | undefined;
          for (const [i, piece] of pieces.entries()) {
            if (i > 0) await ctx.sleep(PAUSE_MS);
            const w = await c.write(piece);
            if (!w.ok && !closedEarly) closedEarly = t("tcpClient.closedEarly", { piece: i + 1, code: String(w.code) });
          }
          // Anything the client sent beyond MESSAGE is drained here, so the close is a clean FIN.
          const extra = await c.readFor(20);
          c.end();
          const e = await program!.waitExit(wait);
          const rest = await c.readFor(0);
          const extraBytes = Buffer.concat([extra.data, rest.data]);
          if (sendOk && extraBytes.length > 0) {
            ctx.note(t("tcpClient.sentMore", { bytes: showBytes(extraBytes), n: extraBytes.length }));
          }
          const out = program!.stdout();
          if (!e) {
            return fail(`${t("tcpClient.stillRunning", { time: seconds(wait), printed: size(out.length) })}\n${t("tcpClient.help.eof")}`, see("closing", "EOF"), true);
          }
          const trimmed = out.length === answer.length + 1 && out[out.length - 1] === 0x0a ? out.subarray(0, answer.length) : out;
          if (trimmed.equals(answer)) return { passed: true };
          let hintId: string | undefined;
          const lines = [t("tcpClient.answerSent", { size: size(answer.length), pieces: pieces.length, ms: PAUSE_MS, printed: size(out.length) })];
          const first = pieces[0]!;
          if (out.length === 0) lines.push(t("tcpClient.printedNothing"));
          else if (out.subarray(0, Math.min(out.length, first.length)).equals(first.subarray(0, Math.min(out.length, first.length))) && out.length <= first.length + 1) {
            lines.push(t("tcpClient.firstPiece", { size: size(first.length) }), t("tcpClient.help.loop"));
          } else if (Buffer.from(out.toString("latin1").replace(/\n/g, ""), "latin1").equals(Buffer.from(answer.toString("latin1").replace(/\n/g, ""), "latin1"))) {
            lines.push(t("tcpClient.extraNewlines"));
            hintId = "print-bytes";
          } else lines.push(describeDifference(answer, out));
          if (closedEarly) lines.push(closedEarly);
          if (program!.stdoutTruncated()) lines.push(t("tcpClient.truncated"));
          return { ...fail(lines.join("\n"), see("client-calls", t("check.topic.recvLoop"))), ...(hintId ? { hintId } : {}) };
        },
      },
      {
        name: t("tcpClient.check.exits"),
        deadlineMs: 3000,
        hintId: "read-to-end",
        expectsExit: true,
        run: async (): Promise<Outcome> => {
          const e = program!.exit() ?? (await program!.waitExit(ctx.ms(1000)));
          if (!e) return fail(t("tcpClient.stillRunningAtEnd"), see("client-calls"));
          if (e.code === 0) return { passed: true };
          return fail(`${t("tcpClient.exited", { exit: describeExit(e) })}\n${stderrExcerpt(program!)}`, see("client-calls"));
        },
      },
    ];
  },
};
