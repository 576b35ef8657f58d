// proxy, a reference solution: a TCP relay, both directions at once, EOF passed on as a half-close.
import net from "node:net";

const HOST = process.env.HOST;
const PORT = Number(process.env.PORT);
const UPSTREAM = { host: process.env.UPSTREAM_HOST, port: Number(process.env.UPSTREAM_PORT) };

net
  .createServer({ allowHalfOpen: true }, (client) => {
    // allowHalfOpen: an EOF from one side ends only that direction; pipe() passes it on with end().
    const upstream = net.connect({ ...UPSTREAM, allowHalfOpen: true });
    client.pipe(upstream);
    upstream.pipe(client);
    // Without these listeners one reset (or a refused upstream) would end the whole proxy.
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  })
  .listen(PORT, HOST);
