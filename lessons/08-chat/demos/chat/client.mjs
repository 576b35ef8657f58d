// The classic two-window chat, client side. Type a line to send it; either
// side ends the chat by typing bye. (Node does not make you take turns.)
import net from "node:net";
import readline from "node:readline";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

const sock = net.connect(PORT, HOST, () => {
  console.log("connected to", sock.remoteAddress, sock.remotePort, "- bye ends the chat");
});

// TCP keeps no message boundaries: readline collects the bytes into whole
// lines, however the stream splits or merges them.
const incoming = readline.createInterface({ input: sock });
const keyboard = readline.createInterface({ input: process.stdin });

function hangUp() {
  sock.end(); // close our side: the server sees end of stream
  keyboard.close(); // stop reading the keyboard so the program can end
}

incoming.on("line", (line) => {
  console.log("server:", line);
  if (line === "bye") hangUp();
});

keyboard.on("line", (line) => {
  sock.write(line + "\n");
  if (line === "bye") hangUp();
});

keyboard.on("close", () => {
  // no more input: say goodbye (unless the chat is already over)
  if (!sock.writableEnded) {
    sock.write("bye\n");
    sock.end();
  }
});

sock.on("end", () => console.log("the server left"));
