// A client that sends 8 MiB and reads the echo only after a second: a slow reader.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);
const TOTAL = 8 * 1024 * 1024;
let received = 0;

const sock = net.connect(PORT, HOST, () => {
  sock.pause(); // busy: nobody reads the echo for a second
  setTimeout(() => sock.resume(), 1000);
  sock.end(Buffer.alloc(TOTAL, "x")); // all of it, then the end
});
sock.on("data", (data) => (received += data.length));
sock.on("error", (err) => console.log(`stopped: ${err.code}`));
sock.on("close", () => console.log(`got ${received} of ${TOTAL} bytes back`));
