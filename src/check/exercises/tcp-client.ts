import { randomInt } from "node:crypto";
import { describeDifference, plural, showBytes, size } from "../bytes.js";
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

    const gone = (what: string): string => (program?.exit() ? `\n${exitStory(program, ctx.env, what)}` : "");

    return [
      {
        name: "connects to HOST:PORT",
        deadlineMs: CONNECT_WAIT + 2000,
        run: async (): Promise<Outcome> => {
          server = await ctx.peer.listen(HOST, "checker's server");
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
          if (conn) return { passed: true, detail: `connected after ${seconds(Date.now() - start)}` };
          const e = program.exit();
          const where = formatInet(HOST, server.port);
          if (e) {
            const lines = [`Your program ${describeExit(e)} after ${seconds(e.atMs)} without connecting to ${where}.`, stderrExcerpt(program), ...crashHints(program.stderrTail(), ctx.env)];
            return fail(lines.join("\n"), see("client-calls", "socket, connect"), true);
          }
          const socks = program.sockets().filter((s) => s.table !== "unix");
          const lines = [`No connection to ${where} within ${seconds(connectWait)}; your program is still running.`];
          if (socks.length) lines.push(`Its sockets: ${socks.map(describeSocket).join("; ")}.`, "Connect to HOST and PORT from the environment: int(os.environ[\"PORT\"]) in Python, Number(process.env.PORT) in JavaScript.");
          else if (ctx.readiness === "kernel") lines.push("It has no socket open: is it stuck before connect()?");
          return fail(lines.join("\n"), see("client-calls"), true);
        },
      },
      {
        name: "sends MESSAGE",
        deadlineMs: WAIT + 2000,
        expectsExit: true,
        run: async (): Promise<Outcome> => {
          const r = await conn!.read(message.length, { idleMs: wait });
          if (r.data.equals(message)) {
            sendOk = true;
            return { passed: true };
          }
          const lines = [`MESSAGE is ${showBytes(message, 80)} (${size(message.length)}).`];
          if (r.data.length === 0) {
            lines.push(
              r.end === "timeout"
                ? `Your client connected, but the server waited ${seconds(wait)} for MESSAGE and got nothing. Send MESSAGE right after connecting: this server answers only once it has all of it.`
                : `Your client connected and then closed the connection (${r.end}) without sending anything.`,
            );
          } else if (message.subarray(0, r.data.length).equals(r.data)) {
            lines.push(`The server got only the first ${r.data.length} of its ${size(message.length)} (${r.end === "timeout" ? `then nothing for ${seconds(wait)}` : "then the connection closed"}). send() may send only part of a buffer: use sendall() (Python); socket.write() in Node.js sends it all.`);
          } else lines.push(`The server got different bytes:\n${describeDifference(message, r.data)}`);
          // Let the client finish: the server closes without an answer.
          conn!.close();
          await program!.waitExit(ctx.ms(1000));
          return fail(lines.join("\n") + gone("after the server closed the connection"), see("client-calls", "send and sendall"), true);
        },
      },
      {
        name: `reads the whole answer (${pieces.length} pieces, ${PAUSE_MS} ms apart) and prints it`,
        deadlineMs: PAUSE_MS * pieces.length + WAIT + 5000,
        expectsExit: true,
        run: async (): Promise<Outcome> => {
          const c = conn!;
          let closedEarly: string | undefined;
          for (const [i, piece] of pieces.entries()) {
            if (i > 0) await ctx.sleep(PAUSE_MS);
            const w = await c.write(piece);
            if (!w.ok && !closedEarly) closedEarly = `your client had closed the connection before piece ${i + 1} (${w.code})`;
          }
          // Anything the client sent beyond MESSAGE is drained here, so the close is a clean FIN.
          const extra = await c.readFor(20);
          c.end();
          const e = await program!.waitExit(wait);
          const rest = await c.readFor(0);
          const extraBytes = Buffer.concat([extra.data, rest.data]);
          if (sendOk && extraBytes.length > 0) {
            ctx.note(`After MESSAGE your client also sent ${showBytes(extraBytes)} (${plural(extraBytes.length, "byte")}). This server ignores it, but a server that reads exactly one message would take it as the start of the next one.`);
          }
          const out = program!.stdout();
          if (!e) {
            return fail(
              `The server sent its whole answer and closed the connection; ${seconds(wait)} later your program was still running (it printed ${size(out.length)}).\n` +
                "recv() returns b'' (an empty result) when the server has closed: that is the end of the answer. Leave the loop there, close the socket and exit.",
              see("closing", "EOF"),
              true,
            );
          }
          const trimmed = out.length === answer.length + 1 && out[out.length - 1] === 0x0a ? out.subarray(0, answer.length) : out;
          if (trimmed.equals(answer)) return { passed: true };
          const lines = [`The server sent ${size(answer.length)} in ${pieces.length} pieces, ${PAUSE_MS} ms apart, then closed the connection. Your program printed ${size(out.length)}.`];
          const first = pieces[0]!;
          if (out.length === 0) lines.push("It printed nothing on stdout. Print everything received (Python: sys.stdout.write(data.decode()) or print(..., end=\"\"); Node.js: process.stdout.write(data)).");
          else if (out.subarray(0, Math.min(out.length, first.length)).equals(first.subarray(0, Math.min(out.length, first.length))) && out.length <= first.length + 1) {
            lines.push(
              `It printed only the first piece (${size(first.length)}): your client called recv() once. One recv() returns what has arrived so far; the rest came later.`,
              "Loop: recv, print, until recv returns b'' (the server closed).",
            );
          } else if (Buffer.from(out.toString("latin1").replace(/\n/g, ""), "latin1").equals(Buffer.from(answer.toString("latin1").replace(/\n/g, ""), "latin1"))) {
            lines.push("The text is right, but with extra line breaks where the pieces arrived: print() adds a newline after each piece. Write the bytes as they come (print(text, end=\"\") or sys.stdout.write in Python; process.stdout.write in Node.js).");
          } else lines.push(describeDifference(answer, out));
          if (closedEarly) lines.push(`(${closedEarly}.)`);
          if (program!.stdoutTruncated()) lines.push("(Your program printed more than 1 MiB; only the first MiB was compared.)");
          return fail(lines.join("\n"), see("client-calls", "recv in a loop"));
        },
      },
      {
        name: "exits with status 0",
        deadlineMs: 3000,
        expectsExit: true,
        run: async (): Promise<Outcome> => {
          const e = program!.exit() ?? (await program!.waitExit(ctx.ms(1000)));
          if (!e) return fail("Your program is still running.", see("client-calls"));
          if (e.code === 0) return { passed: true };
          return fail(`Your program ${describeExit(e)}.\n${stderrExcerpt(program!)}`, see("client-calls"));
        },
      },
    ];
  },
};
