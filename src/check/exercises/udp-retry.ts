import { monitorEventLoopDelay } from "node:perf_hooks";
import { t } from "../../text/catalog.js";
import { Deliverer, type Fate } from "../../util/lossy.js";
import { showBytes } from "../bytes.js";
import { crashHints, describeExit, seconds, stderrExcerpt } from "../diagnose.js";
import { see } from "../lessons.js";
import type { DatagramPeer } from "../peer.js";
import { formatInet } from "../procnet.js";
import type { ProgramView } from "../program.js";
import { Rng } from "../seeds.js";
import type { ExerciseChecker, Outcome } from "../types.js";
import { fail, type Fail } from "../common/stream.js";
import { listOf } from "../../text/list.js";

/**
 * udp-retry: the checker is a udp-kv server that loses datagrams on purpose. The
 * learner's client retrieves each key of KEYS and prints `key=value` once per key.
 * One conversation per seed (the program started again for each); the seed decides
 * the keys, their values and which key meets which trouble, so every run meets all of
 * it: four requests in a row dropped (five tries needed, each wait longer than the
 * last), a reply dropped, a reply sent twice, a reply held back until the client has
 * asked for the next key (a stale reply it must not print). Fates are carried out by
 * the lossy link's Deliverer (util/lossy.ts), as the lessons' relay does.
 */

const HOST = "127.0.0.1";
const FIRST_WAIT = 5000;
/** The contract: every key printed within 10 s. */
const ALL_WAIT = 10_000;
const KEY_COUNT = 5;
/** Requests dropped in a row for the key that needs five tries. */
const DEEP = 4;

export type Trouble = "deep" | "lost-reply" | "twice" | "late" | "plain";

export interface RetryPlan {
  keys: string[];
  values: string[];
  trouble: Trouble[];
}

/** The seed's keys (lower-case letters and digits), values (printable, `=` included) and troubles. */
export function retryPlan(seed: number): RetryPlan {
  const rng = new Rng(seed);
  const word = (lo: number, hi: number, chars: string): string => {
    let s = "";
    const n = rng.int(lo, hi);
    for (let i = 0; i < n; i++) s += chars[rng.int(0, chars.length - 1)];
    return s;
  };
  const keys: string[] = [];
  while (keys.length < KEY_COUNT) {
    const k = word(3, 8, "abcdefghijklmnopqrstuvwxyz0123456789");
    if (!keys.includes(k) && k !== "version") keys.push(k);
  }
  const values = keys.map(() => word(1, 24, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 =.-_:/"));
  const trouble: Trouble[] = ["deep", "lost-reply", "twice", "late", "plain"];
  for (let i = trouble.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [trouble[i], trouble[j]] = [trouble[j]!, trouble[i]!];
  }
  // A late or doubled reply needs a key after it to be stale for: never on the last key.
  const end = KEY_COUNT - 1;
  if (trouble[end] === "twice" || trouble[end] === "late") {
    const swap = trouble.findIndex((x) => x !== "twice" && x !== "late");
    [trouble[end], trouble[swap]] = [trouble[swap]!, trouble[end]!];
  }
  return { keys, values, trouble };
}

/** What the checker's server saw and did in one conversation. */
interface Conversation {
  seed: number;
  plan: RetryPlan;
  program: ProgramView;
  /** For each key, when each of its requests came (ms since the program started). */
  tries: number[][];
  /** Requests that are not a key of KEYS, as sent. */
  strange: Buffer[];
  /** Where the first request came from, and when. */
  firstAt?: number;
  /** Keys whose stale reply was sent while the client waited for the next key. */
  staleSent: number[];
  /**
   * The longest the checker itself was held up while it served (its event loop's delay,
   * ms): a request is stamped when the checker reads it, up to this much after it came.
   */
  lagMs: number;
  done: Promise<void>;
}

export const checker: ExerciseChecker = {
  id: "udp-retry",
  async prepare() {
    return { env: { HOST } };
  },
  checks(ctx) {
    let server: DatagramPeer | undefined;
    const runs: Conversation[] = [];
    const first = (): Conversation => runs[0]!;
    const PASS: Outcome = { passed: true };

    /** Starts the program for a seed and serves it until it exits or the time is up. */
    const converse = (seed: number): Conversation => {
      const plan = retryPlan(seed);
      const program = ctx.launch({ PORT: String(server!.port), KEYS: plan.keys.join(",") });
      const conv: Conversation = { seed, plan, program, tries: plan.keys.map(() => []), strange: [], staleSent: [], lagMs: 0, done: Promise.resolve() };
      conv.done = serve(conv);
      runs.push(conv);
      return conv;
    };

    const serve = async (conv: Conversation): Promise<void> => {
      const { plan, program } = conv;
      const link = new Deliverer();
      // A reply held back ("late"): sent once the client asks for the next key.
      let held: { key: number; data: Buffer; to: { host: string; port: number } } | undefined;
      /** For each key, the client socket ("host:port") its reply was sent to. */
      const answered: (string | undefined)[] = plan.keys.map(() => undefined);
      const deadline = Date.now() + ctx.ms(ALL_WAIT) + 1000;
      const lag = monitorEventLoopDelay({ resolution: 10 });
      lag.enable();
      try {
        while (Date.now() < deadline && !ctx.signal.aborted) {
          if (program.exit()) break;
          const d = await server!.recv(Math.min(100, deadline - Date.now()));
          if (!d) continue;
          const at = Date.now() - program.startedAt;
          conv.firstAt ??= at;
          const key = plan.keys.indexOf(d.data.toString("latin1"));
          if (key < 0) {
            if (conv.strange.length < 10) conv.strange.push(d.data);
            continue;
          }
          const to = { host: d.from.address, port: d.from.port };
          if (held && key > held.key) {
            // The stale reply reaches the client while it waits for this key's.
            const h = held;
            held = undefined;
            conv.staleSent.push(h.key);
            await server!.send(h.data, h.to);
          }
          conv.tries[key]!.push(at);
          const n = conv.tries[key]!.length;
          const from = `${to.host}:${to.port}`;
          // A request for a key whose reply already went to this very socket is not answered
          // again: that reply is waiting in the client's socket for it to read. Such a request
          // comes when the client's timer ran out before the reply arrived, which depends on
          // how busy the machine is, not on the seed; a second reply to it would be a stale
          // datagram the seed did not decide, and `--seed N` would meet different trouble. So
          // the datagrams a client receives depend only on the seed and on the keys it asks
          // for. (A client that asks again from a new socket lost the reply with the old one:
          // it is answered.)
          if (answered[key] === from) continue;
          const reply = Buffer.from(`${plan.keys[key]}=${plan.values[key]}`, "latin1");
          const fate = fateFor(plan.trouble[key]!, n);
          if (fate === "hold") {
            held = { key, data: reply, to };
            continue;
          }
          if (!fate.drop) answered[key] = from;
          link.deliver(fate, () => void server!.send(reply, to));
        }
      } finally {
        link.close();
        lag.disable();
        // The histogram's resolution is added: a delay shorter than it is not seen.
        conv.lagMs = Math.round(lag.max / 1e6) + 10;
      }
    };

    const startFirst = async (): Promise<Outcome> => {
      server = await ctx.peer.datagram(4, t("udpRetry.label"));
      ctx.env.PORT = String(server.port);
      const conv = converse(ctx.seeds[0]!);
      ctx.env.KEYS = conv.plan.keys.join(",");
      const wait = ctx.ms(FIRST_WAIT);
      const start = Date.now();
      while (conv.firstAt === undefined && !conv.program.exit() && Date.now() - start < wait) await ctx.sleep(10);
      if (conv.firstAt === undefined && conv.program.exit()) await ctx.sleep(50);
      if (conv.tries[0]!.length > 0) return PASS;
      const where = formatInet(HOST, server.port);
      if (conv.strange.length) {
        return fail(t("udpRetry.wrongFirst", { got: showBytes(conv.strange[0]!, 60), key: showBytes(Buffer.from(conv.plan.keys[0]!), 60), keys: conv.plan.keys.join(",") }), see("udp-protocol"), true);
      }
      const e = conv.program.exit();
      if (e) return fail([t("udpRetry.exitedBefore", { exit: describeExit(e), time: seconds(e.atMs), where }), stderrExcerpt(conv.program), ...crashHints(conv.program.stderrTail(), ctx.env)].join("\n"), see("udp"), true);
      return fail(t("udpRetry.nothingSent", { where, time: seconds(wait) }), see("udp"), true);
    };

    return [
      { name: t("udpRetry.check.sends"), deadlineMs: FIRST_WAIT + 2000, hintId: "udp-client", expectsExit: true, run: startFirst },
      {
        name: t("udpRetry.check.retries"),
        deadlineMs: ALL_WAIT + 3000,
        hintId: "retry",
        expectsExit: true,
        run: async () => {
          const conv = first();
          await conv.done;
          const f = explainRetries(conv, ctx.ms(ALL_WAIT));
          if (f && "unjudged" in f) return { passed: true, detail: t("udpRetry.tooBusyToJudge", { ms: f.unjudged }) };
          return f ? { ...f, seed: conv.seed } : PASS;
        },
      },
      {
        name: t("udpRetry.check.prints"),
        deadlineMs: ctx.seeds.length * (ALL_WAIT + 2000) + 3000,
        hintId: "stale",
        expectsExit: true,
        run: async () => {
          const conv = first();
          const f = await explainOutput(conv, ctx.ms(1000));
          if (f) return { ...f, seed: conv.seed };
          for (const seed of ctx.seeds.slice(1)) {
            if (ctx.signal.aborted) break;
            const later = converse(seed);
            await later.done;
            const r = explainRetries(later, ctx.ms(ALL_WAIT));
            const g = (r && !("unjudged" in r) ? r : undefined) ?? (await explainOutput(later, ctx.ms(1000)));
            if (g) return { ...g, seed };
          }
          return PASS;
        },
      },
      {
        name: t("udpRetry.check.exits"),
        deadlineMs: 3000,
        hintId: "udp-client",
        expectsExit: true,
        run: async () => {
          for (const conv of runs) {
            const e = conv.program.exit() ?? (await conv.program.waitExit(ctx.ms(1000)));
            if (!e) return { ...fail(t("udpRetry.stillRunning"), see("udp-protocol")), seed: conv.seed };
            if (e.code !== 0) return { ...fail(`${t("udpRetry.exited", { exit: describeExit(e) })}\n${stderrExcerpt(conv.program)}`, see("udp-protocol")), seed: conv.seed };
          }
          return PASS;
        },
      },
    ];
  },
};

/** The fate of the n-th request (from 1) for a key with this trouble. */
function fateFor(trouble: Trouble, n: number): Fate | "hold" {
  const once: Fate = { drop: false, copies: 1, delayMs: 0 };
  switch (trouble) {
    case "deep":
      return n <= DEEP ? { drop: true } : once;
    case "lost-reply":
      // The request arrives; its reply is what is lost.
      return n === 1 ? { drop: true } : once;
    case "twice":
      return n === 1 ? { drop: false, copies: 2, delayMs: 0 } : once;
    case "late":
      return n === 1 ? "hold" : once;
    default:
      return once;
  }
}

/** "120 ms, 240 ms, 480 ms": the waits between tries. */
function gapsWords(times: number[]): string {
  const gaps = times
    .slice(1)
    .map((x, i) => seconds(x - times[i]!));
  return listOf(gaps);
}

/** The key that needed five tries: did they come, and did the waits grow? */
export function explainRetries(conv: Pick<Conversation, "plan" | "tries" | "program" | "lagMs">, allMs: number): Fail | { unjudged: number } | undefined {
  const k = conv.plan.trouble.indexOf("deep");
  const key = conv.plan.keys[k]!;
  const tries = conv.tries[k]!;
  const e = conv.program.exit();
  // Which keys were reached at all: a client stuck earlier is told about that key.
  const stuck = conv.tries.findIndex((x, i) => x.length > 0 && conv.tries[i + 1]?.length === 0 && i < k && !conv.program.stdout().toString("latin1").includes(`${conv.plan.keys[i]}=`));
  if (stuck >= 0 && conv.tries[stuck]!.length === 1) return noRetry(conv, stuck, e !== undefined, allMs);
  if (tries.length === 0) return undefined; // never got there: the output check says why
  // It went on to a later key before this one was answered: it took some other datagram for
  // the reply (a late one, a copy). Not a question of retries: the output check says which.
  if (tries.length <= DEEP && conv.tries.slice(k + 1).some((x) => x.length > 0)) return undefined;
  if (tries.length === 1) return noRetry(conv, k, e !== undefined, allMs);
  if (tries.length <= DEEP) {
    return fail(
      `${t("udpRetry.tooFewTries", { key, n: tries.length, dropped: DEEP, gaps: gapsWords(tries), state: e ? describeExit(e) : t("udpRetry.stillWaiting") })}\n${t("udpRetry.help.retries")}`,
      see("udp-protocol"),
    );
  }
  const gaps = tries.slice(1, DEEP + 1).map((x, i) => x - tries[i]!);
  // Growing: the last two waits together at least twice the first two (doubling gives four
  // times, a fixed wait once). Sums, not single waits: a moment the checker was slow to read
  // a datagram moves time from one wait to the next, and the sums keep it.
  // Each stamp may be up to lagMs late (never early), so each sum may be off by lagMs. With
  // that doubt a fixed wait w passes once lagMs >= 2w/3, a third of the first two waits: a
  // checker held up that long cannot tell growing waits from fixed ones, and says so.
  const lag = conv.lagMs;
  if (3 * lag >= gaps[0]! + gaps[1]!) return { unjudged: lag };
  const grows = gaps[2]! + gaps[3]! + lag >= 2 * Math.max(0, gaps[0]! + gaps[1]! - lag);
  // Growing only thanks to that doubt: the waits as stamped did not grow, and a smaller lag
  // than the third above can cover uneven fixed waits (140, 140, 170, 170 ms with 80 ms of
  // lag). Not a pass: the checker cannot tell, and says so.
  if (grows && gaps[2]! + gaps[3]! < 2 * (gaps[0]! + gaps[1]!)) return { unjudged: lag };
  if (!grows) return { ...fail(`${t("udpRetry.notGrowing", { key, gaps: gapsWords(tries.slice(0, DEEP + 1)) })}\n${t("udpRetry.help.backoff")}`, see("udp-protocol")), hintId: "backoff" };
  return undefined;
}

/** The client asked once and never again. */
function noRetry(conv: Pick<Conversation, "plan" | "program">, k: number, exited: boolean, allMs: number): Fail {
  const key = conv.plan.keys[k]!;
  const what = conv.plan.trouble[k] === "late" || conv.plan.trouble[k] === "lost-reply" ? t("udpRetry.lostReply") : t("udpRetry.lostRequest");
  const e = conv.program.exit();
  const lines = [
    exited ? t("udpRetry.gaveUp", { key, what, exit: describeExit(e!) }) : t("udpRetry.waitsForever", { key, what, time: seconds(allMs) }),
    exited ? t("udpRetry.help.retries") : t("udpRetry.help.timeout"),
  ];
  if (exited) lines.push(stderrExcerpt(conv.program));
  return { ...fail(lines.filter((l) => l).join("\n"), see("udp-protocol")), hintId: exited ? "retry" : "timeout" };
}

/** What the program printed against the replies: each key once, in order, no stale or doubled line. */
async function explainOutput(conv: Conversation, waitMs: number): Promise<Fail | undefined> {
  const e = conv.program.exit() ?? (await conv.program.waitExit(waitMs));
  const out = conv.program.stdout().toString("latin1");
  const lines = out.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const want = conv.plan.keys.map((k, i) => `${k}=${conv.plan.values[i]}`);
  if (lines.length === want.length && lines.every((l, i) => l === want[i] || l === `${want[i]}\r`)) return undefined;
  const shown = (s: string): string => showBytes(Buffer.from(s, "latin1"), 60);
  for (const [i, line] of lines.entries()) {
    if (line === want[i]) continue;
    const other = want.indexOf(line);
    if (other >= 0 && other < i) {
      const why = conv.plan.trouble[other] === "late" ? t("udpRetry.staleLate", { key: conv.plan.keys[other]!, next: conv.plan.keys[other + 1]! }) : t("udpRetry.staleTwice", { key: conv.plan.keys[other]! });
      return { ...fail(`${t("udpRetry.printedStale", { n: i + 1, line: shown(line), want: want[i] !== undefined ? shown(want[i]!) : t("udpRetry.nothingMore") })}\n${why}\n${t("udpRetry.help.stale")}`, see("udp-protocol")), hintId: "stale" };
    }
    return fail(`${t("udpRetry.printedWrong", { n: i + 1, line: shown(line), want: want[i] !== undefined ? shown(want[i]!) : t("udpRetry.nothingMore") })}\n${t("udpRetry.help.print")}`, see("udp-protocol"));
  }
  // Every line printed was right, and some are missing.
  const missing = want[lines.length]!;
  const state = e ? describeExit(e) : t("udpRetry.stillWaiting");
  return fail(t("udpRetry.missing", { printed: lines.length, total: want.length, missing: shown(missing), state }), see("udp-protocol"));
}
