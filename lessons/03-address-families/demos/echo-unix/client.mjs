// Echo client over a Unix socket: given a path instead of a port, Node uses AF_UNIX.
import net from "node:net";

const SOCKET_PATH = process.env.SOCKET_PATH ?? "echo.sock";

const messages = ["hello", "over a Unix socket"];
let reply = "";

const sock = net.connect(SOCKET_PATH, () => {
  console.log("connected to", SOCKET_PATH);
  sock.write(messages[0]);
});

sock.setEncoding("utf8");
sock.on("data", (chunk) => {
  reply += chunk;
  if (reply.length < messages[0].length) return; // a stream may split the echo: wait for all of it
  console.log("echoed:", reply);
  messages.shift();
  reply = "";
  if (messages.length > 0) sock.write(messages[0]);
  else setTimeout(() => sock.end(), 1000); // done: a moment to see both ends in the table, then close our side
});
