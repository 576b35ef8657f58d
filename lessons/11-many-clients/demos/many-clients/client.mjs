// A slow client: say hello, think for a second, say bye. Each line comes back
// from the echo server; the times show when the server got round to us.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);
const NAME = process.argv[2] ?? "client";
const messages = [`hello from ${NAME}`, "bye"];
// performance.now(): a clock for durations. (In the tutor, the demo's clock: your pauses do not count.)
const start = performance.now();
const elapsed = () => ((performance.now() - start) / 1000).toFixed(1);
let reply = "";

const sock = net.connect(PORT, HOST, () => {
  console.log(`${NAME}: connected after ${elapsed()} s`);
  sock.write(messages[0]);
});

sock.setEncoding("utf8");
sock.on("data", (chunk) => {
  reply += chunk;
  if (reply.length < messages[0].length) return; // TCP may split the echo: wait for all of it
  console.log(`${NAME}: '${reply}' echoed after ${elapsed()} s`);
  messages.shift();
  reply = "";
  if (messages.length === 0) return sock.end();
  setTimeout(() => sock.write(messages[0]), 1000); // hold the connection for a moment
});
