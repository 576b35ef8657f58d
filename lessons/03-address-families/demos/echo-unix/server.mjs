// Echo server over a Unix socket: given a path instead of a port, Node uses AF_UNIX.
import { rmSync } from "node:fs";
import net from "node:net";

const SOCKET_PATH = process.env.SOCKET_PATH ?? "echo.sock";

// listen() creates the socket file and fails if it exists: remove a stale one first.
rmSync(SOCKET_PATH, { force: true });

const server = net.createServer((conn) => {
  console.log("client connected (a Unix socket peer has no address to show)");
  server.close(); // serve this one client, then stop listening; Node also removes the file
  conn.on("data", (data) => conn.write(data));
  conn.on("end", () => {
    // the client closed its side
    console.log("client left");
    conn.end();
  });
});

server.listen(SOCKET_PATH);
