// udp-kv: a key-value store over UDP.
// The task, hints and checks: {{tutor}} start, then this exercise in the menu.
// Check it from this folder: {{tutor}} verify udp-kv udp-kv.mjs
import dgram from "node:dgram";

const HOST = process.env.HOST;
const PORT = Number(process.env.PORT);

// TODO: const sock = dgram.createSocket("udp4")                       (lesson 9, UDP)
// TODO: a Map for the store, shared by every client
// TODO: sock.on("message", (msg, rinfo) => { ... }):
//       with "=" in msg: an insert (split at the FIRST "="), no reply; never change "version"
//       else: a retrieve: reply key=value to rinfo.port, rinfo.address  (lesson 16, A protocol over UDP)
// TODO: sock.bind(PORT, HOST)
