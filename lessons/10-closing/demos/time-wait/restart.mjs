// The server again, restarted while its old connection is in TIME_WAIT.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

const server = net.createServer();

server.on("error", (err) => {
  console.log("listen failed:", err.message);
  process.exitCode = 1;
});

// On Linux and macOS, Node sets SO_REUSEADDR on every listening socket (and
// offers no way to turn it off), so TIME_WAIT never makes a restarted Node server fail.
server.listen(PORT, HOST, () => {
  console.log("listen: ok, listening again on", server.address());
  setTimeout(() => server.close(), 1000); // hold it a moment: the table shows LISTEN beside the TIME_WAIT row
});
