// An echo server that serves one client at a time. Node itself accepts every
// connection at once; we keep the others waiting, unread, in our own queue.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);
const CLIENTS = 3;
const waiting = [];
let busy = false;
let done = 0;

// pauseOnConnect: Node does not read a new connection until we resume() it.
const server = net.createServer({ pauseOnConnect: true }, (conn) => {
  waiting.push(conn);
  serveNext();
});

function serveNext() {
  if (busy || waiting.length === 0) return;
  busy = true;
  const conn = waiting.shift();
  const peer = `${conn.remoteAddress}:${conn.remotePort}`;
  console.log("serving", peer);
  conn.on("data", (data) => conn.write(data));
  conn.on("close", () => {
    // this client is done: on to the next one
    console.log("done with", peer);
    busy = false;
    done += 1;
    if (done === CLIENTS) server.close();
    serveNext();
  });
  conn.resume();
}

server.listen({ port: PORT, host: HOST, backlog: 5 });
