// Connects to one address, given as the argument: 127.0.0.1 (IPv4) or ::1 (IPv6).
import net from "node:net";

const PORT = Number(process.env.PORT ?? 8000);
const ADDRESS = process.argv[2];

const sock = net.connect({ host: ADDRESS, port: PORT });
let reply = "";
sock.on("data", (d) => (reply += d));
sock.on("end", () => console.log(`connected to ${ADDRESS}; the server says: ${reply.trim()}`));
sock.on("error", (err) => {
  if (err.code !== "ECONNREFUSED") throw err;
  console.log(`${ADDRESS}: connection refused (no socket takes this family on port ${PORT})`);
  process.exitCode = 1;
});
