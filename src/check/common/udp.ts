import type { Target } from "../peer.js";
import { exitStory } from "../diagnose.js";
import type { CheckContext } from "../types.js";

/** Helpers shared by the checks of UDP servers (udp-upper, udp-kv). */

export type Udp = { host: string; port: number };

export function udpTarget(given: Target | undefined, id: string): Udp {
  if (!given || given.kind !== "udp") throw new Error(`${id} needs a UDP target`);
  return { host: given.host, port: given.port };
}

/** Did a datagram come from the server's own address (an IPv4-mapped form counts)? */
export function sameAddress(a: { address: string; port: number }, b: Udp): boolean {
  return a.port === b.port && a.address.replace(/^::ffff:/, "") === b.host;
}

/** The program's exit, told as a new line, if it has ended. `when` completes "Your program exited with code 1 …". */
export async function gone(ctx: CheckContext, when: string): Promise<string> {
  const p = ctx.program();
  if (p && !p.exit()) await p.waitExit(100);
  return p?.exit() ? `\n${exitStory(p, ctx.env, when)}` : "";
}
