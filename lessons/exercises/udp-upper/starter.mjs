// udp-upper: answer each datagram, to its sender, in ASCII upper case.
// The task, hints and checks: {{tutor}} start, then this exercise in the menu.
// Check it from this folder: {{tutor}} verify udp-upper udp-upper.mjs
import dgram from "node:dgram";

const HOST = process.env.HOST;
const PORT = Number(process.env.PORT);

// TODO: write asciiUpper(buffer): a copy where only the bytes 0x61-0x7a (a-z) change to A-Z.
//       Work on the bytes: decoding to text would change other bytes too.
// TODO: const sock = dgram.createSocket("udp4")                     (lesson 9, UDP)
// TODO: sock.on("message", (msg, rinfo) => { /* reply to rinfo.address and rinfo.port */ })
// TODO: sock.bind(PORT, HOST)
