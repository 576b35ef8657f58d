// TCP is a byte stream: each 'data' event brings whatever bytes Node read,
// with no trace of how the sender split them into write() calls.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

// pauseOnConnect: Node does not read the new connection until we resume() it.
const server = net.createServer({ pauseOnConnect: true }, (conn) => {
  server.close(); // one client is enough: stop listening
  setTimeout(() => conn.resume(), 1500); // give both small writes time to arrive, even on a busy machine

  let first = true;
  let count = 0;
  let total = 0;
  conn.on("data", (chunk) => {
    if (first) {
      first = false;
      console.log(`one read returned ${chunk.length} bytes: '${chunk}'`);
      conn.write("go"); // ready for the big one
      return;
    }
    count += 1;
    total += chunk.length;
    console.log(`'data' #${count}: ${chunk.length} bytes`);
  });
  conn.on("end", () => {
    // the client closed, nothing more will come
    console.log(`${total} bytes arrived in ${count} 'data' events`);
  });
});

server.listen(PORT, HOST);
