// chat-bye, a reference solution: one client; answer each line; end on "bye".
import net from "node:net";

const HOST = process.env.HOST;
const PORT = Number(process.env.PORT);

const server = net.createServer((client) => {
  server.close(); // this chat serves one client: stop accepting others
  let pending = ""; // text received but not yet a complete line
  client.setEncoding("utf8");
  client.on("data", (chunk) => {
    pending += chunk;
    // One chunk may hold several lines, or part of one: answer every complete line.
    let newline;
    while ((newline = pending.indexOf("\n")) >= 0) {
      let line = pending.slice(0, newline);
      if (line.endsWith("\r")) line = line.slice(0, -1); // a \r\n line end: the \r is not part of the line
      pending = pending.slice(newline + 1);
      if (line === "bye") {
        // end() sends bye, then closes. With the server closed and no socket left,
        // Node has nothing more to wait for and exits with status 0.
        client.end("bye\n");
        client.removeAllListeners("data");
        return;
      }
      client.write(`echo: ${line}\n`);
    }
  });
  client.on("error", (err) => console.error(`client error: ${err.message}`));
});

server.listen(PORT, HOST);
