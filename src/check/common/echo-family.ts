import { t } from "../../text/catalog.js";
import { formatSize } from "../../text/units.js";
import { tutor } from "../../util/invocation.js";
import { patternBytes } from "../bytes.js";
import { exitStory, seconds } from "../diagnose.js";
import { see } from "../lessons.js";
import type { StreamConn, StreamTarget, Target } from "../peer.js";
import { freeTcpPort, privateSocketPath } from "../ports.js";
import { startAndWait } from "../ready.js";
import { SetupProblem, type Check, type CheckContext, type ExerciseChecker, type Outcome } from "../types.js";
import { sendPlan } from "../transport.js";
import { connectOrExplain, eachSeed, echoThenClose, echoWhileOpen, fail, isFail, planFor, requireRunning, type Fail } from "./stream.js";
import { slowReader } from "./slow-reader.js";
import { listOf } from "../../text/list.js";

/**
 * tcp-echo, ipv6-echo, unix-echo and concurrent-echo: one echo server, four
 * ways to reach it. The checks are the same peer behaviours a real client shows:
 * short messages, big ones, clients that come one after another, clients that
 * leave without a word, and (concurrent-echo) clients that stay.
 */

type Where = { kind: "tcp"; host: string } | { kind: "unix" };

const PASS: Outcome = { passed: true };

/** Each check's hint, by its id in the exercise's hints.md (the four exercises' hints differ). */
const HINTS: Record<string, { start?: string; short: string; next: string; big: string; silent: string; many?: string; slow?: string }> = {
  "tcp-echo": { start: "calls", short: "calls", next: "goodbye", big: "recv-loop", silent: "goodbye" },
  "ipv6-echo": { start: "inet6", short: "recv-loop", next: "recv-loop", big: "recv-loop", silent: "recv-loop" },
  "unix-echo": { start: "socket-path", short: "recv-loop", next: "recv-loop", big: "recv-loop", silent: "recv-loop" },
  "concurrent-echo": { short: "recv-loop", next: "recv-loop", big: "recv-loop", silent: "recv-loop", many: "one-at-a-time", slow: "selectors" },
};
const BIG = 256 * 1024;

function streamTarget(given: Target | undefined): StreamTarget {
  if (!given || given.kind === "udp") throw new Error("echo checks need a stream target");
  return given;
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
        if (where.host.includes(":")) throw new SetupProblem(t("echo.noIpv6", { error: err.code ?? err.message, exercise: id, doctor: tutor("doctor") }));
        throw err;
      });
      return { env: { HOST: where.host, PORT: String(port) }, target: { kind: "tcp", host: where.host, port } };
    },
    checks(ctx, given) {
      const target = streamTarget(given);
      const hints = HINTS[id];
      const checks: Check[] = [
        {
          name: t("check.name.startsListening", { address: where.kind === "unix" ? "SOCKET_PATH" : "HOST:PORT" }),
          deadlineMs: 7000,
          ...(hints?.start ? { hintId: hints.start } : {}),
          run: () => startAndWait(ctx, target),
        },
        {
          name: t("echo.check.short"),
          deadlineMs: 6000,
          ...(hints ? { hintId: hints.short } : {}),
          run: async () => {
            const hello = Buffer.from("hello");
            return (await echoWhileOpen(ctx, target, t("echo.label.client", { n: 1 }), hello, (seed) => planFor(seed, hello))) ?? PASS;
          },
        },
        {
          name: t("echo.check.next"),
          deadlineMs: 10000,
          ...(hints ? { hintId: hints.next } : {}),
          run: async () => {
            const f = await eachSeed(ctx, async (seed) => {
              // The payloads are data on the wire (their bytes are compared), not text to translate.
              for (const [i, text] of [
                [2, "second client\n"],
                [3, "third client\n"],
              ] as const) {
                const payload = Buffer.from(text);
                const f = await echoThenClose(ctx, target, t("echo.label.client", { n: i }), payload, t("echo.when.afterPrevious"), planFor(seed, payload));
                if (f) return f;
              }
              return undefined;
            });
            if (f && ctx.program()?.exit()?.code === 0) {
              f.detail += `\n${t("echo.servedOne")}`;
              f.hint = see("server-calls", t("check.topic.acceptLoop"));
            }
            return f ?? PASS;
          },
        },
      ];
      if (concurrent) checks.push({ ...tenAtOnce(ctx, target), ...(hints?.many ? { hintId: hints.many } : {}) }, { ...slowReader(ctx, target), ...(hints?.slow ? { hintId: hints.slow } : {}) });
      checks.push(
        {
          name: t("echo.check.big", { size: formatSize(BIG) }),
          deadlineMs: 15000,
          ...(hints ? { hintId: hints.big } : {}),
          run: async () => {
            const big = patternBytes(BIG);
            const when = t("echo.when.big", { size: formatSize(BIG) });
            return (await eachSeed(ctx, (seed) => echoThenClose(ctx, target, t("echo.label.big"), big, when, planFor(seed, big, { lag: true })))) ?? PASS;
          },
        },
        { ...leaveWithoutSending(ctx, target), ...(hints ? { hintId: hints.silent } : {}) },
      );
      return checks;
    },
  };
}

function leaveWithoutSending(ctx: CheckContext, target: StreamTarget): Check {
  return {
    name: t("echo.check.silent"),
    deadlineMs: 8000,
    run: async () => {
      const payload = Buffer.from("still there?\n");
      const f = await eachSeed(ctx, async (seed) => {
        requireRunning(ctx);
        const conn = await connectOrExplain(ctx, target, t("echo.label.silent"), t("echo.when.clientConnected"));
        if (isFail(conn)) return conn;
        conn.close();
        const p = ctx.program()!;
        // No pause here: if the empty recv() crashes the server, the next client finds out.
        const f = await echoThenClose(ctx, target, t("echo.label.next"), payload, t("echo.when.afterSilent"), planFor(seed, payload));
        if (f && p.exit()) {
          return fail(`${t("echo.silent.left")}\n${exitStory(p, ctx.env, t("echo.when.rightAfter"))}\n${t("echo.silent.help")}`, see("closing", t("check.topic.eofRecv")));
        }
        if (f) f.detail = `${t("echo.silent.then")}\n${f.detail}`;
        return f;
      });
      return f ?? { passed: true };
    },
  };
}

function tenAtOnce(ctx: CheckContext, target: StreamTarget): Check {
  const n = 10;
  const waitMs = ctx.ms(2000);
  return {
    name: t("echo.check.many", { n }),
    deadlineMs: 20000,
    run: async () => (await tenClients(ctx, target, n, waitMs)) ?? PASS,
  };
}

/**
 * n clients connect and stay connected; then, once per seed, every one sends a line (in
 * pieces its seed and its number decide), all at once, and waits for its echo.
 */
async function tenClients(ctx: CheckContext, target: StreamTarget, n: number, waitMs: number): Promise<Fail | undefined> {
  requireRunning(ctx);
  const conns: StreamConn[] = [];
  try {
    for (let i = 1; i <= n; i++) {
      const c = await connectOrExplain(ctx, target, t("echo.label.clientOf", { i, n }), t("echo.when.connected", { n: i - 1 }));
      if (isFail(c)) return c;
      conns.push(c);
    }
    // All connected and all still open; now every one speaks and waits for its echo. (Data on the wire.)
    const payloads = conns.map((_, i) => Buffer.from(`client ${i + 1} of ${n} is waiting\n`));
    return await eachSeed(ctx, async (seed) => {
      const reads = conns.map((c, i) => c.read(payloads[i]!.length, { idleMs: waitMs }));
      await Promise.all(conns.map((c, i) => sendPlan(ctx, c, planFor(seed + i, payloads[i]!, { maxPieces: 4 }))));
      const results = await Promise.all(reads);
      const ok = results.map((r, i) => r.data.equals(payloads[i]!));
      const good = ok.filter(Boolean).length;
      if (good === n) return undefined;
      const waiting = ok.map((v, i) => (v ? 0 : i + 1)).filter((i) => i > 0);
      const wrong = results.filter((r, i) => !ok[i] && r.data.length > 0).length;
      const p = ctx.program();
      if (p?.exit()) return fail(`${t("echo.many.gotEcho", { good, n })}\n${exitStory(p, ctx.env, t("echo.when.connected", { n }))}`, see("many-clients"));
      const args = { n, time: seconds(waitMs), good, waiting: waiting.length, which: listOf(waiting) };
      const lines = [wrong ? t("echo.many.someWrong", args) : t("echo.many.someNothing", args)];
      if (good <= 1) lines.push(t("echo.many.oneAtATime"), t("echo.many.howToServe"));
      return fail(lines.join("\n"), see("many-clients", t("check.topic.oneAtATime")));
    });
  } finally {
    for (const c of conns) c.close();
  }
}
