// The naive Node server: it echoes with write() and ignores what write() returns.
// Node never fails a write: it keeps in memory what the kernel cannot take yet, so
// nothing limits how much waits. With many slow clients that is the memory of the
// whole machine; this demo gives the server a budget of 2 MiB and stops it there, as
// the kernel's out-of-memory killer would stop a real one much later.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);
const MiB = 1024 * 1024;
const BUDGET = 2 * MiB;

const server = net.createServer((conn) => {
  server.close(); // one client is enough
  let full = 0;
  conn.on("data", (data) => {
    if (!conn.write(data)) full += 1; // false: "my buffer is full, wait for 'drain'"; ignored here
    if (conn.writableLength > BUDGET) {
      console.error(`write() said false ${full} times; now ${(conn.writableLength / MiB).toFixed(1)} MiB wait in memory for one client: over budget`);
      process.exit(1);
    }
  });
  conn.on("end", () => conn.end());
});

server.listen(PORT, HOST);
