// listen() with a backlog of 2, then a busy event loop: while JavaScript is busy,
// Node cannot accept, so the kernel queues the clients' finished connections.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);
const CLIENTS = 5;
const connected = [];

const server = net.createServer((conn) => {
  // Node has already called accept() for us: this is a connected socket.
  conn.once("data", (name) => {
    connected.push([conn, name]);
    console.log(`accepted ${name}; ${connected.length} connected, none has left`);
    if (connected.length < CLIENTS) return;
    // Only now does anyone get an answer and leave: every client got in while
    // all the earlier ones were still connected.
    for (const [c, n] of connected) c.write(`welcome, ${n}`); // the client closes first (lesson 10)
    server.close();
  });
});

// backlog: how many finished connections may wait for accept() (Linux: one more)
server.listen({ port: PORT, host: HOST, backlog: 2 }, () => {
  console.log("listening with backlog 2; blocking the event loop for 3 seconds");
  // Normally Node accepts every connection the moment it arrives. Freeze the
  // event loop, as a server stuck in a long computation would, and nothing accepts.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3000);
  console.log("event loop free again: Node accepts the waiting connections");
});

setTimeout(() => server.close(), 10000).unref(); // stop waiting if a client gave up
