// chat-bye: the chat server, made testable.
// The task, hints and checks: {{tutor}} start, then this exercise in the menu.
// Check it from this folder: {{tutor}} verify chat-bye chat-bye.mjs
import net from "node:net";

const HOST = process.env.HOST;
const PORT = Number(process.env.PORT);

// TODO: const server = net.createServer((client) => { ... }), and inside:
//   - server.close() right away: this chat serves one client
//   - client.setEncoding("utf8"); keep a `pending` string of text that has no newline yet
//   - on "data": add the chunk to pending; answer every complete line in it
//     (a chunk can hold two lines, or half of one: lesson 8, The chat)
//   - drop a "\r" at the end of a line (some clients end lines with \r\n)
//   - a line "bye" is answered with client.end("bye\n"); any other with `echo: ${line}\n`
// TODO: server.listen(PORT, HOST)
// With the server closed and the client ended, Node exits with status 0 by itself.
