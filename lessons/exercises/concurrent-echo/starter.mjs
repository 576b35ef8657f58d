// concurrent-echo: an echo server for many clients at once.
// The task, hints and checks: {{tutor}} start, then this exercise in the menu.
// Check it from this folder: {{tutor}} verify concurrent-echo concurrent-echo.mjs
import net from "node:net";

const HOST = process.env.HOST;
const PORT = Number(process.env.PORT);

// TODO: the tcp-echo server: net.createServer({ allowHalfOpen: true }, (client) => { ... })
//   Node calls your function once per client and delivers each client's "data" events as they
//   come, so clients do not wait for each other (lesson 11, Many clients).
// TODO: server.listen(PORT, HOST)
