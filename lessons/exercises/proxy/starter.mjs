// proxy: relay each client to its own upstream connection, both ways at once.
// The task, hints and checks: {{tutor}} start, then this exercise in the menu.
// Check it from this folder: {{tutor}} verify proxy proxy.mjs
import net from "node:net";

const HOST = process.env.HOST;
const PORT = Number(process.env.PORT);
const UPSTREAM = { host: process.env.UPSTREAM_HOST, port: Number(process.env.UPSTREAM_PORT) };

// TODO: net.createServer({ allowHalfOpen: true }, (client) => { ... }).listen(PORT, HOST)
// TODO: for each client: net.connect({ ...UPSTREAM, allowHalfOpen: true })
// TODO: relay both ways at once: client.pipe(upstream), upstream.pipe(client)
// TODO: an 'error' listener on both sockets: destroy the other one   (lesson 14, When things go wrong)
