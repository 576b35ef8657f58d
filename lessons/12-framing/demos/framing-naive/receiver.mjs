// The wrong receiver: it believes that one 'data' event is one message.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

const server = net.createServer({ pauseOnConnect: true }, (conn) => {
  server.close(); // one sender is enough
  setTimeout(() => conn.resume(), 500); // busy with something else for a moment
  conn.on("data", (data) => {
    if (data.length < 4) {
      console.log(`'data' brought ${data.length} bytes: too short for a length`);
      return;
    }
    const length = data.readUInt32BE(0);
    const message = data.subarray(4, 4 + length).toString("latin1");
    console.log(`'data' brought ${data.length} bytes; length ${length}; message '${message}'`);
  });
});

server.listen(PORT, HOST);
