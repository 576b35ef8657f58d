import { t } from "../../text/catalog.js";
import { formatSize } from "../../text/units.js";
import { showBytes } from "../bytes.js";
import { exitStory, seconds } from "../diagnose.js";
import { see } from "../lessons.js";
import type { StreamConn, StreamTarget, Target } from "../peer.js";
import { startAndWait } from "../ready.js";
import { makePlan, type Plan } from "../traffic.js";
import { sendPlan } from "../transport.js";
import type { CheckContext, ExerciseChecker, Outcome } from "../types.js";
import { slowVolume } from "../common/slow-reader.js";
import { connectOrExplain, eachSeed, fail, isFail, requireRunning, sentWords, type Fail, prepareTcpServer } from "../common/stream.js";

/**
 * chat-room: a room of named members; each line a member sends goes to every other
 * member. The checker keeps a model of the room: who is in it and, for each member, the
 * lines still due to it. Every action (a join, a line, a leave) adds to those, and
 * `settle` reads each member's connection until its due lines have come, then compares
 * them, so a failure names the member, what it should have got, and what it got.
 * Events happen one at a time (each settled before the next): between two members'
 * events the order of lines is not fixed by the protocol.
 */

const HOST = "127.0.0.1";
const WAIT = 2000;
const PASS: Outcome = { passed: true };
export const WELCOME = "welcome: what's your name?\n";
/** The limit of pending output above which a server may drop a member that does not read. */
export const DROP_LIMIT = 64 * 1024;
/** The members' names, in the order they join (data on the wire). "ann" after "Ann": names are case-sensitive. */
const NAMES = ["Ann", "Bob", "Cat", "Dan", "Eve", "ann", "Fay", "Gus", "Hal", "Ivy"];

function tcp(given: Target | undefined): StreamTarget {
  if (!given || given.kind !== "tcp") throw new Error("chat-room needs a TCP target");
  return given;
}

/** A line a member should get: exact bytes, or the in-room list (names in any order). */
type Due = { line: string } | { inRoom: string[] };

interface Member {
  name: string;
  conn: StreamConn;
  due: Due[];
  /** Bytes received and not yet matched to a due line. */
  got: Buffer;
}

function dueText(d: Due): string {
  return "line" in d ? d.line : `* in the room: ${d.inRoom.join(", ")}\n`;
}

function matches(d: Due, line: string): boolean {
  if ("line" in d) return d.line === line;
  const m = /^\* in the room: (.*)\n$/.exec(line);
  if (!m) return false;
  const names = m[1] === "" ? [] : m[1]!.split(", ");
  return names.length === d.inRoom.length && d.inRoom.every((n) => names.includes(n));
}

function linesOf(b: Buffer): { lines: string[]; rest: string } {
  const text = b.toString("latin1");
  const parts = text.split(/(?<=\n)/);
  const rest = parts.length > 0 && !parts[parts.length - 1]!.endsWith("\n") ? parts.pop()! : "";
  return { lines: parts, rest };
}

/** Reads from conn until `count` newlines in all (with what is already in `have`), an end, or idleMs without bytes. */
async function readUntilLines(conn: StreamConn, have: Buffer, count: number, idleMs: number): Promise<{ data: Buffer; end?: string }> {
  const parts = [have];
  let newlines = 0;
  for (const x of have) if (x === 0x0a) newlines++;
  for (let i = 0; i < 1_000_000 && newlines < count; i++) {
    const first = await conn.read(1, { idleMs });
    parts.push(first.data);
    if (first.end !== "complete") return { data: Buffer.concat(parts), end: first.end === "reset" ? "reset" : first.end === "timeout" ? "timeout" : "eof" };
    const more = await conn.readFor(0);
    parts.push(more.data);
    for (const b of [first.data, more.data]) for (const x of b) if (x === 0x0a) newlines++;
  }
  return { data: Buffer.concat(parts) };
}

class Room {
  readonly members: Member[] = [];
  constructor(
    private readonly ctx: CheckContext,
    private readonly target: StreamTarget,
    private readonly wait: number,
  ) {}

  others(m: Member): Member[] {
    return this.members.filter((x) => x !== m);
  }

  /** Connects a newcomer; sends its name in the seed's pieces. Returns the member (not yet settled) or a failure. */
  async join(name: string, seed: number): Promise<Member | Fail> {
    requireRunning(this.ctx);
    const conn = await connectOrExplain(this.ctx, this.target, name, t("stream.when.connected"));
    if (isFail(conn)) return conn;
    const welcome = await readUntilLines(conn, Buffer.alloc(0), 1, this.wait);
    const w = welcome.data.toString("latin1");
    if (!w.startsWith(WELCOME)) {
      conn.close();
      return this.failed([t("chatRoom.noWelcome", { name, expected: showBytes(Buffer.from(WELCOME)), got: showBytes(welcome.data), end: endText(welcome.end, this.wait) })]);
    }
    const plan = makePlan(seed, [Buffer.from(`${name}\n`)]);
    const m: Member = { name, conn, due: [{ inRoom: this.members.map((x) => x.name) }], got: welcome.data.subarray(WELCOME.length) };
    for (const o of this.members) o.due.push({ line: `* ${name} joined\n` });
    this.members.push(m);
    const send = await sendPlan(this.ctx, conn, plan);
    const f = await this.settle(t("chatRoom.event.joined", { name, how: sentWords(Buffer.from(`${name}\n`), send, false, plan, send.paced) }), plan);
    return f ?? m;
  }

  /** X sends lines (in the seed's pieces); every other member is due "[X] L". */
  async say(m: Member, lines: string[], seed: number): Promise<Fail | undefined> {
    const bytes = lines.map((l) => Buffer.from(`${l}\n`));
    const plan = makePlan(seed, bytes);
    for (const o of this.others(m)) for (const l of lines) o.due.push({ line: `[${m.name}] ${l}\n` });
    const send = await sendPlan(this.ctx, m.conn, plan);
    const f = await this.settle(t("chatRoom.event.said", { name: m.name, how: sentWords(Buffer.concat(bytes), send, false, plan, send.paced) }), plan, m);
    if (f) return f;
    // The sender must get nothing back: an echo shows up within moments.
    const echo = await m.conn.readFor(this.ctx.ms(30));
    if (echo.data.length === 0) return undefined;
    m.got = Buffer.concat([m.got, echo.data]);
    return this.failed([t("chatRoom.event.said", { name: m.name, how: sentWords(Buffer.concat(bytes), send, false, plan, send.paced) }), t("chatRoom.echoed", { name: m.name, got: showBytes(echo.data, 64) }), t("chatRoom.help.notSender")]);
  }

  /** X leaves: with a FIN, or a reset. */
  async leave(m: Member, how: "close" | "reset"): Promise<Fail | undefined> {
    this.members.splice(this.members.indexOf(m), 1);
    for (const o of this.members) o.due.push({ line: `* ${m.name} left\n` });
    if (how === "reset" && m.conn.reset) m.conn.reset();
    else m.conn.close();
    return this.settle(how === "reset" ? t("chatRoom.event.reset", { name: m.name }) : t("chatRoom.event.left", { name: m.name }));
  }

  /**
   * Reads every member until its due lines have come; compares them in order. `event`
   * says what just happened (a sentence), for the diagnosis.
   */
  async settle(event: string, plan?: Plan, speaker?: Member): Promise<Fail | undefined> {
    const results = await Promise.all(
      this.members.map(async (m) => {
        const r = await readUntilLines(m.conn, m.got, m.due.length, this.wait);
        return { m, r };
      }),
    );
    for (const { m, r } of results) {
      const { lines, rest } = linesOf(r.data);
      const n = Math.min(lines.length, m.due.length);
      let k = 0;
      while (k < n && matches(m.due[k]!, lines[k]!)) k++;
      if (k === m.due.length) {
        m.due = [];
        m.got = Buffer.from(lines.slice(k).join("") + rest, "latin1");
        continue;
      }
      return this.failed([event, ...this.explain(m, m.due.slice(k), lines.slice(k), rest, r.end, plan, speaker)]);
    }
    return undefined;
  }

  private explain(m: Member, due: Due[], got: string[], rest: string, end: string | undefined, plan: Plan | undefined, speaker: Member | undefined): string[] {
    const expected = showBytes(Buffer.from(due.map(dueText).join(""), "latin1"), 96);
    const shown = showBytes(Buffer.from(got.join("") + rest, "latin1"), 96);
    const out = [got.length === 0 && rest === "" ? t("chatRoom.gotNothing", { name: m.name, expected, end: endText(end, this.wait) }) : t("chatRoom.gotOther", { name: m.name, expected, got: shown })];
    const first = got[0];
    const want = due[0]!;
    if (first !== undefined && "line" in want) {
      const wm = /^\[([^\]]+)\] (.*)\n$/.exec(want.line);
      const gm = first !== undefined ? /^\[([^\]]+)\] (.*)\n$/.exec(first) : null;
      // "[Ann] hello\n" then "second\n": one recv() of two lines forwarded as one message.
      if (wm && !gm && want.line === `[${wm[1]}] ${first}`) {
        // The first line went out with its prefix (and matched); the next one without.
        out.push(t("chatRoom.help.glued", { name: wm[1]! }));
      } else if (wm && gm && wm[1] === gm[1] && wm[2] === gm[2] && got[1] !== undefined && due[1] && "line" in due[1] && due[1].line.endsWith(`] ${got[1]}`)) {
        out.push(t("chatRoom.help.glued", { name: wm[1]! }));
      } else if (wm && gm && wm[1] === gm[1] && gm[2]!.length < wm[2]!.length && wm[2]!.startsWith(gm[2]!) && (plan?.pieces.length ?? 1) > 1) {
        out.push(t("chatRoom.help.piece", { name: wm[1]!, pieces: plan!.pieces.length }));
      }
    }
    if (speaker && got.some((l) => l.startsWith(`[${speaker.name}] `)) && m === speaker) out.push(t("chatRoom.help.notSender"));
    return out;
  }

  failed(lines: string[]): Fail {
    const p = this.ctx.program();
    const died = p?.exit() ? `\n${exitStory(p, this.ctx.env, t("stream.when.exchange"))}` : "";
    // The room's state is no longer known (lines due, members in it): later checks would only fail with it.
    return fail(lines.join("\n") + died, see("nonblocking"), true);
  }

  closeAll(): void {
    for (const m of this.members.splice(0)) m.conn.close();
  }
}

function endText(end: string | undefined, waitMs: number): string {
  if (end === "eof") return t("stream.end.closed");
  if (end === "reset") return t("stream.end.reset", { code: "ECONNRESET" });
  return t("stream.end.nothing", { time: seconds(waitMs) });
}

export const checker: ExerciseChecker = {
  id: "chat-room",
  prepare: () => prepareTcpServer(HOST),
  checks(ctx, given) {
    const target = tcp(given);
    const wait = ctx.ms(WAIT);
    const room = new Room(ctx, target, wait);
    let joined = 0;
    /** Joins the next names until the room has `n` members. */
    const fill = async (n: number, seedOf: (i: number) => number): Promise<Fail | undefined> => {
      for (let i = 0; room.members.length < n && joined < NAMES.length && i < NAMES.length; i++) {
        const m = await room.join(NAMES[joined]!, seedOf(joined));
        joined++;
        if (isFail(m)) return m;
      }
      return undefined;
    };
    const seed = (i: number): number => ctx.seeds[i % ctx.seeds.length]!;
    return [
      { name: t("check.name.startsListening", { address: "HOST:PORT" }), deadlineMs: 7000, hintId: "names", run: () => startAndWait(ctx, target) },
      {
        name: t("chatRoom.check.join"),
        deadlineMs: 15000,
        hintId: "names",
        // One newcomer per seed, its name cut by that seed: the first finds the room empty.
        run: async () => (await eachSeed(ctx, async (s) => {
          const m = await room.join(NAMES[joined++]!, s);
          return isFail(m) ? m : undefined;
        })) ?? PASS,
      },
      {
        name: t("chatRoom.check.badNames"),
        deadlineMs: 15000,
        hintId: "names",
        run: async () => (await badNames(ctx, target, room, wait)) ?? PASS,
      },
      {
        name: t("chatRoom.check.lines"),
        deadlineMs: 20000,
        hintId: "line-buffer",
        run: async () => {
          const f = await fill(3, seed);
          if (f) return f;
          const [a, b] = room.members;
          const g = await eachSeed(ctx, async (s) => (await room.say(a!, ["hello everyone", "a second line"], s)) ?? (await room.say(b!, [`hi ${a!.name}`], s + 1)));
          return g ?? PASS;
        },
      },
      {
        name: t("chatRoom.check.ten"),
        deadlineMs: 20000,
        hintId: "many",
        run: async () => {
          const f = await fill(10, seed);
          if (f) return f;
          const last = room.members[room.members.length - 1]!;
          return (await room.say(last, [`${room.members.length} of us here`], seed(0))) ?? PASS;
        },
      },
      {
        name: t("chatRoom.check.leave"),
        deadlineMs: 20000,
        hintId: "leaving",
        run: async () => {
          // Down to three members: some leave with a FIN, one with a reset, and the room goes on.
          for (let i = 0; room.members.length > 3 && i < NAMES.length; i++) {
            const m = room.members[room.members.length - 1]!;
            const f = await room.leave(m, i === 1 ? "reset" : "close");
            if (f) return f;
          }
          return (await room.say(room.members[0]!, ["still here"], seed(1))) ?? PASS;
        },
      },
      {
        name: t("chatRoom.check.slow"),
        deadlineMs: 40000,
        hintId: "slow",
        run: async () => {
          const f = await fill(3, seed);
          if (f) return f;
          return (await slowMember(ctx, room, wait)) ?? PASS;
        },
      },
    ];
  },
};

/** Names that must be refused: each gets a line starting with "error", then the close. */
async function badNames(ctx: CheckContext, target: StreamTarget, room: Room, wait: number): Promise<Fail | undefined> {
  const taken = room.members[0]?.name ?? "Ann";
  // Data on the wire.
  const cases: Array<{ name: string; why: string }> = [
    { name: taken, why: t("chatRoom.why.taken") },
    { name: "two words", why: t("chatRoom.why.space") },
    { name: "a-b", why: t("chatRoom.why.dash") },
    { name: "abcdefghijklmnopq", why: t("chatRoom.why.long") },
  ];
  for (const [i, c] of cases.entries()) {
    requireRunning(ctx);
    const conn = await connectOrExplain(ctx, target, t("chatRoom.label.newcomer"), t("stream.when.connected"));
    if (isFail(conn)) return conn;
    try {
      const welcome = await readUntilLines(conn, Buffer.alloc(0), 1, wait);
      const rest = welcome.data.subarray(WELCOME.length);
      const plan = makePlan(ctx.seeds[i % ctx.seeds.length]!, [Buffer.from(`${c.name}\n`)]);
      await sendPlan(ctx, conn, plan);
      const r = await readUntilLines(conn, rest, 1, wait);
      const got = r.data.toString("latin1");
      const sent = t("chatRoom.sentName", { name: showBytes(Buffer.from(`${c.name}\n`)), why: c.why });
      if (!got.startsWith("error")) return room.failed([sent, t("chatRoom.noError", { got: showBytes(r.data, 64), end: endText(r.end, wait) }), t("chatRoom.help.names")]);
      const after = r.end ? { end: r.end, data: Buffer.alloc(0) } : await conn.readToEnd({ idleMs: wait, max: 65536 });
      if (after.end !== "eof" && after.end !== "reset") return room.failed([sent, t("chatRoom.errorNoClose", { time: seconds(wait) }), t("chatRoom.help.names")]);
    } finally {
      conn.close();
    }
  }
  // Nobody in the room heard of them.
  return room.settle(t("chatRoom.event.refused"));
}

/**
 * A member that stops reading while another one sends more than all the buffers hold.
 * The third member must get every line, with no gap over 2 s. The server may drop the
 * slow member (announcing "* S left") once more than 64 KiB wait for it; if it keeps
 * it, the slow member must get every line when it reads again.
 */
async function slowMember(ctx: CheckContext, room: Room, wait: number): Promise<Fail | undefined> {
  const [talker, listener, slow] = room.members as [Member, Member, Member];
  slow.conn.holdReading(true);
  const volume = slowVolume();
  const line = "x".repeat(990);
  const count = Math.ceil(volume / (line.length + 8));
  const forward = Buffer.from(`[${talker.name}] ${line}\n`);
  const leftLine = `* ${slow.name} left\n`;
  // The listener reads everything as it comes, counting lines; the talker writes in
  // batches of 64 lines, but never more than LAG lines ahead of what the listener has
  // got: a chat, not a flood, so a server that keeps up with a reading member never
  // has much waiting for it. Only the member that does not read falls behind.
  const LAG = 128;
  const parts: Buffer[] = [listener.got];
  let seen = 0;
  for (const x of listener.got) if (x === 0x0a) seen++;
  let end: string | undefined;
  let lastProgress = Date.now();
  const listening = (async () => {
    for (let i = 0; i < 1_000_000 && seen < count + 1 && end === undefined; i++) {
      const first = await listener.conn.read(1, { idleMs: wait });
      parts.push(first.data);
      if (first.end !== "complete") {
        end = first.end === "reset" ? "reset" : first.end === "timeout" ? "timeout" : "eof";
        break;
      }
      const more = await listener.conn.readFor(0);
      parts.push(more.data);
      for (const b of [first.data, more.data]) for (const x of b) if (x === 0x0a) seen++;
      lastProgress = Date.now();
    }
  })();
  const batch = Buffer.from(`${line}\n`.repeat(64));
  let written = 0;
  for (let i = 0; i < count && !ctx.signal.aborted; i += 64) {
    const n = Math.min(64, count - i);
    const w = await talker.conn.write(n === 64 ? batch : batch.subarray(0, n * (line.length + 1)));
    if (!w.ok) break;
    written += n;
    // Bounded: the listener reads, ends, or has had nothing for `wait`.
    while (seen < written - LAG && end === undefined && Date.now() - lastProgress < wait && !ctx.signal.aborted) await ctx.sleep(1);
    if (end !== undefined || Date.now() - lastProgress >= wait) break;
  }
  // The last lines, and the drop notice if the server drops the slow member: the read
  // loop ends once they are all there, or after `wait` without a byte (a server that
  // keeps the slow member sends no notice).
  await listening;
  const r = { data: Buffer.concat(parts), end: seen < written ? (end === "timeout" || end === undefined ? "timeout" : end) : undefined };
  const { lines } = linesOf(r.data);
  const dropped = lines.includes(leftLine);
  const forwarded = lines.filter((l) => l !== leftLine);
  const good = forwarded.filter((l) => l === forward.toString("latin1")).length;
  const context = t("chatRoom.slow.context", { slow: slow.name, talker: talker.name, n: written, size: formatSize(written * (line.length + 1)), listener: listener.name });
  if (good < written) {
    const p = ctx.program();
    if (p && !p.exit()) await p.waitExit(100);
    const closed = r.end === "eof" || r.end === "reset";
    const lines2 = [context, closed ? t("chatRoom.slow.listenerDropped", { listener: listener.name, got: good, n: written }) : t("chatRoom.slow.stalled", { listener: listener.name, got: good, n: written, time: seconds(wait) })];
    if (!p?.exit()) lines2.push(closed ? t("chatRoom.slow.droppedReader", { listener: listener.name }) : t("chatRoom.slow.blocked", { slow: slow.name }));
    return room.failed(lines2);
  }
  listener.due = [];
  listener.got = Buffer.alloc(0);
  if (dropped) {
    // The slow member was dropped: the room goes on without it; its connection ends.
    room.members.splice(room.members.indexOf(slow), 1);
    talker.due.push({ line: leftLine });
    slow.conn.close();
  } else {
    // Kept: when it reads again, it must get everything.
    slow.conn.holdReading(false);
    const all = await readUntilLines(slow.conn, slow.got, written, wait);
    const got = linesOf(all.data).lines.filter((l) => l === forward.toString("latin1")).length;
    if (got < written) return room.failed([context, t("chatRoom.slow.keptLost", { slow: slow.name, got, n: written })]);
    slow.got = Buffer.alloc(0);
  }
  // The talker got nothing but, maybe, the drop notice; and the room still works.
  const settled = await room.settle(context);
  if (settled) return settled;
  return room.say(listener, ["after the flood"], ctx.seeds[0]!);
}
