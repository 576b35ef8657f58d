// length-prefix: messages with a 4-byte big-endian length in front.
// The task, hints and checks: {{tutor}} start, then this exercise in the menu.
// Check it from this folder: {{tutor}} verify length-prefix length-prefix.mjs
import net from "node:net";

const HOST = process.env.HOST;
const PORT = Number(process.env.PORT);
const LIMIT = 1_048_576;

const server = net.createServer((client) => {
  let pending = Buffer.alloc(0); // bytes that do not make a whole message yet
  client.on("data", (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    // TODO: while pending holds 4 bytes or more: length = pending.readUInt32BE(0)
    //       (big-endian: lesson 12, Framing)
    // TODO: above LIMIT: client.end() and stop; if the whole payload is not here yet, wait
    // TODO: reply with the same 4-byte length (writeUInt32BE) and the payload reversed;
    //       take the message out of pending
  });
  client.on("end", () => client.end());
  client.on("error", () => client.destroy());
});

// TODO: server.listen(PORT, HOST)
void server;
void LIMIT;
