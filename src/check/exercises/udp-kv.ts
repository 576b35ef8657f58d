import { t } from "../../text/catalog.js";
import { describeDifference, showBytes } from "../bytes.js";
import { cpuNote, seconds } from "../diagnose.js";
import { KvModel, RIGHT, VERSION_KEY, isInsert, type KvVariant } from "../kv.js";
import { see } from "../lessons.js";
import type { Datagram, DatagramPeer } from "../peer.js";
import { freeUdpPort } from "../ports.js";
import { formatInet } from "../procnet.js";
import { startAndWait } from "../ready.js";
import { Rng } from "../seeds.js";
import type { ExerciseChecker, Outcome } from "../types.js";
import { eachSeed, fail, requireRunning, type Fail } from "../common/stream.js";
import { gone, sameAddress, udpTarget } from "../common/udp.js";
import { listOf } from "../../text/list.js";

/**
 * udp-kv: a key-value store over UDP. The checker is several UDP clients. It keeps
 * a model of the store (kv.ts) beside the learner's server and sends every request
 * through both; a reply that differs is explained by the mistake whose model gives
 * the same reply (a split at the last `=`, a writable version, a small receive
 * buffer, stripped keys), else by the bytes that differ. The seeded check's keys,
 * values and senders come from the run's seeds, so `--seed N` sends the same again.
 */

const WAIT = 2000;
/** How long an insert's (wrong) reply is waited for where the check looks for one. */
const QUIET_MS = 300;
const HOST = "127.0.0.1";

/** The mistakes a reply can be told apart by, in the order they are tried. */
const MISTAKES: { variant: KvVariant; words: () => string; hintId: string }[] = [
  { variant: { ...RIGHT, split: "last" }, words: () => t("udpKv.why.lastSplit"), hintId: "first-equals" },
  { variant: { ...RIGHT, versionWritable: true }, words: () => t("udpKv.why.versionWritable"), hintId: "version" },
  { variant: { ...RIGHT, trims: true }, words: () => t("udpKv.why.trims"), hintId: "first-equals" },
  ...[16, 32, 64, 100, 128, 200, 256, 500, 512].map((n) => ({
    variant: { ...RIGHT, readLimit: n },
    words: () => t("udpKv.why.smallBuffer", { n }),
    hintId: "datagram-size",
  })),
];


export const checker: ExerciseChecker = {
  id: "udp-kv",
  async prepare() {
    const port = await freeUdpPort(HOST);
    return { env: { HOST, PORT: String(port) }, target: { kind: "udp", host: HOST, port } };
  },
  checks(ctx, given) {
    const server = udpTarget(given, "udp-kv");
    const wait = ctx.ms(WAIT);
    const history: { request: Buffer }[] = [];
    // The server's own version text, once a retrieve has shown it; the models answer with it.
    let version: string | undefined;
    const clients = new Map<string, DatagramPeer>();
    const client = async (letter: string): Promise<DatagramPeer> => {
      let c = clients.get(letter);
      if (!c) {
        c = await ctx.peer.datagram(4, t("udpKv.client", { letter }));
        clients.set(letter, c);
      }
      return c;
    };
    const PASS: Outcome = { passed: true };

    /** The reply each model gives to the last request, after all the requests before it. */
    const modelReply = (variant: KvVariant): Buffer | undefined => {
      const m = new KvModel(variant, version ?? "1");
      let r: Buffer | undefined;
      for (const s of history) r = m.handle(s.request);
      return r;
    };

    const insert = async (c: DatagramPeer, text: string): Promise<void> => {
      const request = Buffer.from(text, "latin1");
      history.push({ request });
      await c.send(request, server);
    };

    /** The requests sent so far, as a short list for a diagnosis (the last few). */
    const story = (): string => {
      const last = history.slice(-6).map((s) => showBytes(s.request, 60));
      return listOf([...(history.length > 6 ? ["…"] : []), ...last]);
    };

    /** Sends a retrieve and checks its reply; returns the reply (or a failure). */
    const retrieve = async (c: DatagramPeer, key: string, checkReply = true): Promise<Fail | Datagram> => {
      const request = Buffer.from(key, "latin1");
      if (isInsert(request)) throw new Error(`not a retrieve: ${key}`);
      // A datagram already waiting came before this request: a reply to an insert.
      const stray = await c.recv(0);
      if (stray) return strayReply(c, stray);
      history.push({ request });
      const cpu0 = ctx.program()?.cpuMs();
      await c.send(request, server);
      const reply = await c.recv(wait);
      const sent = t("udpKv.sentRetrieve", { client: c.label, bytes: showBytes(request, 60) });
      if (!reply) {
        const died = await gone(ctx, t("udpKv.when.retrieve"));
        const cpu = died ? undefined : await cpuNote(ctx.program(), cpu0, wait);
        return fail(`${t("udpKv.noReply", { sent, time: seconds(wait) })}${died}${died ? "" : `\n${t("udpKv.replyHow")}${cpu ? `\n${cpu}` : ""}`}`, see("udp", t("check.topic.recvfromSender")), true);
      }
      if (!sameAddress(reply.from, server)) {
        return fail(`${t("udpKv.wrongSource", { sent, from: formatInet(reply.from.address, reply.from.port), server: formatInet(server.host, server.port) })}\n${t("udpKv.sameSocket")}`, see("udp"));
      }
      if (!checkReply) return reply;
      const expected = modelReply(RIGHT)!;
      if (reply.data.equals(expected)) return reply;
      return explain(c, sent, reply, expected);
    };

    /** A datagram that no request of this client asked for: the server answered an insert. */
    const strayReply = (c: DatagramPeer, stray: Datagram): Fail => {
      const lastInsert = [...history].reverse().find((s) => isInsert(s.request));
      return {
        ...fail(t("udpKv.insertReplied", { client: c.label, insert: showBytes(lastInsert?.request ?? Buffer.alloc(0), 60), reply: showBytes(stray.data, 60) }), see("udp")),
        hintId: "insert-silent",
      };
    };

    /** A reply that is not the model's: which mistake gives the same reply, if any. */
    const explain = async (c: DatagramPeer, sent: string, reply: Datagram, expected: Buffer): Promise<Fail> => {
      const lines = [t("udpKv.wrongReply", { sent, expected: showBytes(expected, 80), got: showBytes(reply.data, 80) }), t("udpKv.after", { requests: story() })];
      for (const m of MISTAKES) {
        const r = modelReply(m.variant);
        if (r && r.equals(reply.data)) {
          lines.push(m.words());
          return { ...fail(lines.join("\n"), see("udp-protocol")), hintId: m.hintId };
        }
      }
      // The reply to an earlier insert, with the retrieve's own reply just behind it.
      const next = await c.recv(ctx.ms(100));
      if (next?.data.equals(expected)) {
        const lastInsert = [...history].reverse().find((s) => isInsert(s.request));
        return { ...fail(t("udpKv.insertReplied", { client: c.label, insert: showBytes(lastInsert?.request ?? Buffer.alloc(0), 60), reply: showBytes(reply.data, 60) }), see("udp")), hintId: "insert-silent" };
      }
      if (reply.data.length === expected.length + 1 && reply.data.subarray(0, expected.length).equals(expected)) lines.push(t("udpKv.extraByte", { byte: showBytes(reply.data.subarray(expected.length)) }));
      else lines.push(describeDifference(expected, reply.data));
      return fail(lines.join("\n"), see("udp-protocol"));
    };

    /** Waits a moment after an insert: no datagram may come back. */
    const quiet = async (c: DatagramPeer, text: string): Promise<Fail | undefined> => {
      const r = await c.recv(ctx.ms(QUIET_MS));
      if (!r) return undefined;
      return { ...fail(t("udpKv.insertReplied", { client: c.label, insert: showBytes(Buffer.from(text, "latin1"), 60), reply: showBytes(r.data, 60) }), see("udp")), hintId: "insert-silent" };
    };

    const isFail = (x: Fail | Datagram): x is Fail => "passed" in x;

    return [
      { name: t("udpKv.check.binds"), deadlineMs: 7000, hintId: "udp-calls", run: () => startAndWait(ctx, given!) },
      {
        name: t("udpKv.check.unset"),
        deadlineMs: 5000,
        hintId: "retrieve",
        run: async () => {
          requireRunning(ctx);
          const r = await retrieve(await client("A"), "colour");
          return isFail(r) ? r : PASS;
        },
      },
      {
        name: t("udpKv.check.insert"),
        deadlineMs: 8000,
        hintId: "insert-silent",
        run: async () => {
          requireRunning(ctx);
          const a = await client("A");
          const b = await client("B");
          for (const [text, by] of [
            ["colour=blue", a],
            ["colour=green", b],
          ] as const) {
            await insert(by, text);
            const q = await quiet(by, text);
            if (q) return q;
            // The other client asks: the store is the server's, not one client's.
            const r = await retrieve(by === a ? b : a, "colour");
            if (isFail(r)) return r;
          }
          return PASS;
        },
      },
      {
        name: t("udpKv.check.firstEquals"),
        deadlineMs: 8000,
        hintId: "first-equals",
        run: async () => {
          requireRunning(ctx);
          const a = await client("A");
          for (const [text, key] of [
            ["url=http://127.0.0.1/?a=1&b=2", "url"],
            ["=a value with no key", ""],
            ["empty=", "empty"],
            ["sum=1+1=2", "sum"],
          ] as const) {
            await insert(a, text);
            const r = await retrieve(a, key);
            if (isFail(r)) return r;
          }
          return PASS;
        },
      },
      {
        name: t("udpKv.check.version"),
        deadlineMs: 6000,
        hintId: "version",
        run: async () => {
          requireRunning(ctx);
          const c = await client("C");
          const first = await retrieve(c, VERSION_KEY, false);
          if (isFail(first)) return first;
          const text = first.data.toString("latin1");
          const prefix = `${VERSION_KEY}=`;
          if (!text.startsWith(prefix) || text.length === prefix.length) {
            return fail(t("udpKv.versionEmpty", { client: c.label, got: showBytes(first.data, 80) }), see("udp-protocol"));
          }
          version = text.slice(prefix.length);
          await insert(c, `${VERSION_KEY}=changed by the checker`);
          const again = await retrieve(c, VERSION_KEY);
          return isFail(again) ? again : PASS;
        },
      },
      {
        name: t("udpKv.check.big"),
        deadlineMs: 5000,
        hintId: "datagram-size",
        run: async () => {
          requireRunning(ctx);
          const d = await client("D");
          const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 =";
          let value = "";
          for (let i = 0; value.length < 996; i++) value += alphabet[i % alphabet.length];
          await insert(d, `big=${value}`);
          const r = await retrieve(d, "big");
          return isFail(r) ? r : PASS;
        },
      },
      {
        name: t("udpKv.check.seeded"),
        deadlineMs: ctx.seeds.length * 6000 + 2000,
        hintId: "retrieve",
        run: async () => {
          requireRunning(ctx);
          const e = await client("E");
          const f = await client("F");
          const r = await eachSeed(ctx, async (seed) => {
            for (const op of seededOps(seed)) {
              const by = op.client === "E" ? e : f;
              if (op.kind === "insert") await insert(by, op.text);
              else {
                const got = await retrieve(by, op.text);
                if (isFail(got)) return got;
              }
            }
            return undefined;
          });
          return r ?? PASS;
        },
      },
    ];
  },
};

/** Printable ASCII (0x20–0x7e) without `=`, for keys. */
function keyText(rng: Rng, max: number): string {
  let s = "";
  const n = rng.int(1, max);
  for (let i = 0; i < n; i++) {
    let c = rng.int(0x20, 0x7e);
    if (c === 0x3d) c = 0x2d;
    s += String.fromCharCode(c);
  }
  return s === VERSION_KEY ? `${s}!` : s;
}

/** Printable ASCII, `=` included, for values (may be empty). */
function valueText(rng: Rng, max: number): string {
  let s = "";
  const n = rng.int(0, max);
  for (let i = 0; i < n; i++) s += rng.chance(0.1) ? "=" : String.fromCharCode(rng.int(0x20, 0x7e));
  return s;
}

export type KvOp = { kind: "insert" | "retrieve"; text: string; client: "E" | "F" };

/**
 * One seed's requests: a few keys (spaces and punctuation included, at the ends too), each inserted,
 * overwritten or not, and retrieved by either client; one retrieve of a key never set.
 */
export function seededOps(seed: number): KvOp[] {
  const rng = new Rng(seed);
  const who = (): "E" | "F" => (rng.chance(0.5) ? "E" : "F");
  const ops: KvOp[] = [];
  // The second key has spaces around it, and the third value ends with one: they are part of it.
  const keys = Array.from({ length: 4 }, (_, i) => (i === 1 ? ` ${i}${keyText(rng, 12)} ` : `${i}${keyText(rng, 12)}`));
  for (const [i, key] of keys.entries()) {
    ops.push({ kind: "insert", text: `${key}=${valueText(rng, 60)}${i === 2 ? " " : ""}`, client: who() });
    if (rng.chance(0.5)) ops.push({ kind: "insert", text: `${key}=${valueText(rng, 60)}`, client: who() });
    ops.push({ kind: "retrieve", text: key, client: who() });
  }
  ops.push({ kind: "retrieve", text: `never set ${keyText(rng, 8)}`, client: who() });
  return ops;
}
