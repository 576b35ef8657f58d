import net from "node:net";
import { readlinkSync } from "node:fs";

const server = net.createServer();
server.listen(0, "127.0.0.1", () => {
  const fd = server._handle.fd;
  console.log("listen() gave the server file descriptor", fd);
  console.log("the kernel lists it as", readlinkSync(`/proc/self/fd/${fd}`));
  server.close();
});
