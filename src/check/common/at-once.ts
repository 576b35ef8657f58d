import { t } from "../../text/catalog.js";
import { exitStory, seconds } from "../diagnose.js";
import { see } from "../lessons.js";
import type { StreamConn, StreamTarget } from "../peer.js";
import { makePlan } from "../traffic.js";
import { sendPlan } from "../transport.js";
import type { CheckContext } from "../types.js";
import { connectOrExplain, eachSeed, fail, isFail, type Fail } from "./stream.js";
import { listOf } from "../../text/list.js";

/**
 * Several clients connected at the same time, each sending its request (in the seed's
 * pieces) and waiting for its own answer: what a server that serves one client at a
 * time cannot do. Shared by the protocol exercises (line-json, length-prefix), whose
 * requests and answers differ but whose failure is the same.
 */
export async function clientsAtOnce(
  ctx: CheckContext,
  target: StreamTarget,
  n: number,
  request: (i: number) => { send: Buffer[]; expect: Buffer },
  labelOf: (i: number) => string,
  waitMs: number,
  opts: {
    /** Whether an answer is right (default: the same bytes as `expect`). */
    matches?: (got: Buffer, i: number) => boolean;
    /** Reads one answer (default: as many bytes as `expect`). */
    read?: (conn: StreamConn) => Promise<Buffer>;
  } = {},
): Promise<Fail | undefined> {
  const matches = opts.matches ?? ((got: Buffer, i: number) => got.equals(request(i).expect));
  const conns: StreamConn[] = [];
  try {
    for (let i = 1; i <= n; i++) {
      const c = await connectOrExplain(ctx, target, labelOf(i), t("atOnce.when.connected", { n: i - 1 }));
      if (isFail(c)) return c;
      conns.push(c);
    }
    const requests = conns.map((_, i) => request(i + 1));
    return await eachSeed(ctx, async (seed) => {
      const reads = conns.map((c, i) => (opts.read ? opts.read(c) : c.read(requests[i]!.expect.length, { idleMs: waitMs }).then((r) => r.data)));
      await Promise.all(conns.map((c, i) => sendPlan(ctx, c, makePlan(seed + i, requests[i]!.send, { maxPieces: 4 }))));
      const results = await Promise.all(reads);
      const ok = results.map((r, i) => matches(r, i + 1));
      const good = ok.filter(Boolean).length;
      if (good === n) return undefined;
      const waiting = ok.map((v, i) => (v ? 0 : i + 1)).filter((i) => i > 0);
      const p = ctx.program();
      if (p?.exit()) return fail(`${t("atOnce.answered", { good, n })}\n${exitStory(p, ctx.env, t("atOnce.when.connected", { n }))}`, see("many-clients"));
      const wrong = ok.map((v, i) => (!v && results[i]!.length > 0 ? i + 1 : 0)).filter((i) => i > 0);
      if (wrong.length > 0) return fail(t("atOnce.someWrong", { n, good, wrong: wrong.length, which: listOf(wrong) }), see("framing"));
      const lines = [t("atOnce.someWaiting", { n, time: seconds(waitMs), good, waiting: waiting.length, which: listOf(waiting) })];
      if (good <= 1) lines.push(t("atOnce.oneAtATime"));
      return fail(lines.join("\n"), see("many-clients", t("check.topic.oneAtATime")));
    });
  } finally {
    for (const c of conns) c.close();
  }
}
