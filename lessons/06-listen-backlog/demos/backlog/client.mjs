// Connect, say who we are, wait for the server's welcome.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);
const NAME = process.argv[2] ?? "client";
// performance.now(): a clock for durations. (In the tutor, the demo's clock: your pauses do not count.)
const start = performance.now();
const elapsed = () => ((performance.now() - start) / 1000).toFixed(1);

const sock = net.connect(PORT, HOST, () => {
  console.log(`${NAME}: connect() returned after ${elapsed()} s`);
  sock.write(NAME);
});

sock.setTimeout(10000); // a full accept queue stalls connect(): do not wait forever
sock.on("timeout", () => {
  console.log(NAME, "gave up: no answer in 10 s");
  sock.destroy();
  process.exitCode = 1;
});

sock.on("data", (reply) => {
  console.log(`${NAME}: '${reply}' after ${elapsed()} s`);
  sock.end();
});
