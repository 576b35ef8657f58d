// A TCP server in Node: listen, take one connection, then talk.
import net from "node:net";
import readline from "node:readline";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

// What you type, one line at a time: `await typed.next()` waits for the next line.
const keyboard = readline.createInterface({ input: process.stdin });
const typed = keyboard[Symbol.asyncIterator]();

async function ask(prompt) {
  process.stdout.write(prompt);
  const { value, done } = await typed.next();
  return done ? "bye" : value;
}

// There is no accept() to call: Node accepts each connection as soon as the kernel
// queues it and hands the new socket to this 'connection' handler.
const server = net.createServer((conn) => {
  console.log("connected by", conn.remoteAddress, conn.remotePort);
  let finished = false;

  function finish() {
    if (finished) return;
    finished = true;
    conn.end(); // close our side once everything written has been sent
    server.close(); // and stop listening
    keyboard.close(); // stop reading the keyboard so the program can end
  }

  conn.on("data", async (data) => {
    console.log("client says:", data.toString());
    const reply = await ask("reply: ");
    conn.write(reply);
    if (reply === "bye") finish();
  });
  conn.on("end", () => {
    // the client closed its side (Python's recv() would return b'')
    if (!finished) console.log("the client left");
    finish();
  });
});

// listen() does socket(), bind() and listen() in one call. The address is the
// server's own: the one clients connect to.
server.listen(PORT, HOST, () => console.log(`listening on ${HOST}:${PORT}`));
