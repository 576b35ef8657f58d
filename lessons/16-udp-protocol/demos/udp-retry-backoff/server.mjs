// An honest udp-kv-like server: it answers every request it gets. It sits one port
// above PORT, behind the relay (which plays a lossy network in front of it).
// A request is "<id> <key>"; the reply repeats the id, so the client can tell which
// request it answers: "<id> <key>=<value>".
import dgram from "node:dgram";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000) + 1;
const VALUES = { colour: "blue", size: "large" };

const sock = dgram.createSocket("udp4");
sock.on("message", (msg, rinfo) => {
  const text = String(msg);
  const space = text.indexOf(" ");
  const [id, key] = space < 0 ? [text, ""] : [text.slice(0, space), text.slice(space + 1)];
  sock.send(`${id} ${key}=${VALUES[key] ?? ""}`, rinfo.port, rinfo.address);
  console.log(`request ${id} for '${key}': answered`);
});
sock.bind(PORT, HOST);
