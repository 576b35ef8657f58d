// Send a request, then shut down only our sending side: the server sees the end
// of the request, and we can still read its reply.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

// No allowHalfOpen here: that option matters on the side that receives the first
// FIN (the server). After our own end() we can read until the server closes.
const sock = net.connect(PORT, HOST, () => {
  sock.write("first part, ");
  sock.write("second part");
  sock.end(); // shutdown(SHUT_WR), sends FIN: "no more data from me"
  console.log("sending side shut down; still reading");
});

let reply = "";
sock.on("data", (chunk) => (reply += chunk));
sock.on("end", () => console.log("server replied", `'${reply}'`)); // the server closed
