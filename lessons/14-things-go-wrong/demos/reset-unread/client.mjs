// Send, wait a moment, send again: the server has closed with our bytes unread,
// so its kernel reset the connection. The 'error' event is caught and printed.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

let later;
const sock = net.connect(PORT, HOST, () => {
  sock.write("hello, are you there?");
  // Meanwhile the server reads 5 bytes and closes: RST.
  later = setTimeout(() => sock.write("still there?"), 500);
});
// Without this listener an ECONNRESET or EPIPE would end the whole program.
sock.on("error", (err) => console.log(`'error' event: ${err.code}`));
sock.on("close", () => {
  clearTimeout(later); // the connection is gone: no second send
  console.log("client done, no crash");
});
