// line-json: JSON requests, one per line.
// The task, hints and checks: {{tutor}} start, then this exercise in the menu.
// Check it from this folder: {{tutor}} verify line-json line-json.mjs
import net from "node:net";

const HOST = process.env.HOST;
const PORT = Number(process.env.PORT);

const server = net.createServer((client) => {
  let pending = Buffer.alloc(0); // bytes that do not make a complete line yet
  client.on("data", (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    // TODO: while pending holds a newline (0x0a): take the line out, JSON.parse it
    //       (one chunk can hold several requests, or half of one: lesson 12, Framing)
    // TODO: check: an object, method "sum", numbers an array of Number.isInteger values
    // TODO: reply JSON.stringify({ method: "sum", sum }) + "\n";
    //       or an {"error": ...} line, then client.end()
  });
  client.on("error", () => client.destroy());
});

// TODO: server.listen(PORT, HOST)
void server;
void HOST;
void PORT;
