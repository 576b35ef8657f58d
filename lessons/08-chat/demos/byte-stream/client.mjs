// Two quick writes, then one big one: watch how the server's reads see them.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

const sock = net.connect(PORT, HOST, () => {
  sock.write("hello ");
  sock.write("world");
  console.log("sent 'hello ' and 'world' in two writes");
});

sock.once("data", () => {
  // the server has read them: now 1000000 bytes in one write
  sock.write(Buffer.alloc(1_000_000, "x"), () => console.log("sent 1000000 bytes in one write"));
  sock.end(); // and close our side: the server sees the end of the stream
});
