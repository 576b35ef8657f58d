// Echo client over IPv6: Node picks AF_INET6 because HOST is an IPv6 address.
import net from "node:net";

const HOST = process.env.HOST ?? "::1";
const PORT = Number(process.env.PORT ?? 8000);

const messages = ["hello", "over IPv6"];
let reply = "";

const sock = net.connect(PORT, HOST, () => {
  console.log("connected from", sock.localAddress, sock.localPort, sock.remoteFamily);
  sock.write(messages[0]);
});

sock.setEncoding("utf8");
sock.on("data", (chunk) => {
  reply += chunk;
  if (reply.length < messages[0].length) return; // TCP may split the echo: wait for all of it
  console.log("echoed:", reply);
  messages.shift();
  reply = "";
  if (messages.length > 0) sock.write(messages[0]);
  else setTimeout(() => sock.end(), 1000); // done: a moment to see both ends in the table, then close our side
});
