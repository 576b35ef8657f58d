// Send a datagram, on a connected UDP socket, to a port where no program listens.
import dgram from "node:dgram";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

const sock = dgram.createSocket("udp4");

// An ICMP error for a connected socket is reported as an 'error' event.
sock.on("error", (err) => {
  if (err.code !== "ECONNREFUSED") throw err;
  console.log("receiving failed:", err.message);
  console.log(`Nothing listens on ${HOST}:${PORT}: the kernel answered our datagram with an`);
  console.log("ICMP 'port unreachable', and reported it on our connected socket.");
  process.exitCode = 1;
  sock.close();
});
sock.on("message", (msg) => {
  console.log("an answer?! something is listening:", msg.toString());
  sock.close();
});

// For UDP, connect() sends nothing: it only sets where send() goes, and which
// peer the socket hears from. It also lets the kernel report errors to us.
sock.connect(PORT, HOST, () => {
  sock.send("anyone there?");
});
