// Sends four length-prefixed messages: three quickly, one after the other, then one
// in two pieces with a pause between them. Each message: a 4-byte big-endian length,
// then the payload.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

function framed(text) {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(4);
  header.writeUInt32BE(payload.length, 0); // 4 bytes, big-endian
  return Buffer.concat([header, payload]);
}

const sock = net.connect(PORT, HOST, () => {
  for (const word of ["apple", "banana", "cherry"]) sock.write(framed(word)); // three writes, right after each other
  setTimeout(() => {
    const message = framed("dragon fruit");
    sock.write(message.subarray(0, 10)); // the length and 'dragon' ...
    setTimeout(() => {
      sock.end(message.subarray(10)); // ... and, a moment later, ' fruit'
      console.log("sent 4 messages");
    }, 500);
  }, 1000);
});
