// The classic two-window chat, server side. Type a line to send it; either
// side ends the chat by typing bye. (Node does not make you take turns.)
import net from "node:net";
import readline from "node:readline";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

const server = net.createServer((conn) => {
  server.close(); // one client is enough: stop listening
  console.log("client connected from", conn.remoteAddress, conn.remotePort);

  // TCP keeps no message boundaries: readline collects the bytes into whole
  // lines, however the stream splits or merges them.
  const incoming = readline.createInterface({ input: conn });
  const keyboard = readline.createInterface({ input: process.stdin });
  let saidBye = false;

  function say(text) {
    if (saidBye) return;
    conn.write(text + "\n");
    // After our bye we wait for the client to hang up first (lesson 10).
    saidBye = text === "bye";
  }

  incoming.on("line", (line) => console.log("client:", line));
  keyboard.on("line", say);
  keyboard.on("close", () => say("bye")); // no more input: say goodbye

  conn.on("end", () => {
    // The client closed its side (it read as b'' in Python); Node closes ours in reply.
    saidBye = true;
    console.log("the client left");
    keyboard.close(); // stop reading the keyboard so the program can end
  });
});

server.listen(PORT, HOST, () => console.log("waiting for a client on", HOST, PORT));
