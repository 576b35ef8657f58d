import { t } from "../../text/catalog.js";
import { asciiUpper, describeDifference, showBytes } from "../bytes.js";
import { cpuNote, seconds } from "../diagnose.js";
import { see } from "../lessons.js";
import type { Datagram, DatagramPeer, Target } from "../peer.js";
import { freeUdpPort } from "../ports.js";
import { formatInet } from "../procnet.js";
import { startAndWait } from "../ready.js";
import type { CheckContext, ExerciseChecker, Outcome } from "../types.js";
import { fail, requireRunning, type Fail } from "../common/stream.js";
import { gone, sameAddress as same, udpTarget as targetOf, type Udp } from "../common/udp.js";
import { listOf } from "../../text/list.js";

/**
 * udp-upper: datagrams in, upper-cased datagrams out, each to its sender.
 * The checker is several UDP clients on their own ports.
 */

const WAIT = 2000;
const HOST = "127.0.0.1";

const udpTarget = (given: Target | undefined): Udp => targetOf(given, "udp-upper");

/** One datagram, one reply: checks the reply's bytes and where it came from. `when` says after what the program may have died. */
async function exchange(ctx: CheckContext, server: Udp, client: DatagramPeer, payload: Buffer, when: string): Promise<Fail | undefined> {
  const wait = ctx.ms(WAIT);
  const cpu0 = ctx.program()?.cpuMs();
  await client.send(payload, server);
  const reply = await client.recv(wait);
  const sent = t("udpUpper.sent", { client: client.label, n: payload.length, bytes: showBytes(payload), from: formatInet(HOST, client.port) });
  if (!reply) {
    const died = await gone(ctx, when);
    const cpu = await cpuNote(ctx.program(), cpu0, wait);
    // No reply at all: every later check would wait the same way.
    return fail(
      `${t("udpUpper.noReply", { sent, time: seconds(wait) })}${died}${died ? "" : `\n${t("udpUpper.replyHow")} ${t("udpUpper.otherAddress")}${cpu ? `\n${cpu}` : ""}`}`,
      see("udp", t("check.topic.recvfromSender")),
      true,
    );
  }
  return checkReply(sent, reply, asciiUpper(payload), server);
}

/** `sent` says who sent what ("client A sent a 10-byte datagram …"); the diagnosis continues it. */
function checkReply(sent: string, reply: Datagram, expected: Buffer, server: Udp): Fail | undefined {
  if (!same(reply.from, server)) {
    const from = formatInet(reply.from.address, reply.from.port);
    return fail(`${t("udpUpper.wrongSource", { sent, from, server: formatInet(server.host, server.port) })}\n${t("udpUpper.help.sameSocket")}`, see("udp"));
  }
  if (reply.data.equals(expected)) return undefined;
  const lines = [t("udpUpper.notUpper", { sent }), describeDifference(expected, reply.data)];
  if (reply.data.length < expected.length && expected.subarray(0, reply.data.length).equals(reply.data)) {
    lines.push(t("udpUpper.truncated", { n: reply.data.length }));
  } else if (reply.data.length > expected.length && reply.data.subarray(0, expected.length).equals(expected)) {
    lines.push(t("udpUpper.merged"));
  } else if (reply.data.length === expected.length) {
    lines.push(t("udpUpper.onlyLetters"));
  }
  return fail(lines.join("\n"), see("udp"));
}

export const checker: ExerciseChecker = {
  id: "udp-upper",
  async prepare() {
    const port = await freeUdpPort(HOST);
    return { env: { HOST, PORT: String(port) }, target: { kind: "udp", host: HOST, port } };
  },
  checks(ctx, given) {
    const server = udpTarget(given);
    const wait = ctx.ms(WAIT);
    /** The checker's clients are named by a letter: client A, client B… */
    const client = (letter: string): Promise<DatagramPeer> => ctx.peer.datagram(4, t("udpUpper.client", { letter }));
    const PASS: Outcome = { passed: true };
    return [
      { name: t("udpUpper.check.binds"), deadlineMs: 7000, hintId: "udp-calls", run: () => startAndWait(ctx, given!) },
      {
        name: t("udpUpper.check.upper"),
        deadlineMs: 5000,
        hintId: "reply-address",
        run: async () => {
          requireRunning(ctx);
          // Payloads are data on the wire: their bytes are compared, not translated.
          return (await exchange(ctx, server, await client("A"), Buffer.from("hello, udp"), t("udpUpper.when.first"))) ?? PASS;
        },
      },
      {
        name: t("udpUpper.check.senders"),
        deadlineMs: 6000,
        hintId: "reply-address",
        run: async () => {
          requireRunning(ctx);
          const b = await client("B");
          const c = await client("C");
          const pb = Buffer.from(`this is client b on port ${b.port}`);
          const pc = Buffer.from(`this is client c on port ${c.port}`);
          await b.send(pb, server);
          await c.send(pc, server);
          const [rb, rc] = await Promise.all([b.recv(wait), c.recv(wait)]);
          // A stray second reply shows a server that answers a remembered address.
          const [xb, xc] = await Promise.all([b.recv(rb && rc ? 50 : 300), c.recv(rb && rc ? 50 : 300)]);
          const eb = asciiUpper(pb);
          const ec = asciiUpper(pc);
          const lines: string[] = [];
          let crossed = false;
          for (const [peer, sentBytes, r, extra, want, other] of [
            [b, pb, rb, xb, eb, ec],
            [c, pc, rc, xc, ec, eb],
          ] as const) {
            const who = { client: peer.label, port: peer.port };
            const got = [r, extra].filter((d): d is Datagram => d !== undefined);
            if (got.some((d) => d.data.equals(other))) {
              crossed = true;
              lines.push(t("udpUpper.crossed", who));
            } else if (!got.length) lines.push(t("udpUpper.noReplyFor", { ...who, bytes: showBytes(sentBytes), time: seconds(wait) }));
            else {
              const f = checkReply(t("udpUpper.sentFromPort", { ...who, bytes: showBytes(sentBytes) }), got[0]!, want, server);
              if (f) lines.push(f.detail);
            }
          }
          if (!lines.length) return PASS;
          // Replies going to the wrong client (or nowhere) would make every later check wait in vain.
          const stop = crossed || (!rb && !rc);
          return fail(
            `${t("udpUpper.twoClients", { b: b.port, c: c.port })}\n${lines.join("\n")}\n${t("udpUpper.replyHow")}${await gone(ctx, t("check.when.duringCheck"))}`,
            see("udp", t("check.topic.manyPeers")),
            stop,
          );
        },
      },
      {
        name: t("udpUpper.check.boundaries"),
        deadlineMs: 6000,
        hintId: "udp-calls",
        run: async () => {
          requireRunning(ctx);
          const d = await client("D");
          const sent = ["one", "two", "three"].map((s) => Buffer.from(s));
          for (const s of sent) await d.send(s, server);
          const got: Buffer[] = [];
          const deadline = Date.now() + wait;
          while (got.length < 3 && Date.now() < deadline) {
            const r = await d.recv(deadline - Date.now());
            if (r) got.push(r.data);
          }
          const extra = await d.recv(50);
          if (extra) got.push(extra.data);
          const want = sent.map((s) => asciiUpper(s).toString("latin1")).sort();
          const have = got.map((g) => g.toString("latin1")).sort();
          if (have.length === 3 && have.every((h, i) => h === want[i])) return PASS;
          const summary = t("udpUpper.boundaries", {
            client: d.label,
            sent: listOf(sent.map((s) => showBytes(s))),
            time: seconds(wait),
            n: got.length,
            replies: listOf(got.map((g) => showBytes(g))),
          });
          return fail(`${summary}\n${t("udpUpper.help.boundaries")}${await gone(ctx, t("check.when.duringCheck"))}`, see("udp", t("check.topic.boundaries")));
        },
      },
      {
        name: t("udpUpper.check.big"),
        deadlineMs: 5000,
        hintId: "datagram-size",
        run: async () => {
          requireRunning(ctx);
          const payload = Buffer.alloc(1400);
          for (let i = 0; i < payload.length; i++) payload[i] = "abcdefghijklmnopqrstuvwxyz0123456789 "[i % 37]!.charCodeAt(0);
          return (await exchange(ctx, server, await client("E"), payload, t("udpUpper.when.big"))) ?? PASS;
        },
      },
      {
        name: t("udpUpper.check.onlyLetters"),
        deadlineMs: 5000,
        hintId: "upper-bytes",
        run: async () => {
          requireRunning(ctx);
          const payload = Buffer.concat([Buffer.from("Mixed: abc XYZ 123 "), Buffer.from([0x00, 0x7f, 0x80, 0xe9, 0xff]), Buffer.from(" café ß")]);
          return (await exchange(ctx, server, await client("F"), payload, t("udpUpper.when.nonAscii"))) ?? PASS;
        },
      },
    ];
  },
};
