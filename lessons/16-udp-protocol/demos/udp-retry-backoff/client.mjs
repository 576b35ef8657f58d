// Ask, wait with a timer, ask again: each wait twice as long as the one before.
// Each request carries an id, and a reply that is not for the request we wait for
// (a duplicate, or a late reply to an earlier request) is dropped.
import dgram from "node:dgram";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000); // the relay's port: the lossy network
const KEYS = ["colour", "size"];

const sock = dgram.createSocket("udp4");
let requestId = 0;
let attempt = 0;
let wait = 0;
let timer;

function ask() {
  attempt++;
  sock.send(`${requestId} ${KEYS[requestId - 1]}`, PORT, HOST);
  timer = setTimeout(() => {
    if (attempt === 5) {
      console.log(`request ${requestId}: no reply after 5 tries, giving up`);
      process.exitCode = 1;
      return sock.close();
    }
    console.log(`request ${requestId}, try ${attempt}: no reply in ${wait} ms, sending it again`);
    wait *= 2; // exponential backoff
    ask();
  }, wait);
}

function next() {
  requestId++;
  if (requestId > KEYS.length) return sock.close();
  attempt = 0;
  wait = 100; // ms
  ask();
}

sock.on("message", (reply) => {
  const text = String(reply);
  const space = text.indexOf(" ");
  if (text.slice(0, space) !== String(requestId)) return console.log(`ignored '${text}': not the reply to request ${requestId}`);
  clearTimeout(timer);
  console.log(`request ${requestId}, try ${attempt}: got ${text.slice(space + 1)}`);
  next();
});
next();
