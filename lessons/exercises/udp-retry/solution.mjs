// udp-retry, a reference solution: retrieve each key over a network that loses datagrams.
import dgram from "node:dgram";

const HOST = process.env.HOST;
const PORT = Number(process.env.PORT);
const KEYS = process.env.KEYS.split(",");
const FIRST_WAIT_MS = 100; // doubled after each timeout
const TRIES = 6;

const sock = dgram.createSocket("udp4");
let waiting; // { prefix, done }: the request the client waits for

sock.on("message", (msg) => {
  // A late reply to an earlier key, or a second copy: not the answer to this request.
  if (!waiting || !msg.subarray(0, waiting.prefix.length).equals(waiting.prefix)) return;
  waiting.done(msg);
});

/** One try: the reply, or null when the wait runs out. */
function tryOnce(key, ms) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiting = undefined;
      resolve(null);
    }, ms);
    waiting = {
      prefix: Buffer.from(`${key}=`),
      done: (msg) => {
        clearTimeout(timer);
        waiting = undefined;
        resolve(msg);
      },
    };
    sock.send(key, PORT, HOST);
  });
}

for (const key of KEYS) {
  let reply = null;
  for (let i = 0, ms = FIRST_WAIT_MS; i < TRIES && !reply; i++, ms *= 2) reply = await tryOnce(key, ms);
  if (!reply) {
    console.error(`no reply for ${key} after ${TRIES} tries`);
    process.exit(1);
  }
  process.stdout.write(Buffer.concat([reply, Buffer.from("\n")]));
}
sock.close();
