// Three datagrams, then a burst while the receiver is not reading.
import dgram from "node:dgram";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);
const BURST = 30;

const sock = dgram.createSocket("udp4");

// Loopback, any free port (see the two-clients demo).
sock.bind(0, HOST, () => {
  for (const text of ["one", "two", "three"]) sock.send(text, PORT, HOST);
});

sock.once("message", () => {
  // "go ahead": the receiver has stopped reading
  for (let i = 1; i <= BURST; i++) {
    sock.send(`burst ${i}/${BURST}`, PORT, HOST, (err) => {
      if (err) throw err;
      if (i < BURST) return;
      // Every send succeeded: UDP never tells the sender what was lost.
      console.log(`sent ${BURST} datagrams, no errors`);
      sock.close();
    });
  }
});

setTimeout(() => sock.close(), 5000).unref(); // stop if the receiver never answers
