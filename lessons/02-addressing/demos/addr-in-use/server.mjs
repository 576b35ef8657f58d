// Run this server twice: the second copy cannot bind the port the first one holds.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

const server = net.createServer();

// A failed listen() is reported as an 'error' event, not an exception.
server.on("error", (err) => {
  if (err.code !== "EADDRINUSE") throw err;
  console.log("listen failed:", err.message);
  console.log(`another socket already holds ${HOST}:${PORT}; stop it or pick another port`);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log("listening on", server.address());
  setTimeout(() => server.close(), 2000); // hold the port for a moment, so a second copy can try
});
