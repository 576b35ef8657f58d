// A socket and a file get their numbers from the same table.
import fs from "node:fs";
import net from "node:net";

const server = net.createServer(); // Node makes the socket in listen()
server.listen(0, "127.0.0.1", () => {
  // _handle.fd is an internal field: Node hides the number.
  const fds = { socket: server._handle.fd, file: fs.openSync("/dev/null", "r") };
  for (const [name, fd] of Object.entries(fds)) {
    let what;
    try { what = fs.readlinkSync(`/proc/self/fd/${fd}`); } // Linux only
    catch { what = `(no /proc: try lsof -p ${process.pid})`; }
    console.log(`${name.padEnd(6)} is file descriptor ${fd}: ${what}`);
  }
  fs.closeSync(fds.file);
  server.close();
});
