// The right receiver: keep what arrives in a buffer; take out a message only when
// its 4-byte length and all its bytes are there.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

const server = net.createServer({ pauseOnConnect: true }, (conn) => {
  server.close(); // one sender is enough
  setTimeout(() => conn.resume(), 500); // busy with something else for a moment, as before
  let pending = Buffer.alloc(0);
  let number = 0;
  conn.on("data", (data) => {
    pending = Buffer.concat([pending, data]);
    while (pending.length >= 4) {
      const length = pending.readUInt32BE(0);
      if (pending.length < 4 + length) break; // the rest is still on its way
      const message = pending.subarray(4, 4 + length).toString("latin1");
      pending = pending.subarray(4 + length);
      number += 1;
      console.log(`message ${number}: '${message}'`);
    }
  });
});

server.listen(PORT, HOST);
