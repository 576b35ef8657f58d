// A server that is slow to read: while it waits, the client's bytes fill the
// kernel's buffers, and the client's write() cannot hand them all over at once.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

// pauseOnConnect: Node does not read the new connection until we resume() it.
const server = net.createServer({ pauseOnConnect: true }, (conn) => {
  server.close(); // one client is enough: stop listening
  setTimeout(() => conn.resume(), 1000); // not reading yet: the buffers between us fill up
  let total = 0;
  conn.on("data", (chunk) => (total += chunk.length));
  conn.on("end", () => console.log(`received all ${total} bytes`)); // the client has sent everything
});

server.listen(PORT, HOST);
