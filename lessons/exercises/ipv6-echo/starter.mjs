// ipv6-echo: the TCP echo server, over IPv6 (HOST is ::1).
// The task, hints and checks: {{tutor}} start, then this exercise in the menu.
// Check it from this folder: {{tutor}} verify ipv6-echo ipv6-echo.mjs
import net from "node:net";

const HOST = process.env.HOST; // the checker sets HOST and PORT: never hard-code them
const PORT = Number(process.env.PORT);

// TODO: create the server: net.createServer({ allowHalfOpen: true }, (client) => { ... })
//   Inside, for each client (lesson 5, The server's calls):
//   - on "data": send the chunk back (a chunk is whatever has arrived, not a whole message)
//   - on "end": the client closed its side; close yours with client.end()
//   - on "error": log it, so one bad client cannot crash the server
// TODO: listen on PORT and HOST: server.listen(PORT, HOST). Node picks the address family
//       from HOST (lesson 3, Address families): never hard-code 127.0.0.1.
