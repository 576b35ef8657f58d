// unix-echo, a reference solution: a stream echo server on a Unix socket path.
import { existsSync, unlinkSync } from "node:fs";
import net from "node:net";

const SOCKET_PATH = process.env.SOCKET_PATH;

// A socket file left by an earlier run would make listen() fail with EADDRINUSE.
if (existsSync(SOCKET_PATH)) unlinkSync(SOCKET_PATH);

const server = net.createServer({ allowHalfOpen: true }, (client) => {
  client.on("data", (chunk) => client.write(chunk));
  client.on("end", () => client.end());
  client.on("error", (err) => console.error(`client error: ${err.message}`));
});

// Given a path instead of a port, Node creates an AF_UNIX stream socket.
server.listen(SOCKET_PATH);
