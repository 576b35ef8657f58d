// Echo server over IPv6: Node picks AF_INET6 because HOST is an IPv6 address.
import net from "node:net";

const HOST = process.env.HOST ?? "::1";
const PORT = Number(process.env.PORT ?? 8000);

const server = net.createServer((conn) => {
  console.log("client connected from", conn.remoteAddress, conn.remotePort, conn.remoteFamily);
  server.close(); // serve this one client, then stop listening
  conn.on("data", (data) => conn.write(data));
  conn.on("end", () => {
    // the client closed its side
    console.log("client left");
    conn.end();
  });
});

server.listen(PORT, HOST);
