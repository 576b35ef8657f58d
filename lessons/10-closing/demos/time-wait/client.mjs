// Say hello, then read until the server hangs up.
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

const sock = net.connect(PORT, HOST, () => sock.write("hello"));

sock.on("data", (data) => console.log("server said", `'${data}'`));

sock.on("end", () => {
  // The server closed first; Node closes our side in reply.
  console.log("the server closed first; we closed second, so no TIME_WAIT on our side");
});
