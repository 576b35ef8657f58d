// chat-room: a room of named members.
// The task, hints and checks: {{tutor}} start, then this exercise in the menu.
// Check it from this folder: {{tutor}} verify chat-room chat-room.mjs
import net from "node:net";

const HOST = process.env.HOST;
const PORT = Number(process.env.PORT);
const LIMIT = 1024 * 1024; // pending output above which a member that does not read is dropped
const members = new Map(); // name -> socket

const server = net.createServer((client) => {
  // TODO: send the welcome; the first line is the name (lines: lesson 12, Framing)
  // TODO: send each later line to every other member as [name] line
  // TODO: after each write, if client.writableLength > LIMIT the member does not read:
  //       destroy it (lesson 13, Non-blocking I/O); on 'close', tell the others it left
  client.on("error", () => client.destroy());
});

// TODO: server.listen(PORT, HOST)
void server;
void members;
void LIMIT;
void HOST;
void PORT;
