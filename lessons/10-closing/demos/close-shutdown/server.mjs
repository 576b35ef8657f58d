// Read the whole request: 'end' comes once the client has shut down its
// sending side. Then reply, and close.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

// allowHalfOpen: on the client's FIN, keep our sending side open so we can reply.
const server = net.createServer({ allowHalfOpen: true }, (conn) => {
  server.close(); // one client is all we serve: stop listening
  let request = "";
  conn.on("data", (chunk) => (request += chunk));
  conn.on("end", () => {
    // the client will send nothing more (it may still read)
    console.log("request complete:", `'${request}'`);
    setTimeout(() => {
      // a pause to look: we are in CLOSE_WAIT, the client in FIN_WAIT2
      conn.write(`got ${request.length} bytes`);
      conn.end(() => console.log("replied and closed"));
    }, 1000);
  });
});

server.listen(PORT, HOST);
