// A TCP client in Node: connect, then send what you type and print the reply.
import net from "node:net";
import readline from "node:readline";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

const keyboard = readline.createInterface({ input: process.stdin });
const typed = keyboard[Symbol.asyncIterator]();

async function ask(prompt) {
  process.stdout.write(prompt);
  const { value, done } = await typed.next();
  return done ? "" : value;
}

let finished = false;

// connect() makes the socket and does the TCP handshake. The kernel picks a free
// local port for the client (no bind() needed on this side).
const client = net.connect(PORT, HOST, async () => {
  client.write(await ask("you: "));
});

client.on("data", async (data) => {
  console.log("server says:", data.toString());
  if (data.toString() === "bye") {
    finished = true;
    client.end(); // close our side
    keyboard.close();
    return;
  }
  client.write(await ask("you: "));
});

client.on("end", () => {
  // the server closed the connection (Python's recv() would return b'')
  if (!finished) console.log("the server closed the connection");
  keyboard.close();
});
