// A server on ::, the IPv6 address of every interface. Dual-stack (ipv6Only false,
// which sets IPV6_V6ONLY to 0), it also takes IPv4 clients: they show up as
// IPv4-mapped addresses, ::ffff:127.0.0.1. With the argument v6only: IPv6 clients only.
// (The tutor runs this in a private network, where :: reaches only its own loopback.)
import net from "node:net";

const PORT = Number(process.env.PORT ?? 8000);
const CLIENTS = Number(process.env.CLIENTS ?? 2);
const v6only = process.argv[2] === "v6only";

let served = 0;
const server = net.createServer((conn) => {
  console.log(`a client from ${conn.remoteAddress}`);
  conn.end(`hello, ${conn.remoteAddress}\n`);
  if (++served === CLIENTS) server.close();
});
server.listen({ host: "::", port: PORT, ipv6Only: v6only });
