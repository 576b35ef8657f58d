// udp-kv, a reference solution: a key-value store over UDP.
import dgram from "node:dgram";

const HOST = process.env.HOST;
const PORT = Number(process.env.PORT);
const VERSION = Buffer.from("socket-tutor kv 1.0");

// One store for every client. Keys are kept as latin1 strings: one char per byte, so no byte changes.
const store = new Map();
const sock = dgram.createSocket("udp4");
sock.on("message", (msg, rinfo) => {
  const at = msg.indexOf(0x3d); // the FIRST "=": the value keeps any others
  if (at >= 0) {
    const key = msg.subarray(0, at).toString("latin1");
    if (key !== "version") store.set(key, Buffer.from(msg.subarray(at + 1)));
    return; // an insert gets no reply
  }
  const key = msg.toString("latin1");
  const value = key === "version" ? VERSION : (store.get(key) ?? Buffer.alloc(0));
  sock.send(Buffer.concat([msg, Buffer.from("="), value]), rinfo.port, rinfo.address);
});
sock.bind(PORT, HOST);
