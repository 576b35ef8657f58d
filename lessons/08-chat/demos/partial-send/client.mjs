// write() always takes all your bytes: what the kernel will not take yet, Node
// keeps in its own queue, and write() returns false to say "wait for 'drain'".
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);
const data = Buffer.alloc(10_000_000, "x"); // more than the kernel's buffers hold at once

const sock = net.connect(PORT, HOST, () => {
  const ok = sock.write(data);
  console.log(`write() accepted all ${data.length} bytes and returned ${ok}`);
  sock.once("drain", () => {
    console.log("'drain': Node has handed every byte to the kernel");
    sock.end();
  });
});
