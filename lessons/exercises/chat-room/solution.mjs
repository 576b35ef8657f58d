// chat-room, a reference solution: Node buffers what write() cannot send at once;
// a member whose buffer grows past a limit does not read, and is dropped.
import net from "node:net";

const HOST = process.env.HOST;
const PORT = Number(process.env.PORT);
const MAX_LINE = 1000; // the longest line the protocol allows, without its \n
const LIMIT = 1024 * 1024; // pending output above which a member that does not read is dropped
const NAME = /^[A-Za-z0-9]{1,16}$/;

const members = new Map(); // name -> socket

function send(client, text) {
  if (client.destroyed) return;
  client.write(text);
  // write() returns false once its buffer is full; writableLength says how much waits.
  if (client.writableLength > LIMIT) client.destroy(); // 'close' below tells the others
}

const server = net.createServer((client) => {
  let name = null; // set once the first line was a valid name: then a member
  let pending = ""; // text received that does not make a complete line yet
  client.setEncoding("latin1"); // the checker sends printable ASCII: one byte, one character
  send(client, "welcome: what's your name?\n");

  function onLine(line) {
    if (name === null) {
      if (!NAME.test(line) || members.has(line)) {
        client.end(`error: ${members.has(line) ? "name taken" : "1 to 16 letters and digits"}\n`);
        client.removeAllListeners("data");
        return;
      }
      const others = [...members.keys()];
      name = line;
      send(client, `* in the room: ${others.join(", ")}\n`);
      for (const other of members.values()) send(other, `* ${name} joined\n`);
      members.set(name, client);
      return;
    }
    for (const [n, other] of members) if (n !== name) send(other, `[${name}] ${line}\n`); // never back to the sender
  }

  client.on("data", (chunk) => {
    pending += chunk;
    // One chunk may hold several lines, or part of one: handle every complete line.
    let newline;
    while ((newline = pending.indexOf("\n")) >= 0) {
      const line = pending.slice(0, Math.min(newline, MAX_LINE));
      pending = pending.slice(newline + 1);
      onLine(line);
      if (client.destroyed || client.writableEnded) return;
    }
    if (pending.length > MAX_LINE) pending = ""; // a line too long: forget it
  });
  client.on("end", () => client.end());
  client.on("error", () => client.destroy()); // a reset: this member alone leaves
  client.on("close", () => {
    if (name === null || members.get(name) !== client) return;
    members.delete(name);
    for (const other of members.values()) send(other, `* ${name} left\n`);
  });
});

server.listen(PORT, HOST);
