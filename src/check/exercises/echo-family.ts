import { patternBytes, plural } from "../bytes.js";
import { exitStory, seconds } from "../diagnose.js";
import { see } from "../lessons.js";
import type { StreamConn, StreamTarget, Target } from "../peer.js";
import { freeTcpPort, privateSocketPath } from "../ports.js";
import { startAndWait } from "../ready.js";
import { SetupProblem, type Check, type CheckContext, type ExerciseChecker, type Outcome } from "../types.js";
import { connectOrExplain, echoThenClose, echoWhileOpen, fail, isFail, requireRunning } from "./stream.js";

/**
 * tcp-echo, ipv6-echo, unix-echo and concurrent-echo: one echo server, four
 * ways to reach it. The checks are the same peer behaviours a real client shows:
 * short messages, big ones, clients that come one after another, clients that
 * leave without a word, and (concurrent-echo) clients that stay.
 */

type Where = { kind: "tcp"; host: string } | { kind: "unix" };

const PASS: Outcome = { passed: true };
const BIG = 256 * 1024;

function streamTarget(t: Target | undefined): StreamTarget {
  if (!t || t.kind === "udp") throw new Error("echo checks need a stream target");
  return t;
}

export function echoChecker(id: string, where: Where, concurrent: boolean): ExerciseChecker {
  return {
    id,
    async prepare() {
      if (where.kind === "unix") {
        const sock = privateSocketPath();
        return { env: { SOCKET_PATH: sock.path }, target: { kind: "unix", path: sock.path }, cleanup: sock.cleanup };
      }
      const port = await freeTcpPort(where.host).catch((err: NodeJS.ErrnoException) => {
        if (where.host.includes(":")) throw new SetupProblem(`this machine has no IPv6 loopback address (::1 gives ${err.code ?? err.message}), so ${id} cannot run here. 'socket-tutor doctor' checks what loopback offers.`);
        throw err;
      });
      return { env: { HOST: where.host, PORT: String(port) }, target: { kind: "tcp", host: where.host, port } };
    },
    checks(ctx, t) {
      const target = streamTarget(t);
      const checks: Check[] = [
        {
          name: `starts and listens on ${where.kind === "unix" ? "SOCKET_PATH" : "HOST:PORT"}`,
          deadlineMs: 7000,
          run: () => startAndWait(ctx, target),
        },
        {
          name: "echoes a short message while the client stays connected",
          deadlineMs: 6000,
          run: async () => (await echoWhileOpen(ctx, target, "client 1", Buffer.from("hello"))) ?? PASS,
        },
        {
          name: "serves the next client, and the next (one after another)",
          deadlineMs: 10000,
          run: async () => {
            for (const [i, text] of [
              [2, "second client\n"],
              [3, "third client\n"],
            ] as const) {
              const f = await echoThenClose(ctx, target, `client ${i}`, Buffer.from(text), "after serving the previous client");
              if (f) {
                if (/Your program exited with code 0/.test(f.detail)) {
                  f.detail += "\nIt served one client and ended: a server accepts clients in a loop (accept, serve, close, accept again).";
                  f.hint = see("server-calls", "accept in a loop");
                }
                return f;
              }
            }
            return PASS;
          },
        },
      ];
      if (concurrent) checks.push(tenAtOnce(ctx, target));
      checks.push(
        {
          name: `echoes ${BIG / 1024} KiB byte for byte, then closes`,
          deadlineMs: 15000,
          run: async () => (await echoThenClose(ctx, target, "big client", patternBytes(BIG), "while the checker sent 256 KiB")) ?? PASS,
        },
        leaveWithoutSending(ctx, target),
      );
      return checks;
    },
  };
}

function leaveWithoutSending(ctx: CheckContext, target: StreamTarget): Check {
  return {
    name: "keeps serving after a client connects and leaves without sending",
    deadlineMs: 8000,
    run: async () => {
      requireRunning(ctx);
      const conn = await connectOrExplain(ctx, target, "silent client", "when a client connected");
      if (isFail(conn)) return conn;
      conn.close();
      const p = ctx.program()!;
      // No pause here: if the empty recv() crashes the server, the next client finds out.
      const f = await echoThenClose(ctx, target, "next client", Buffer.from("still there?\n"), "after a client connected and left without sending");
      if (f && p.exit()) {
        return fail(
          `A client connected and closed without sending anything.\n${exitStory(p, ctx.env, "right after that")}\n` +
            "recv() returning b'' (an empty result) is how a server learns that the client has gone: end that client's loop there, close its socket, and keep the server running.",
          see("closing", "EOF: recv returns b''"),
        );
      }
      if (f) {
        f.detail = `A client connected and closed without sending anything. Then:\n${f.detail}`;
        return f;
      }
      return { passed: true };
    },
  };
}

function tenAtOnce(ctx: CheckContext, target: StreamTarget): Check {
  const n = 10;
  const waitMs = ctx.ms(2000);
  return {
    name: `serves ${n} clients at the same time`,
    deadlineMs: 12000,
    run: async () => {
      requireRunning(ctx);
      const conns: StreamConn[] = [];
      try {
        for (let i = 1; i <= n; i++) {
          const c = await connectOrExplain(ctx, target, `client ${i} of ${n}`, `while ${i - 1} clients were connected`);
          if (isFail(c)) return c;
          conns.push(c);
        }
        // All connected and all still open; now every one speaks and waits for its echo.
        const payloads = conns.map((_, i) => Buffer.from(`client ${i + 1} of ${n} is waiting\n`));
        await Promise.all(conns.map((c, i) => c.write(payloads[i]!)));
        const results = await Promise.all(conns.map((c, i) => c.read(payloads[i]!.length, { idleMs: waitMs })));
        const ok = results.map((r, i) => r.data.equals(payloads[i]!));
        const good = ok.filter(Boolean).length;
        if (good === n) return PASS;
        const waiting = ok.map((v, i) => (v ? 0 : i + 1)).filter((i) => i > 0);
        const wrong = results.filter((r, i) => !ok[i] && r.data.length > 0).length;
        const p = ctx.program();
        if (p?.exit()) return fail(`${good} of ${n} clients got their echo.\n${exitStory(p, ctx.env, "while 10 clients were connected")}`, see("many-clients"));
        const lines = [
          `${n} clients connected and stayed connected; each sent one line. Within ${seconds(waitMs)}, ${good} of ${n} got their echo; ${plural(waiting.length, "client")} (${waiting.join(", ")}) got ${wrong ? "a wrong one or none" : "nothing"}.`,
        ];
        if (good <= 1) {
          lines.push(
            "All of them could connect (the kernel completes connections into the listen backlog before accept() is called), but your program serves one client at a time: while it is busy with a client that is still connected, the others wait.",
            "Serve each client in its own thread, or multiplex them with selectors/asyncio (Python); in Node.js each connection gets its own 'data' events.",
          );
        }
        return fail(lines.join("\n"), see("many-clients", "one at a time vs threads vs select"));
      } finally {
        for (const c of conns) c.close();
      }
    },
  };
}
