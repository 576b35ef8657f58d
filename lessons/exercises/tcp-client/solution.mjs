// tcp-client, a reference solution: send MESSAGE, print the whole answer.
import net from "node:net";

const HOST = process.env.HOST;
const PORT = Number(process.env.PORT);
const MESSAGE = process.env.MESSAGE;

const sock = net.connect(PORT, HOST, () => sock.write(MESSAGE));
// Each 'data' event is one piece, whatever has arrived; print them as they come.
sock.on("data", (chunk) => process.stdout.write(chunk));
// 'end': the server closed. Node then closes our side too, and exits when nothing is left to do.
sock.on("end", () => {});
sock.on("error", (err) => {
  console.error(`connection failed: ${err.message}`);
  process.exitCode = 1;
});
