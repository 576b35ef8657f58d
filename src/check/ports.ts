import dgram from "node:dgram";
import net from "node:net";
import path from "node:path";
import { privateDir } from "./tempdirs.js";

/**
 * A port that is free right now: the kernel picks one (bind to port 0), we close
 * it and hand the number to the learner's program. Ports come from the ephemeral
 * range and are not reused at once, so the gap before the program binds is safe
 * in practice; a clash would show as "address already in use" in its stderr.
 */
export function freeTcpPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function freeUdpPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket(host.includes(":") ? "udp6" : "udp4");
    s.once("error", reject);
    s.bind(0, host, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A fresh private folder (mode 0700, its owner named, see tempdirs.ts) for a Unix socket; removed by the returned function. */
export function privateSocketPath(name = "echo.sock"): { path: string; cleanup: () => void } {
  const d = privateDir();
  return { path: path.join(d.dir, name), cleanup: d.remove };
}
