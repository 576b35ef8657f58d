// udp-retry: a UDP client that retries.
// The task, hints and checks: {{tutor}} start, then this exercise in the menu.
// Check it from this folder: {{tutor}} verify udp-retry udp-retry.mjs
import dgram from "node:dgram";

const HOST = process.env.HOST;
const PORT = Number(process.env.PORT);
const KEYS = process.env.KEYS.split(",");

// TODO: const sock = dgram.createSocket("udp4")                           (lesson 9, UDP)
// TODO: for each key: sock.send(key, PORT, HOST), then wait for the reply with a timer
//       (setTimeout); when it fires, send again and wait longer (double it); at least 5 tries
// TODO: in sock.on("message"), a reply that does not start with key + "=" is not yours: ignore it
// TODO: print each reply once: process.stdout.write(reply + "\n"); sock.close() at the end
//       (lesson 16, A protocol over UDP)
