// concurrent-echo, a reference solution. Node.js serves many clients at once by design:
// each connection gets its own events, and one slow client blocks nobody.
import net from "node:net";

const HOST = process.env.HOST;
const PORT = Number(process.env.PORT);

// allowHalfOpen: when the client closes its side, we decide when to close ours.
const server = net.createServer({ allowHalfOpen: true }, (client) => {
  // A chunk is whatever has arrived: part of what the client sent, or several sends at once.
  client.on("data", (chunk) => client.write(chunk));
  // The client has closed its side: every byte has been echoed (or queued), so close ours.
  client.on("end", () => client.end());
  // A client that resets must not crash the server.
  client.on("error", (err) => console.error(`client error: ${err.message}`));
});

server.listen(PORT, HOST);
