// The network between client and server, played by a program: loopback never loses
// a datagram, so this relay does, on purpose. It listens on PORT, where the client
// sends, and forwards to the server one port up. Each datagram's fate (dropped, sent
// twice, held back, or forwarded) comes from a generator seeded with SEED, so every
// run loses the same datagrams, in Node and in Python.
import dgram from "node:dgram";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);
const SERVER_PORT = PORT + 1;
const SEED = Number(process.env.SEED ?? 1);
const [DROP, TWICE, LATE] = [0.3, 0.15, 0.15]; // chances; the rest is forwarded at once

/** mulberry32, a tiny seeded generator; the same numbers as relay.py. */
function fates(seed) {
  let state = (seed ^ 0x9e3779b9) >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 2 ** 32;
  };
  next(); // the first number only mixes the seed
  return () => {
    const x = next();
    return x < DROP ? "dropped" : x < DROP + TWICE ? "sent twice" : x < DROP + TWICE + LATE ? "held back" : "forwarded";
  };
}

// One generator per direction: a reply's fate does not depend on how many requests came first.
const lanes = { request: fates(SEED), reply: fates(SEED + 1) };
const sock = dgram.createSocket("udp4");
let client;
let count = 0;

sock.on("message", (data, from) => {
  if (++count > 200) return sock.close(); // bounded; the tutor stops it when the client is done
  const isReply = from.port === SERVER_PORT && from.address === HOST;
  const kind = isReply ? "reply" : "request";
  if (!isReply) client = { port: from.port, address: from.address };
  const to = isReply ? client : { port: SERVER_PORT, address: HOST };
  const fate = lanes[kind]();
  console.log(`${kind} '${data}': ${fate}`);
  if (fate === "forwarded") sock.send(data, to.port, to.address);
  else if (fate === "sent twice") {
    sock.send(data, to.port, to.address);
    sock.send(data, to.port, to.address);
  } else if (fate === "held back")
    setTimeout(() => {
      sock.send(data, to.port, to.address);
      console.log(`'${data}': sent, late`);
    }, 300);
});
sock.bind(PORT, HOST);
