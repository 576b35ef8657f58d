// unix-echo: a stream echo server on a Unix socket path.
// The task, hints and checks: {{tutor}} start, then this exercise in the menu.
// Check it from this folder: {{tutor}} verify unix-echo unix-echo.mjs
import net from "node:net";

const SOCKET_PATH = process.env.SOCKET_PATH; // a path, not a host and port

// TODO: the same server as tcp-echo: net.createServer({ allowHalfOpen: true }, (client) => { ... })
// TODO: listen on the path instead of a port: Node then creates an AF_UNIX socket
//       (lesson 3, Address families)
