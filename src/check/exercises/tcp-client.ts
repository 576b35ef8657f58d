import { randomInt } from "node:crypto";
import { t } from "../../text/catalog.js";
import { describeDifference, showBytes, size } from "../bytes.js";
import { describeExit, exitStory, seconds, stderrExcerpt, crashHints } from "../diagnose.js";
import { see } from "../lessons.js";
import type { PeerServer, StreamConn } from "../peer.js";
import { describeSocket, formatInet } from "../procnet.js";
import type { ProgramView } from "../program.js";
import { describePlan, makePlan, piecesLength, type Plan } from "../traffic.js";
import { sendPlan } from "../transport.js";
import type { CheckContext, ExerciseChecker, Outcome } from "../types.js";
import { fail, type Fail } from "../common/stream.js";
import { clausesOf } from "../../text/list.js";

/**
 * tcp-client: roles reversed. The checker is the server: it listens on HOST:PORT,
 * reads exactly MESSAGE, answers in pieces and closes. The pieces come from the run's
 * seeds (one conversation per seed, the program started again for each): one piece,
 * single bytes, cuts inside multi-byte UTF-8 characters, random cuts with pauses. Each
 * piece is sent once the client has read the one before. The learner's client must
 * print the whole answer, byte for byte, and exit 0 every time.
 */

const HOST = "127.0.0.1";
const CONNECT_WAIT = 5000;
const WAIT = 2000;

/**
 * The server's answer: data on the wire that the learner's client prints and the check
 * compares, not text to translate. Its characters of 2, 3 and 4 bytes in UTF-8 are where
 * the seeds cut: a client that decodes each piece by itself breaks on them.
 */
export function answerFor(message: Buffer): Buffer {
  return Buffer.from(
    `Hello, client! You sent ${message.length} bytes.\n` +
      "This answer comes in pieces: TCP keeps the bytes and their order, not the sizes of the sends.\n" +
      "Some characters take more than one byte in UTF-8: é takes 2, → takes 3, 🙂 takes 4.\n" +
      "Your client must read until the server closes the connection.\n",
  );
}

/** One conversation: the program, the connection the checker's server accepted, and how it went. */
interface Run {
  program: ProgramView;
  conn?: StreamConn;
  seed: number;
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
    const runs: Run[] = [];
    const message = Buffer.from(ctx.env.MESSAGE!);
    const answer = answerFor(message);
    const wait = ctx.ms(WAIT);
    const connectWait = ctx.ms(CONNECT_WAIT);
    const first = (): Run => runs[0]!;

    /** `when` completes "Your program exited with code 1 …". */
    const gone = (program: ProgramView, when: string): string => (program.exit() ? `\n${exitStory(program, ctx.env, when)}` : "");

    /** Starts the program and waits for its connection; a failure says why it did not come. */
    const startRun = async (seed: number): Promise<Run | Fail> => {
      const program = ctx.launch({ PORT: String(server!.port) });
      const run: Run = { program, seed };
      runs.push(run);
      const start = Date.now();
      // Short accepts, not a race with the exit: a losing accept() could swallow a connection.
      while (!run.conn && Date.now() - start < connectWait) {
        run.conn = await server!.accept(50);
        if (!run.conn && program.exit()) {
          run.conn = await server!.accept(20);
          break;
        }
      }
      if (run.conn) return run;
      const e = program.exit();
      const where = formatInet(HOST, server!.port);
      if (e) {
        const lines = [t("tcpClient.exitedBefore", { exit: describeExit(e), time: seconds(e.atMs), where }), stderrExcerpt(program), ...crashHints(program.stderrTail(), ctx.env)];
        return fail(lines.join("\n"), see("client-calls", t("check.topic.clientCalls")), true);
      }
      const socks = program.sockets().filter((s) => s.table !== "unix");
      const lines = [t("tcpClient.noConnection", { where, time: seconds(connectWait) })];
      if (socks.length) lines.push(t("check.sockets", { sockets: clausesOf(socks.map(describeSocket)) }), t("tcpClient.useEnv"));
      else if (ctx.readiness === "kernel") lines.push(t("tcpClient.noSocket"));
      return fail(lines.join("\n"), see("client-calls"), true);
    };

    /** The server reads exactly MESSAGE. */
    const readMessage = async (run: Run): Promise<Fail | undefined> => {
      const conn = run.conn!;
      const r = await conn.read(message.length, { idleMs: wait });
      if (r.data.equals(message)) return undefined;
      const lines = [t("tcpClient.message", { bytes: showBytes(message, 80), size: size(message.length) })];
      if (r.data.length === 0) {
        lines.push(r.end === "timeout" ? t("tcpClient.sentNothing", { time: seconds(wait) }) : t("tcpClient.closedWithoutSending", { end: r.end }));
      } else if (message.subarray(0, r.data.length).equals(r.data)) {
        const args = { got: r.data.length, size: size(message.length) };
        lines.push(r.end === "timeout" ? t("tcpClient.partialThenNothing", { ...args, time: seconds(wait) }) : t("tcpClient.partialThenClosed", args));
      } else lines.push(`${t("tcpClient.differentBytes")}\n${describeDifference(message, r.data)}`);
      // Let the client finish: the server closes without an answer.
      conn.close();
      await run.program.waitExit(ctx.ms(1000));
      return fail(lines.join("\n") + gone(run.program, t("tcpClient.when.serverClosed")), see("client-calls", t("check.topic.sendall")), true);
    };

    /** The answer, in the seed's pieces, then the close: the program must print all of it and exit. */
    const answerRun = async (run: Run, notes: boolean): Promise<Fail | undefined> => {
      const c = run.conn!;
      const plan = makePlan(run.seed, [answer]);
      const send = await sendPlan(ctx, c, plan);
      // Anything the client sent beyond MESSAGE is drained here, so the close is a clean FIN.
      const extra = await c.readFor(20);
      c.end();
      const e = await run.program.waitExit(wait);
      const rest = await c.readFor(0);
      const extraBytes = Buffer.concat([extra.data, rest.data]);
      if (notes && extraBytes.length > 0) ctx.note(t("tcpClient.sentMore", { bytes: showBytes(extraBytes), n: extraBytes.length }));
      const out = run.program.stdout();
      if (!e) {
        return fail(`${t("tcpClient.stillRunning", { time: seconds(wait), printed: size(out.length) })}\n${t("tcpClient.help.eof")}`, see("closing", "EOF"), true);
      }
      const trimmed = out.length === answer.length + 1 && out[out.length - 1] === 0x0a ? out.subarray(0, answer.length) : out;
      if (trimmed.equals(answer)) return undefined;
      return explainOutput(ctx, run, plan, send.paced, answer, out, send.closedAfter);
    };

    /** A conversation for a seed after the first: the program again, from the start. */
    const laterRun = async (seed: number): Promise<Fail | undefined> => {
      const run = await startRun(seed);
      if ("passed" in run) return run;
      return (await readMessage(run)) ?? (await answerRun(run, false));
    };

    return [
      {
        name: t("tcpClient.check.connects"),
        deadlineMs: CONNECT_WAIT + 2000,
        hintId: "client-calls",
        run: async (): Promise<Outcome> => {
          server = await ctx.peer.listen(HOST, t("tcpClient.label"));
          ctx.env.PORT = String(server.port);
          const start = Date.now();
          const run = await startRun(ctx.seeds[0]!);
          if ("passed" in run) return run;
          return { passed: true, detail: t("tcpClient.connectedAfter", { time: seconds(Date.now() - start) }) };
        },
      },
      {
        name: t("tcpClient.check.sends"),
        deadlineMs: WAIT + 2000,
        hintId: "client-calls",
        expectsExit: true,
        run: async (): Promise<Outcome> => (await readMessage(first())) ?? { passed: true },
      },
      {
        name: t("tcpClient.check.reads"),
        // One conversation per seed; a client that fails fails the first time it meets its shape.
        deadlineMs: ctx.seeds.length * (WAIT + 1500) + CONNECT_WAIT + 5000,
        hintId: "read-to-end",
        expectsExit: true,
        run: async (): Promise<Outcome> => {
          const f = await answerRun(first(), true);
          if (f) return { ...f, seed: first().seed };
          for (const seed of ctx.seeds.slice(1)) {
            const later = await laterRun(seed);
            if (later) return { ...later, seed };
          }
          return { passed: true };
        },
      },
      {
        name: t("tcpClient.check.exits"),
        deadlineMs: 3000,
        hintId: "read-to-end",
        expectsExit: true,
        run: async (): Promise<Outcome> => {
          for (const run of runs) {
            const e = run.program.exit() ?? (await run.program.waitExit(ctx.ms(1000)));
            if (!e) return fail(t("tcpClient.stillRunningAtEnd"), see("client-calls"));
            if (e.code !== 0) return { ...fail(`${t("tcpClient.exited", { exit: describeExit(e) })}\n${stderrExcerpt(run.program)}`, see("client-calls")), ...(run !== first() ? { seed: run.seed } : {}) };
          }
          return { passed: true };
        },
      },
    ];
  },
};

/** What the program printed, against the answer: which way of reading or printing explains the difference. */
function explainOutput(ctx: CheckContext, run: Run, plan: Plan, paced: boolean, answer: Buffer, out: Buffer, closedAfter: number | undefined): Fail {
  const n = plan.pieces.length;
  const how = n > 1 ? describePlan(plan, paced) : t("stream.plan.one");
  const lines = [t("tcpClient.answerSent", { size: size(answer.length), how, printed: size(out.length) })];
  // The hint for a client that changes the bytes (decodes them, adds newlines), else the check's own.
  let hintId: string | undefined;
  const printedPieces = [...Array(n).keys()].find((k) => k > 0 && k < n && (out.length === piecesLength(plan, k) || out.length === piecesLength(plan, k) + 1) && answer.subarray(0, piecesLength(plan, k)).equals(out.subarray(0, piecesLength(plan, k))));
  const split = plan.splitChars.find((s) => s.piece < (printedPieces ?? n));
  const stderr = run.program.stderrTail();
  if (out.length === 0 && !/UnicodeDecodeError/.test(stderr)) lines.push(t("tcpClient.printedNothing"));
  else if (/UnicodeDecodeError/.test(stderr) && plan.splitChars.length > 0) {
    const s = plan.splitChars[0]!;
    lines.push(t("tcpClient.decodeFailed", { piece: s.piece + 1, n: s.char.length, char: s.char.toString("utf8"), bytes: showBytes(s.char) }), t("tcpClient.help.bytes"));
    hintId = "print-bytes";
  } else if (printedPieces !== undefined) {
    lines.push(t("tcpClient.firstPieces", { k: printedPieces, n }), t("tcpClient.help.loop"));
  } else if (Buffer.from(out.toString("latin1").replace(/\n/g, ""), "latin1").equals(Buffer.from(answer.toString("latin1").replace(/\n/g, ""), "latin1"))) {
    lines.push(t("tcpClient.extraNewlines"));
    hintId = "print-bytes";
  } else {
    lines.push(describeDifference(answer, out));
    if (split && out.includes(Buffer.from([0xef, 0xbf, 0xbd]))) {
      lines.push(t("tcpClient.replaced", { piece: split.piece + 1, n: split.char.length, char: split.char.toString("utf8"), bytes: showBytes(split.char) }), t("tcpClient.help.bytes"));
      hintId = "print-bytes";
    }
  }
  // Not which piece: how many were sent before the close depends on the program's timing, not the seed.
  if (closedAfter !== undefined) lines.push(t("tcpClient.closedEarly"));
  if (run.program.stdoutTruncated()) lines.push(t("tcpClient.truncated"));
  const e = run.program.exit();
  if (e && e.code !== 0) {
    // A UnicodeDecodeError is explained above already: its exit and stderr, without the general hint again.
    const decoded = /UnicodeDecodeError/.test(stderr) && plan.splitChars.length > 0;
    lines.push(decoded ? `${t("check.exit.story", { exit: describeExit(e), when: t("tcpClient.when.answer") })}\n${stderrExcerpt(run.program)}` : exitStory(run.program, ctx.env, t("tcpClient.when.answer")));
  }
  const result = fail(lines.join("\n"), see("client-calls", t("check.topic.recvLoop")));
  return hintId ? { ...result, hintId } : result;
}
