// Node gives JavaScript one thread and no way to hand a socket to a worker
// thread, so this is the same event-loop server as in many-clients-select:
// Node waits for whichever socket is ready and runs its handler.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);
const CLIENTS = 3;
let done = 0;

const server = net.createServer((conn) => {
  const peer = `${conn.remoteAddress}:${conn.remotePort}`;
  console.log("serving", peer);
  // pipe() echoes and waits for a slow reader: it pauses reading while write() reports
  // a full buffer, and resumes on 'drain'.
  conn.pipe(conn);
  // Without this handler, one client's reset would crash the server and drop them all.
  conn.on("error", (err) => console.log(`lost (${err.code}):`, peer));
  conn.on("close", () => {
    // this client is done
    console.log("done with", peer);
    done += 1;
    if (done === CLIENTS) server.close();
  });
});

server.listen({ port: PORT, host: HOST, backlog: 5 });
