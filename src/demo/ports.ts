import dgram from "node:dgram";
import { readFileSync } from "node:fs";
import net from "node:net";
import { t } from "../text/catalog.js";

export type Transport = "tcp" | "udp" | "both";
export type Family = "inet" | "inet6";

export const LOOPBACK: Record<Family, string> = { inet: "127.0.0.1", inet6: "::1" };

const TCP_STATE_NAMES: Record<string, string> = {
  "01": "ESTABLISHED",
  "02": "SYN_SENT",
  "03": "SYN_RECV",
  "04": "FIN_WAIT1",
  "05": "FIN_WAIT2",
  "06": "TIME_WAIT",
  "07": "CLOSE",
  "08": "CLOSE_WAIT",
  "09": "LAST_ACK",
  "0A": "LISTEN",
  "0B": "CLOSING",
};

/**
 * Why the kernel would refuse bind() on this port without SO_REUSEADDR: any
 * socket of the same transport whose local port it is, in any state. A Python demo
 * does not set SO_REUSEADDR, so a TIME_WAIT left by the previous run counts,
 * which a bind test from Node (libuv always sets SO_REUSEADDR) would miss.
 * Undefined when the port looks free or /proc/net is not there (not Linux).
 */
export function kernelHolder(port: number, transport: Transport, procNet = "/proc/net"): string | undefined {
  const files = [...(transport !== "udp" ? ["tcp", "tcp6"] : []), ...(transport !== "tcp" ? ["udp", "udp6"] : [])];
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(`${procNet}/${f}`, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      const local = cols[1];
      if (!local || !local.endsWith(`:${hex}`)) continue;
      if (f.startsWith("udp")) return t("demo.port.udp");
      const state = TCP_STATE_NAMES[cols[3] ?? ""] ?? t("demo.port.someState");
      return state === "TIME_WAIT" ? t("demo.port.timeWait") : t("demo.port.tcpState", { state });
    }
  }
  return undefined;
}

function tryTcp(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once("error", () => resolve(false));
    s.listen({ port, host, exclusive: true }, () => s.close(() => resolve(true)));
  });
}

function tryUdp(port: number, host: string, family: Family): Promise<boolean> {
  return new Promise((resolve) => {
    const s = dgram.createSocket(family === "inet6" ? "udp6" : "udp4");
    s.once("error", () => {
      s.close();
      resolve(false);
    });
    s.bind({ port, address: host, exclusive: true }, () => s.close(() => resolve(true)));
  });
}

/** Undefined when the port is free for the demo's transport on its loopback address, else who holds it. */
export async function portBusy(port: number, transport: Transport, family: Family): Promise<string | undefined> {
  const holder = kernelHolder(port, transport);
  if (holder) return holder;
  const host = LOOPBACK[family];
  if (transport !== "udp" && !(await tryTcp(port, host))) return t("demo.port.otherProgram");
  if (transport !== "tcp" && !(await tryUdp(port, host, family))) return t("demo.port.otherProgram");
  return undefined;
}

/** Undefined when `count` ports in a row from `port` are all free, else who holds the first busy one. */
async function rowBusy(port: number, count: number, transport: Transport, family: Family): Promise<string | undefined> {
  if (port + count - 1 > 65535) return t("demo.port.otherProgram");
  for (let p = port; p < port + count; p++) {
    const busy = await portBusy(p, transport, family);
    if (busy) return busy;
  }
  return undefined;
}

/** A port the kernel picks (with the `count - 1` after it), checked free for the demo's transport(s). */
async function ephemeral(transport: Transport, family: Family, count: number): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = net.createServer();
      s.once("error", reject);
      s.listen({ port: 0, host: LOOPBACK[family], exclusive: true }, () => {
        const addr = s.address();
        const p = typeof addr === "object" && addr ? addr.port : 0;
        s.close(() => resolve(p));
      });
    });
    if (port && !(await rowBusy(port, count, transport, family))) return port;
  }
  throw new Error(t("demo.port.noneFree"));
}

export interface PortChoice {
  port: number;
  /** Set when the wanted port was busy: who held it. */
  busy?: string;
}

/**
 * The demo's own port when it is free, else one close to it (8001, 8002...) so the
 * learner still recognises it, else one the kernel picks. `wanted` 0 = any free port.
 * `count` ports in a row must be free (a relay on PORT, its server on PORT+1).
 */
export async function choosePort(wanted: number, transport: Transport, family: Family, count = 1): Promise<PortChoice> {
  if (wanted === 0) return { port: await ephemeral(transport, family, count) };
  const busy = await rowBusy(wanted, count, transport, family);
  if (!busy) return { port: wanted };
  for (let p = wanted + 1; p <= Math.min(wanted + 20, 65535); p++) if (!(await rowBusy(p, count, transport, family))) return { port: p, busy };
  return { port: await ephemeral(transport, family, count), busy };
}
