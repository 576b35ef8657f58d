// udp-upper, a reference solution: answer each datagram, to its sender, in ASCII upper case.
import dgram from "node:dgram";

const HOST = process.env.HOST;
const PORT = Number(process.env.PORT);

// Only the bytes a-z (0x61-0x7a) change. Working on bytes, not text, keeps every other byte as it was.
function asciiUpper(bytes) {
  const out = Buffer.from(bytes);
  for (let i = 0; i < out.length; i++) if (out[i] >= 0x61 && out[i] <= 0x7a) out[i] -= 0x20;
  return out;
}

const sock = dgram.createSocket("udp4");
// One 'message' event per datagram, whole; rinfo says who sent it.
sock.on("message", (msg, rinfo) => sock.send(asciiUpper(msg), rinfo.port, rinfo.address));
sock.bind(PORT, HOST);
