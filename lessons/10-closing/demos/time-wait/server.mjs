// Serve one client and hang up first: the side that closes first keeps the
// connection in TIME_WAIT for a minute, on this server's port.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

const server = net.createServer((conn) => {
  server.close(); // one client is all we serve: stop listening
  conn.once("data", (request) => {
    console.log("client said", `'${request}'`);
    conn.write("bye");
    // end() sends FIN once the bytes are out: we close first.
    conn.end(() => {
      console.log(`we closed first: ${HOST}:${PORT} <-> ${conn.remotePort} goes into TIME_WAIT on our side`);
    });
  });
});

server.listen(PORT, HOST);
