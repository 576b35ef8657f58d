// The right Node server: when write() returns false, stop reading (pause) until the
// buffer has drained ('drain'), so what waits in memory stays bounded.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

const server = net.createServer((conn) => {
  server.close(); // one client is enough
  let paused = 0;
  let most = 0;
  conn.on("data", (data) => {
    if (!conn.write(data)) {
      paused += 1;
      conn.pause(); // backpressure: read no more until the echo has gone out
      conn.once("drain", () => conn.resume());
    }
    most = Math.max(most, conn.writableLength);
  });
  conn.on("end", () => {
    conn.end();
    console.log(`times it stopped reading: ${paused}; at most ${Math.round(most / 1024)} KiB waited in memory`);
  });
  conn.on("error", (err) => console.log(`lost the client: ${err.code}`));
});

server.listen(PORT, HOST);
