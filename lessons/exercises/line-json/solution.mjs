// line-json, a reference solution: one JSON request per line; answer each sum request
// with one line; answer a malformed request with an error line, then close.
import net from "node:net";

const HOST = process.env.HOST;
const PORT = Number(process.env.PORT);
const MAX_LINE = 100_000; // the longest request line the protocol allows, without its \n

/** The reply to one request line, and whether the connection may go on. */
function answer(line) {
  let request;
  try {
    request = JSON.parse(line);
  } catch {
    return [{ error: "not JSON" }, false];
  }
  if (typeof request !== "object" || request === null || Array.isArray(request)) return [{ error: "not a JSON object" }, false];
  if (request.method !== "sum") return [{ error: "unknown method" }, false];
  const numbers = request.numbers;
  if (!Array.isArray(numbers) || numbers.length > 10_000) return [{ error: "numbers must be an array" }, false];
  // typeof "number" and a whole value: 1.5, "3", true and null are not integers.
  if (!numbers.every((n) => Number.isInteger(n) && Math.abs(n) < 2 ** 31)) return [{ error: "numbers must be integers" }, false];
  return [{ method: "sum", sum: numbers.reduce((a, b) => a + b, 0) }, true];
}

const server = net.createServer((client) => {
  let pending = Buffer.alloc(0); // bytes that do not make a complete line yet
  client.on("data", (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    // One chunk may hold several requests, or part of one: answer every complete line.
    let newline;
    while ((newline = pending.indexOf(0x0a)) >= 0) {
      // Decode a whole line only: a chunk may end inside a multi-byte character.
      const line = pending.subarray(0, newline).toString("utf8");
      pending = pending.subarray(newline + 1);
      const [reply, goOn] = answer(line);
      client.write(JSON.stringify(reply) + "\n");
      if (!goOn) return stop(); // a malformed request: the error line, then close
    }
    if (pending.length > MAX_LINE) {
      client.write('{"error":"line too long"}\n');
      stop();
    }
  });
  function stop() {
    client.removeAllListeners("data");
    client.end(); // the replies written so far go first, then the close
  }
  client.on("end", () => client.end());
  client.on("error", () => client.destroy()); // a reset ends this client only
});

server.listen(PORT, HOST);
