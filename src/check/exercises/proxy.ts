import { t } from "../../text/catalog.js";
import { describeDifference, patternBytes, showBytes } from "../bytes.js";
import { formatSize as size } from "../../text/units.js";
import { exitStory, seconds } from "../diagnose.js";
import { see } from "../lessons.js";
import type { PeerServer, StreamConn, StreamTarget } from "../peer.js";
import { freeTcpPort } from "../ports.js";
import { formatInet } from "../procnet.js";
import { startAndWait } from "../ready.js";
import { makePlan } from "../traffic.js";
import { sendPlan } from "../transport.js";
import type { CheckContext, ExerciseChecker, Outcome } from "../types.js";
import { connectOrExplain, eachSeed, endWords, fail, isFail, requireRunning, type Fail } from "../common/stream.js";
import { listOf } from "../../text/list.js";

/**
 * proxy: a TCP relay. The checker is both ends: clients that connect to the
 * learner's program on HOST:PORT, and the upstream server at UPSTREAM_HOST:UPSTREAM_PORT
 * that the program must connect to for each client. Every byte the checker sends at
 * one end must come out at the other, in both directions at once, with each end's
 * EOF passed on as a half-close.
 *
 * Loopback buffers hold megabytes: a relay that moves one direction at a time could hide
 * in them. In the run's private network the checker makes them small (SMALL_BUFFERS,
 * for every socket of the run, the program's too), and the upstream of the 1 MiB
 * exchange sends all of its megabyte before it reads, as a simple server does. A relay
 * that stops moving one direction while it waits on the other (reads one side until EOF,
 * or blocks in sendall() inside a select() loop) then stalls by the kernel's buffers:
 * the upstream's bytes wait for the relay, the relay waits for the upstream to read, and
 * with buffers this small that happens long before the megabyte is through.
 *
 * Where those settings cannot be written (no private network; Node cannot set
 * SO_RCVBUF/SO_SNDBUF on a TCP socket), the exchange bounds what is in flight itself:
 * each end sends only while it is at most WINDOW bytes ahead of what it has received
 * from the other end. A relay that waits for one direction to finish before it moves
 * the other then stops at once.
 */

const HOST = "127.0.0.1";
const WAIT = 2000;
const BIG = 1 << 20;
const WINDOW = 128 << 10;
const CHUNK = 16 << 10;
const CLIENTS = 10;
/** min, default, max bytes: autotuning may not grow a buffer past 64 KiB. */
const SMALL = 64 << 10;
const SMALL_BUFFERS = { "ipv4/tcp_rmem": `4096 ${SMALL} ${SMALL}`, "ipv4/tcp_wmem": `4096 ${SMALL} ${SMALL}` };

export const checker: ExerciseChecker = {
  id: "proxy",
  async prepare() {
    const port = await freeTcpPort(HOST);
    // The upstream is made in the first check, inside the run's network: its port comes then.
    return { env: { HOST, PORT: String(port), UPSTREAM_HOST: HOST }, target: { kind: "tcp", host: HOST, port } };
  },
  checks(ctx, given) {
    const target = given as StreamTarget;
    let upstream: PeerServer | undefined;
    /** The run's socket buffers are small (set before any socket of the run is made). */
    let smallBuffers = false;
    const wait = ctx.ms(WAIT);
    const PASS: Outcome = { passed: true };
    const up = (): string => formatInet(HOST, upstream!.port);

    /** A client connection to the proxy and the upstream connection it made for it. */
    const pair = async (label: string): Promise<{ client: StreamConn; server: StreamConn } | Fail> => {
      requireRunning(ctx);
      const client = await connectOrExplain(ctx, target, label, t("proxy.when.connected"));
      if (isFail(client)) return client;
      const server = await upstream!.accept(wait);
      if (server) return { client, server };
      client.close();
      return noUpstream(ctx, label, up(), wait);
    };

    return [
      {
        name: t("proxy.check.starts"),
        deadlineMs: 8000,
        hintId: "accept-connect",
        run: async () => {
          // Before the first socket: a socket takes its buffer sizes from these when it is made.
          smallBuffers = (await ctx.netSettings?.(SMALL_BUFFERS)) === true;
          upstream = await ctx.peer.listen(HOST, t("proxy.upstream"));
          // The upstream's port is the kernel's choice inside the run's network, PORT was chosen
          // outside it: they can coincide, and then the upstream would pass for the proxy.
          for (let i = 0; i < 5 && "port" in target && upstream.port === target.port; i++) {
            upstream.close();
            upstream = await ctx.peer.listen(HOST, t("proxy.upstream"));
          }
          ctx.env.UPSTREAM_PORT = String(upstream.port);
          return startAndWait(ctx, target, { UPSTREAM_HOST: HOST, UPSTREAM_PORT: String(upstream.port) });
        },
      },
      {
        name: t("proxy.check.bothWays"),
        deadlineMs: ctx.seeds.length * 7000 + 2000,
        hintId: "both-ways",
        run: async () => {
          const f = await eachSeed(ctx, async (seed) => {
            const p = await pair(t("proxy.client", { n: 1 }));
            if (isFail(p)) return p;
            try {
              const request = Buffer.from(`GET /seed/${seed} please relay this request byte for byte\r\n\r\n`);
              const reply = Buffer.from(`200 OK: the upstream answers seed ${seed}, and the client must get every byte\r\n`);
              await sendPlan(ctx, p.client, makePlan(seed, [request]));
              const got = await p.server.read(request.length, { idleMs: wait });
              if (!got.data.equals(request)) return relayed(t("proxy.dir.toUpstream"), request, got.data, endWords(got, wait), false);
              await sendPlan(ctx, p.server, makePlan(seed + 1, [reply]));
              const back = await p.client.read(reply.length, { idleMs: wait });
              if (!back.data.equals(reply)) return relayed(t("proxy.dir.toClient"), reply, back.data, endWords(back, wait), back.data.length === 0 && back.end === "timeout");
              return undefined;
            } finally {
              p.client.close();
              p.server.close();
            }
          });
          return f ?? PASS;
        },
      },
      {
        name: t("proxy.check.speaksFirst"),
        deadlineMs: 6000,
        hintId: "both-ways",
        run: async () => {
          const p = await pair(t("proxy.client", { n: 2 }));
          if (isFail(p)) return p;
          try {
            const greeting = Buffer.from("220 the upstream speaks first: hello\r\n");
            await p.server.write(greeting);
            const got = await p.client.read(greeting.length, { idleMs: wait });
            if (got.data.equals(greeting)) return PASS;
            const f = relayed(t("proxy.dir.toClient"), greeting, got.data, endWords(got, wait), got.data.length === 0 && got.end === "timeout");
            return { ...f, detail: `${t("proxy.greeting")}\n${f.detail}` };
          } finally {
            p.client.close();
            p.server.close();
          }
        },
      },
      {
        name: t("proxy.check.halfClose"),
        deadlineMs: 8000,
        hintId: "half-close",
        run: async () => {
          const p = await pair(t("proxy.client", { n: 3 }));
          if (isFail(p)) return p;
          try {
            const request = Buffer.from("a request that ends with the client's EOF");
            await p.client.write(request);
            p.client.end();
            // The upstream answers only once it has seen the end of the request.
            const got = await p.server.readToEnd({ idleMs: wait, max: 65536 });
            if (!got.data.equals(request)) return relayed(t("proxy.dir.toUpstream"), request, got.data, endWords(got, wait), false);
            if (got.end === "timeout") return { ...fail(`${t("proxy.noFin", { time: seconds(wait) })}\n${t("proxy.help.shutdown")}`, see("things-go-wrong", t("check.topic.halfClose"))), hintId: "half-close" };
            const reply = Buffer.from("the upstream's answer, sent after the client's EOF\n");
            const w = await p.server.write(reply);
            p.server.end();
            const back = await p.client.readToEnd({ idleMs: wait, max: 65536 });
            if (!w.ok || !back.data.equals(reply)) {
              const lines = [t("proxy.closedBoth", { got: back.data.length, n: reply.length, end: endWords(back, wait) }), t("proxy.help.oneSide")];
              return { ...fail(lines.join("\n"), see("things-go-wrong", t("check.topic.halfClose"))), hintId: "half-close" };
            }
            if (back.end === "timeout") return { ...fail(`${t("proxy.noFinBack", { time: seconds(wait) })}\n${t("proxy.help.shutdown")}`, see("things-go-wrong", t("check.topic.halfClose"))), hintId: "half-close" };
            return PASS;
          } finally {
            p.client.close();
            p.server.close();
          }
        },
      },
      {
        name: t("proxy.check.big"),
        deadlineMs: 25_000,
        hintId: "both-ways",
        run: async () => {
          const p = await pair(t("proxy.client", { n: 4 }));
          if (isFail(p)) return p;
          try {
            return (await bigExchange(ctx, p.client, p.server, wait, smallBuffers)) ?? PASS;
          } finally {
            p.client.close();
            p.server.close();
          }
        },
      },
      {
        name: t("proxy.check.many"),
        deadlineMs: 12_000,
        hintId: "many",
        run: async () => {
          requireRunning(ctx);
          const clients: StreamConn[] = [];
          const servers: StreamConn[] = [];
          try {
            for (let i = 0; i < CLIENTS; i++) {
              const c = await connectOrExplain(ctx, target, t("proxy.client", { n: 10 + i }), t("proxy.when.connected"));
              if (isFail(c)) return c;
              clients.push(c);
            }
            const deadline = Date.now() + wait;
            while (servers.length < CLIENTS && Date.now() < deadline) {
              const s = await upstream!.accept(Math.max(1, deadline - Date.now()));
              if (s) servers.push(s);
            }
            if (servers.length < CLIENTS) {
              const args = { n: servers.length, total: CLIENTS, time: seconds(wait), upstream: up() };
              return fail(`${t("proxy.fewUpstream", args)}\n${servers.length <= 1 ? t("proxy.help.oneAtATime") : t("proxy.help.some")}`, see("many-clients", t("check.topic.oneAtATime")));
            }
            // Each client's words must reach its own upstream connection, and the answers come back the same way.
            const words = clients.map((_, i) => Buffer.from(`client ${i + 1} of ${CLIENTS}\n`));
            await Promise.all(clients.map((c, i) => c.write(words[i]!)));
            const heard = await Promise.all(servers.map((s) => s.read(words[0]!.length + 1, { idleMs: ctx.ms(300), totalMs: wait })));
            const owner = heard.map((h) => words.findIndex((w) => w.equals(h.data)));
            if (owner.some((o) => o < 0) || new Set(owner).size !== CLIENTS) {
              return fail(t("proxy.mixed", { got: listOf(heard.map((h) => showBytes(h.data, 24))) }), see("things-go-wrong"));
            }
            await Promise.all(servers.map((s, i) => s.write(Buffer.from(`answer for ${words[owner[i]!]!.toString().trim()}\n`))));
            const answers = await Promise.all(clients.map((c, i) => c.read(Buffer.byteLength(`answer for ${words[i]!.toString().trim()}\n`), { idleMs: wait })));
            const wrong = answers.findIndex((a, i) => a.data.toString() !== `answer for ${words[i]!.toString().trim()}\n`);
            if (wrong >= 0) return fail(t("proxy.wrongAnswer", { n: wrong + 1, got: showBytes(answers[wrong]!.data, 40) }), see("things-go-wrong"));
            return PASS;
          } finally {
            for (const c of [...clients, ...servers]) c.close();
          }
        },
      },
      {
        name: t("proxy.check.refused"),
        deadlineMs: 6000,
        hintId: "refused",
        run: async () => {
          requireRunning(ctx);
          // Nothing listens on the upstream's port any more: the program's connect() is refused.
          upstream!.close();
          const c = await connectOrExplain(ctx, target, t("proxy.client", { n: 20 }), t("proxy.when.refused"));
          if (isFail(c)) return c;
          try {
            const r = await c.readToEnd({ idleMs: wait, max: 4096 });
            const p = ctx.program();
            if (p && !p.exit()) await p.waitExit(100);
            if (p?.exit()) return fail(`${t("proxy.diedOnRefused")}\n${exitStory(p, ctx.env, t("proxy.when.refused"))}`, see("things-go-wrong"));
            if (r.end === "timeout") return { ...fail(t("proxy.refusedOpen", { time: seconds(wait) }), see("things-go-wrong")), hintId: "refused" };
            return PASS;
          } finally {
            c.close();
          }
        },
      },
    ];
  },
};

/** No upstream connection came for a client. */
async function noUpstream(ctx: CheckContext, label: string, upstream: string, waitMs: number): Promise<Fail> {
  const p = ctx.program();
  if (p && !p.exit()) await p.waitExit(100);
  if (p?.exit()) return fail(`${t("proxy.noUpstream", { label, upstream, time: seconds(waitMs) })}\n${exitStory(p, ctx.env, t("proxy.when.connected"))}`, see("things-go-wrong"), true);
  return fail(`${t("proxy.noUpstream", { label, upstream, time: seconds(waitMs) })}\n${t("proxy.help.connect")}`, see("client-calls"), true);
}

/**
 * One direction's bytes did not come out whole. `silent`: nothing at all came while
 * the other direction had worked: the relay is stuck reading the side that is quiet.
 */
function relayed(direction: string, sent: Buffer, got: Buffer, end: string, silent: boolean): Fail {
  const lines = [t("proxy.notRelayed", { direction, sent: showBytes(sent, 200), n: sent.length, got: got.length, end })];
  if (silent) lines.push(t("proxy.help.oneDirection"));
  else if (got.length > 0 && !sent.subarray(0, got.length).equals(got)) lines.push(describeDifference(sent, got));
  return { ...fail(lines.join("\n"), see("things-go-wrong", t("check.topic.relay"))), hintId: "both-ways" };
}

/** One end of the 1 MiB exchange: what it sent and what it received. */
interface End {
  conn: StreamConn;
  payload: Buffer;
  sent: number;
  got: Buffer[];
  gotBytes: number;
  ended?: string;
}

/**
 * 1 MiB each way at the same time. `smallBuffers`: the kernel's buffers are small, and the
 * upstream end stops reading while a send of its own waits; else each end stays at most
 * WINDOW ahead of what it received. Stops when both have everything, or when nothing
 * moved for `stallMs`.
 */
async function bigExchange(ctx: CheckContext, client: StreamConn, server: StreamConn, stallMs: number, smallBuffers: boolean): Promise<Fail | undefined> {
  const a: End = { conn: client, payload: patternBytes(BIG, 0x1234567), sent: 0, got: [], gotBytes: 0 };
  const b: End = { conn: server, payload: patternBytes(BIG, 0x7654321), sent: 0, got: [], gotBytes: 0 };
  let moved = Date.now();
  let stop = false;
  const stalled = (): boolean => stop || Date.now() - moved > stallMs || ctx.signal.aborted;
  const write = async (me: End, other: End): Promise<void> => {
    while (me.sent < BIG && !stalled()) {
      if (!smallBuffers && (me.sent - other.gotBytes >= WINDOW || me.sent - me.gotBytes >= WINDOW)) {
        await ctx.sleep(2);
        continue;
      }
      const n = Math.min(CHUNK, BIG - me.sent);
      const w = await Promise.race([me.conn.write(me.payload.subarray(me.sent, me.sent + n)), stalledNow]);
      // A send that still waits for room once nothing has moved for stallMs: the relay is stuck.
      if (w === undefined) return;
      if (!w.ok) {
        me.ended = w.code ?? "error";
        return;
      }
      me.sent += n;
      moved = Date.now();
    }
    // The upstream has sent all of its megabyte: now it reads.
    if (smallBuffers && me === b) me.conn.holdReading(false);
  };
  // Resolves once the exchange has stalled (or is over): a write still waiting for room then is given up.
  let over = false;
  const stalledNow: Promise<undefined> = (async () => {
    while (!over && !stalled()) await ctx.sleep(20);
    return undefined;
  })();
  const read = async (me: End): Promise<void> => {
    while (me.gotBytes < BIG && !stalled()) {
      const r = await me.conn.readFor(20);
      if (r.data.length) {
        me.got.push(r.data);
        me.gotBytes += r.data.length;
        moved = Date.now();
      }
      if (r.end !== "timeout") {
        me.ended = r.end;
        return;
      }
    }
  };
  const hardStop = setTimeout(() => (stop = true), ctx.ms(20_000));
  // The upstream takes nothing from the kernel until it has sent its own megabyte.
  if (smallBuffers) b.conn.holdReading(true);
  try {
    await Promise.all([write(a, b), write(b, a), read(a), read(b)]);
  } finally {
    over = true;
    clearTimeout(hardStop);
    b.conn.holdReading(false);
    await stalledNow;
  }
  const toUp = Buffer.concat(b.got);
  const toClient = Buffer.concat(a.got);
  if (toUp.equals(a.payload) && toClient.equals(b.payload)) return undefined;
  const args = { up: size(toUp.length), down: size(toClient.length), total: size(BIG), time: seconds(stallMs) };
  const lines = [smallBuffers ? t("proxy.big.stoppedSmall", { ...args, buffer: size(SMALL) }) : t("proxy.big.stopped", { ...args, window: size(WINDOW) })];
  const exact = (got: Buffer, want: Buffer): boolean => want.subarray(0, got.length).equals(got);
  if (!exact(toUp, a.payload)) lines.push(t("proxy.big.corrupt", { direction: t("proxy.dir.toUpstream") }), describeDifference(a.payload.subarray(0, toUp.length), toUp));
  else if (!exact(toClient, b.payload)) lines.push(t("proxy.big.corrupt", { direction: t("proxy.dir.toClient") }), describeDifference(b.payload.subarray(0, toClient.length), toClient));
  else if (a.ended || b.ended) lines.push(t("proxy.big.ended", { end: a.ended ?? b.ended ?? "" }));
  else {
    lines.push(t("proxy.help.oneDirection"));
    if (smallBuffers) lines.push(t("proxy.help.blockedSend"));
  }
  return { ...fail(lines.join("\n"), see("things-go-wrong", t("check.topic.relay"))), hintId: "both-ways" };
}
