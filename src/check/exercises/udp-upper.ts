import { asciiUpper, describeDifference, plural, showBytes } from "../bytes.js";
import { cpuNote, exitStory, seconds } from "../diagnose.js";
import { see } from "../lessons.js";
import type { Datagram, DatagramPeer, Target } from "../peer.js";
import { freeUdpPort } from "../ports.js";
import { formatInet } from "../procnet.js";
import { startAndWait } from "../ready.js";
import type { CheckContext, ExerciseChecker, Outcome } from "../types.js";
import { fail, requireRunning, type Fail } from "./stream.js";

/**
 * udp-upper: datagrams in, upper-cased datagrams out, each to its sender.
 * The checker is several UDP clients on their own ports.
 */

const WAIT = 2000;
const HOST = "127.0.0.1";

type Udp = { host: string; port: number };

function udpTarget(t: Target | undefined): Udp {
  if (!t || t.kind !== "udp") throw new Error("udp-upper needs a UDP target");
  return { host: t.host, port: t.port };
}

const REPLY_HOW = "Answer with sendto(reply, addr) on the same socket, where addr is the address recvfrom() returned with this datagram (in Node.js: socket.send(reply, rinfo.port, rinfo.address)).";

function from(c: DatagramPeer): string {
  return `from ${formatInet(HOST, c.port)}`;
}

function same(a: { address: string; port: number }, b: Udp): boolean {
  return a.port === b.port && a.address.replace(/^::ffff:/, "") === b.host;
}

async function gone(ctx: CheckContext, what: string): Promise<string> {
  const p = ctx.program();
  if (p && !p.exit()) await p.waitExit(100);
  return p?.exit() ? `\n${exitStory(p, ctx.env, what)}` : "";
}

/** One datagram, one reply: checks the reply's bytes and where it came from. */
async function exchange(ctx: CheckContext, server: Udp, client: DatagramPeer, payload: Buffer, what: string): Promise<Fail | undefined> {
  const wait = ctx.ms(WAIT);
  const cpu0 = ctx.program()?.cpuMs();
  await client.send(payload, server);
  const reply = await client.recv(wait);
  const sent = `${client.label} sent a ${payload.length}-byte datagram ${showBytes(payload)} ${from(client)}`;
  if (!reply) {
    const died = await gone(ctx, `after receiving ${what}`);
    const cpu = await cpuNote(ctx.program(), cpu0, wait);
    // No reply at all: every later check would wait the same way.
    return fail(
      `${sent}, waited ${seconds(wait)} for the reply, got nothing.${died}${died ? "" : `\n${REPLY_HOW} A reply sent to any other address never reaches the client.${cpu ? `\n${cpu}` : ""}`}`,
      see("udp", "recvfrom tells you who sent it"),
      true,
    );
  }
  return checkReply(sent, reply, asciiUpper(payload), server);
}

function checkReply(sent: string, reply: Datagram, expected: Buffer, server: Udp): Fail | undefined {
  if (!same(reply.from, server)) {
    return fail(
      `${sent}; the reply came from ${formatInet(reply.from.address, reply.from.port)}, not from the server's address ${formatInet(server.host, server.port)}.\n` +
        "Reply from the socket that received the datagram: a client that connect()s its UDP socket only accepts datagrams from the address it sent to.",
      see("udp"),
    );
  }
  if (reply.data.equals(expected)) return undefined;
  const lines = [`${sent}; the reply is not the same bytes in ASCII upper case:`, describeDifference(expected, reply.data)];
  if (reply.data.length < expected.length && expected.subarray(0, reply.data.length).equals(reply.data)) {
    lines.push(
      `Only the first ${reply.data.length} bytes came back: the receive buffer was smaller than the datagram. recvfrom(${reply.data.length}) returns at most ${reply.data.length} bytes of a datagram, and the kernel discards the rest (unlike TCP, nothing is kept for the next call). Use a buffer of 65535 bytes.`,
    );
  } else if (reply.data.length > expected.length && reply.data.subarray(0, expected.length).equals(expected)) {
    lines.push("One reply held more than this datagram: answer each datagram on its own, with one sendto() per recvfrom(); UDP keeps the boundaries for you.");
  } else if (reply.data.length === expected.length) {
    lines.push("Change only the bytes a–z (0x61–0x7a) to A–Z; every other byte must come back unchanged. Work on the bytes, not on decoded text: 'é'.upper() is 'É', a different byte, and some bytes are not valid text at all.");
  }
  return fail(lines.join("\n"), see("udp"));
}

export const checker: ExerciseChecker = {
  id: "udp-upper",
  async prepare() {
    const port = await freeUdpPort(HOST);
    return { env: { HOST, PORT: String(port) }, target: { kind: "udp", host: HOST, port } };
  },
  checks(ctx, t) {
    const server = udpTarget(t);
    const wait = ctx.ms(WAIT);
    const client = (label: string): Promise<DatagramPeer> => ctx.peer.datagram(4, label);
    const PASS: Outcome = { passed: true };
    return [
      { name: "starts and binds a UDP socket on HOST:PORT", deadlineMs: 7000, run: () => startAndWait(ctx, t!) },
      {
        name: "answers a datagram with the same bytes in upper case",
        deadlineMs: 5000,
        run: async () => {
          requireRunning(ctx);
          return (await exchange(ctx, server, await client("client A"), Buffer.from("hello, udp"), "the first datagram")) ?? PASS;
        },
      },
      {
        name: "replies to each sender's own address (two clients on different ports)",
        deadlineMs: 6000,
        run: async () => {
          requireRunning(ctx);
          const b = await client("client B");
          const c = await client("client C");
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
          for (const [who, r, extra, want, other, port] of [
            ["client B", rb, xb, eb, ec, b.port],
            ["client C", rc, xc, ec, eb, c.port],
          ] as const) {
            const got = [r, extra].filter((d): d is Datagram => d !== undefined);
            if (got.some((d) => d.data.equals(other))) lines.push(`${who} (port ${port}) received the reply meant for the other client: your program sends replies to one remembered address instead of each datagram's sender.`);
            else if (!got.length) lines.push(`${who} (port ${port}) sent ${showBytes(who === "client B" ? pb : pc)} and got no reply within ${seconds(wait)}.`);
            else {
              const f = checkReply(`${who} sent ${showBytes(who === "client B" ? pb : pc)} from port ${port}`, got[0]!, want, server);
              if (f) lines.push(f.detail);
            }
          }
          if (!lines.length) return PASS;
          // Replies going to the wrong client (or nowhere) would make every later check wait in vain.
          const stop = lines.some((l) => l.includes("meant for the other")) || (!rb && !rc);
          return fail(
            `Two clients on different ports (${b.port} and ${c.port}) each sent one datagram.\n${lines.join("\n")}\n${REPLY_HOW}${await gone(ctx, "during this check")}`,
            see("udp", "one socket serving many peers"),
            stop,
          );
        },
      },
      {
        name: "keeps datagram boundaries: 3 datagrams sent back to back get 3 replies",
        deadlineMs: 6000,
        run: async () => {
          requireRunning(ctx);
          const d = await client("client D");
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
          return fail(
            `client D sent 3 datagrams back to back: ${sent.map((s) => showBytes(s)).join(", ")}; within ${seconds(wait)} it got ${plural(got.length, "reply", "replies")}${got.length ? `: ${got.map((g) => showBytes(g)).join(", ")}` : ""}.\n` +
              "UDP keeps message boundaries: each recvfrom() returns exactly one datagram, and each deserves exactly one reply (sent back with one sendto())." +
              (await gone(ctx, "during this check")),
            see("udp", "boundaries kept"),
          );
        },
      },
      {
        name: "a 1400-byte datagram comes back whole",
        deadlineMs: 5000,
        run: async () => {
          requireRunning(ctx);
          const payload = Buffer.alloc(1400);
          for (let i = 0; i < payload.length; i++) payload[i] = "abcdefghijklmnopqrstuvwxyz0123456789 "[i % 37]!.charCodeAt(0);
          return (await exchange(ctx, server, await client("client E"), payload, "a 1400-byte datagram")) ?? PASS;
        },
      },
      {
        name: "changes only the ASCII letters a-z (every other byte comes back as it was)",
        deadlineMs: 5000,
        run: async () => {
          requireRunning(ctx);
          const payload = Buffer.concat([Buffer.from("Mixed: abc XYZ 123 "), Buffer.from([0x00, 0x7f, 0x80, 0xe9, 0xff]), Buffer.from(" café ß")]);
          return (await exchange(ctx, server, await client("client F"), payload, "a datagram with non-ASCII bytes")) ?? PASS;
        },
      },
    ];
  },
};
