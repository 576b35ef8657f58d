// Listen on the IPv6 loopback only: a client must reach ::1, not 127.0.0.1.
import net from "node:net";

const PORT = Number(process.env.PORT ?? 8000);

const server = net.createServer((conn) => {
  conn.end("hello from [::1]\n");
  console.log("served one client from", conn.remoteAddress);
  server.close();
});
server.listen(PORT, "::1");
