// A chat client that leaves without saying bye: one line, one answer, then it
// closes, as when someone closes the chat window.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

const sock = net.connect(PORT, HOST, () => sock.write("hello"));

sock.once("data", (data) => {
  console.log("server:", data.toString());
  sock.destroy(); // close the socket: no bye, no more reading
  console.log("left without saying bye");
});
