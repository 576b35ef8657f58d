// A socket is a file descriptor: Node creates, binds and listens it in one call.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

const server = net.createServer();

// listen() does socket(), bind() and listen() for you.
server.listen(PORT, HOST, () => {
  // Node hides the descriptor; _handle.fd is an internal field, read here only to peek.
  console.log("the listening socket is file descriptor", server._handle.fd);
  console.log("listening on", server.address());

  // Hold the socket open for a moment: the kernel's table shows it as a LISTEN row
  // owned by this process and this file descriptor.
  setTimeout(() => {
    server.close(() => console.log("closed: the LISTEN row is gone"));
  }, 2000);
});
