// write() always takes all your bytes: what the kernel will not take yet, Node queues.
import net from "node:net";

let client;
const server = net.createServer((conn) => {
  conn.pause(); // the server never reads: its buffers fill up
  const ok = client.write(Buffer.alloc(10_000_000, "x"));
  console.log(`write() took all 10000000 bytes and returned ${ok}`);
  console.log("false means: Node is queueing; wait for 'drain' before writing more");
  client.destroy();
  conn.destroy();
  server.close();
});
server.listen(0, "127.0.0.1", () => { // port 0: any free port
  client = net.connect(server.address().port, "127.0.0.1");
});
