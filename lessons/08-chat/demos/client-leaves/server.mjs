// The classic article's chat server, written the same way in Node: it never
// listens for 'end', so it goes on talking after the client has left.
import net from "node:net";
import readline from "node:readline";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

const server = net.createServer((conn) => {
  server.close(); // one client is enough: stop listening
  const keyboard = readline.createInterface({ input: process.stdin });
  conn.on("data", (data) => console.log("client:", data.toString()));

  keyboard.on("line", (message) => {
    // No check that the client is still there.
    conn.write(message, (err) => {
      if (err) {
        console.log(`write('${message}') failed: ${err.code}`);
        process.exitCode = 1;
      }
      if (message === "bye") keyboard.close(); // the chat is over: stop reading the keyboard
    });
  });
});

server.listen(PORT, HOST);
