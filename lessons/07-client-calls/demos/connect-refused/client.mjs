// Connect to a port where no program is listening.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

const sock = net.connect(PORT, HOST, () => {
  console.log("connected?! something is listening on", HOST, PORT);
  sock.end();
});

// A failed connect() is reported as an 'error' event, not an exception.
sock.on("error", (err) => {
  if (err.code !== "ECONNREFUSED") throw err;
  console.log("connect() failed:", err.message);
  console.log(`Nothing listens on ${HOST}:${PORT}: the kernel answered our SYN with a`);
  console.log("reset (RST) at once. Start the server first, or check the port.");
  process.exitCode = 1;
});
