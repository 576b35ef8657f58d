// One UDP socket serves every client: each 'message' event tells us who sent
// the datagram, send() replies to that address. No listen(), no accept().
import dgram from "node:dgram";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);
let received = 0;

const sock = dgram.createSocket("udp4");

sock.on("message", (data, rinfo) => {
  console.log("from", rinfo.address, rinfo.port, `'${data}'`);
  received += 1;
  // Upper-case the bytes a-z themselves, like Python's bytes.upper(): toString().toUpperCase()
  // would decode them as UTF-8 and change other letters too (é becomes É).
  const reply = Buffer.from(data);
  for (let i = 0; i < reply.length; i++) if (reply[i] >= 0x61 && reply[i] <= 0x7a) reply[i] -= 0x20;
  // the reply goes back to that sender
  sock.send(reply, rinfo.port, rinfo.address, () => {
    if (received === 4) sock.close(); // two clients, two datagrams each: done
  });
});

sock.bind(PORT, HOST, () => console.log("waiting for datagrams on", sock.address()));

setTimeout(() => sock.close(), 5000).unref(); // stop if the clients go quiet
