/**
 * Runs inside a run's namespaces (started by SocketBroker through nsenter) and
 * makes sockets there for the tutor, which cannot enter a namespace itself: a
 * stream connection, a listening server, a bound UDP socket. Each is handed over
 * on the IPC channel (the fd travels with SCM_RIGHTS) and closed here. All the
 * checks still run in the tutor; only socket() and connect()/bind()/listen() run
 * here. Exits when the channel closes (the tutor is done, or gone).
 */
import dgram from "node:dgram";
import net from "node:net";
import type { BrokerReply, BrokerRequest } from "./broker-protocol.js";

function reply(r: BrokerReply, handle?: net.Socket | dgram.Socket): void {
  if (!process.send) return;
  if (!handle) {
    process.send(r);
    return;
  }
  // keepOpen: false closes a net.Socket here once it is sent; a dgram socket is not closed
  // by it, and would go on reading the datagrams meant for the tutor: close it once sent.
  process.send(r, handle as net.Socket, { keepOpen: false }, () => {
    if (handle instanceof dgram.Socket) handle.close();
  });
}

function fail(id: number, err: NodeJS.ErrnoException): void {
  reply({ id, ok: false, code: err.code ?? "EIO", message: err.message });
}

const servers = new Map<number, net.Server>();

process.on("message", (raw: unknown) => {
  const m = raw as BrokerRequest;
  switch (m.op) {
    case "connect": {
      const s = m.path !== undefined ? net.connect({ path: m.path }) : net.connect({ host: m.host, port: m.port! });
      const timer = setTimeout(() => {
        s.destroy();
        reply({ id: m.id, ok: false, code: "ETIMEDOUT", message: "connect timed out" });
      }, m.timeoutMs);
      s.once("connect", () => {
        clearTimeout(timer);
        // The connection's own ends, read here where its numbers are known.
        reply({ id: m.id, ok: true, local: s.localAddress ?? "", localPort: s.localPort ?? 0 }, s);
      });
      s.once("error", (e) => {
        clearTimeout(timer);
        fail(m.id, e);
      });
      return;
    }
    case "listen": {
      // The server stays here; each connection it accepts is handed over as it comes
      // (a listening handle passed to the tutor did not always see its connections).
      const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true }, (socket) => reply({ id: 0, accepted: m.id }, socket));
      servers.set(m.id, server);
      server.once("error", (e) => fail(m.id, e));
      server.listen({ host: m.host, port: m.port ?? 0 }, () => {
        const a = server.address() as net.AddressInfo;
        reply({ id: m.id, ok: true, local: a.address, localPort: a.port });
      });
      return;
    }
    case "unlisten": {
      servers.get(m.server)?.close();
      servers.delete(m.server);
      reply({ id: m.id, ok: true, local: "", localPort: 0 });
      return;
    }
    case "udp": {
      const u = dgram.createSocket(m.family === 6 ? "udp6" : "udp4");
      u.once("error", (e) => fail(m.id, e));
      u.bind(0, m.host, () => {
        const a = u.address();
        reply({ id: m.id, ok: true, local: a.address, localPort: a.port }, u);
      });
      return;
    }
  }
});
process.on("disconnect", () => process.exit(0));
// The first message says the helper is ready (request id 0 is never asked).
reply({ id: 0, ok: true, local: "", localPort: 0 });
