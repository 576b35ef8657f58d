// A udp-kv-like server that plays a lossy network: it drops the first two
// requests on purpose (loopback itself never loses a datagram), then answers.
import dgram from "node:dgram";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);
const DROP = 2;

const sock = dgram.createSocket("udp4");
let n = 0;
sock.on("message", (msg, rinfo) => {
  n++;
  if (n <= DROP) return console.log(`request ${n} '${msg}': dropped on purpose`);
  sock.send(Buffer.concat([msg, Buffer.from("=blue")]), rinfo.port, rinfo.address, () => sock.close());
  console.log(`request ${n} '${msg}': answered`);
});
sock.bind(PORT, HOST);
