import dgram from "node:dgram";
import net from "node:net";
import path from "node:path";
import { privateDir } from "./tempdirs.js";

/**
 * A port that is free right now, for TCP and for UDP alike: the kernel picks one (bind
 * to port 0), we close it and hand the number to the learner's program. Free for the
 * other protocol too, so a program that makes the wrong kind of socket (TCP where UDP is
 * asked for) meets the checker's diagnosis, not another program's "address already in
 * use" (on a shared loopback, without private networks, a port of one kind can be taken
 * while its number is free for the other). Ports come from the ephemeral range and are
 * not reused at once, so the gap before the program binds is safe in practice; a clash
 * would show as "address already in use" in its stderr.
 */
export function freeTcpPort(host: string): Promise<number> {
  return freeForBoth(host, "tcp");
}

export function freeUdpPort(host: string): Promise<number> {
  return freeForBoth(host, "udp");
}

/** How a port is tried: bind it (0: any), close it, give the port (tests pass their own). */
export type PortBinders = Record<"tcp" | "udp", (host: string, port: number) => Promise<number>>;

/** Tries a few kernel-picked ports of `kind` until one is free for the other kind too (else the last one). */
export async function freeForBoth(host: string, kind: "tcp" | "udp", bind: PortBinders = { tcp: bindTcp, udp: bindUdp }): Promise<number> {
  let port = 0;
  const other = kind === "tcp" ? "udp" : "tcp";
  for (let i = 0; i < 20; i++) {
    port = await bind[kind](host, 0);
    const free = await bind[other](host, port).catch(() => undefined);
    if (free !== undefined) return port;
  }
  return port;
}

/** Binds (TCP: listens on) `port`, 0 for any, closes again, and gives the port it had. */
function bindTcp(host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ host, port, exclusive: true }, () => {
      const got = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(got));
    });
  });
}

function bindUdp(host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket(host.includes(":") ? "udp6" : "udp4");
    s.once("error", (err) => {
      try {
        s.close();
      } catch {
        // not bound: nothing to close
      }
      reject(err);
    });
    s.bind(port, host, () => {
      const got = s.address().port;
      s.close(() => resolve(got));
    });
  });
}

/** A fresh private folder (mode 0700, its owner named, see tempdirs.ts) for a Unix socket; removed by the returned function. */
export function privateSocketPath(name = "echo.sock"): { path: string; cleanup: () => void } {
  const d = privateDir();
  return { path: path.join(d.dir, name), cleanup: d.remove };
}
