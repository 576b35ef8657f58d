// Read only part of what the client sent, then close: the unread bytes make the
// kernel answer with a reset (RST) instead of an orderly FIN.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

// pauseOnConnect: Node does not read by itself, so the bytes we do not read stay unread.
const server = net.createServer({ pauseOnConnect: true }, (conn) => {
  conn.once("readable", () => {
    const first = conn.read(5); // 5 bytes; the rest stays unread
    console.log("read", JSON.stringify(String(first)), "and closing with bytes unread");
    // Node has already moved the rest into its own buffer, so the kernel has nothing unread and
    // destroy() would send a FIN. resetAndDestroy() sets SO_LINGER to 0 and closes: RST.
    conn.resetAndDestroy();
    server.close(() => console.log("server done"));
  });
});
server.listen(PORT, HOST);
