// length-prefix, a reference solution: each message is a 4-byte big-endian length and
// that many bytes; the reply is the payload reversed, framed the same way.
import net from "node:net";

const HOST = process.env.HOST;
const PORT = Number(process.env.PORT);
const LIMIT = 1_048_576; // the largest payload the protocol allows

const server = net.createServer((client) => {
  let pending = Buffer.alloc(0); // bytes received that do not make a whole message yet
  client.on("data", (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    // One chunk may hold several messages, or part of one: answer every whole message.
    while (pending.length >= 4) {
      const length = pending.readUInt32BE(0); // network byte order: big-endian
      if (length > LIMIT) {
        client.end(); // too big: the replies written so far go first, then the close
        client.removeAllListeners("data");
        return;
      }
      if (pending.length < 4 + length) break; // the rest of this message is on its way
      const payload = Buffer.from(pending.subarray(4, 4 + length)).reverse();
      pending = pending.subarray(4 + length);
      const header = Buffer.alloc(4);
      header.writeUInt32BE(length, 0);
      client.write(Buffer.concat([header, payload]));
    }
  });
  // At EOF a partial message is dropped; end our side too.
  client.on("end", () => client.end());
  client.on("error", () => client.destroy()); // a reset ends this client only
});

server.listen(PORT, HOST);
