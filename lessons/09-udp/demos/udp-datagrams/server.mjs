// UDP keeps message boundaries, and loses datagrams when nobody reads them:
// the receiver's buffer fills up and the kernel drops the rest.
import dgram from "node:dgram";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);
const BURST = 30; // the sender's burst (see client.mjs)
let first = 0;
let burst = 0;
let quiet;

const sock = dgram.createSocket("udp4");

sock.on("message", (data, sender) => {
  if (first < 3) {
    first += 1;
    console.log("message:", `'${data}'`); // exactly one datagram each time
    if (first === 3) sock.send("go ahead", sender.port, sender.address, stopReading);
    return;
  }
  burst += 1;
  clearTimeout(quiet);
  quiet = setTimeout(report, 500); // nothing for half a second: nothing more is coming
});

function stopReading() {
  // Freeze the event loop for a second, as a receiver stuck in a long computation
  // would: Node cannot read the socket, the burst piles up in the buffer, then overflows.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
  quiet = setTimeout(report, 500);
}

function report() {
  console.log(`received ${burst} of ${BURST}: the kernel dropped ${BURST - burst}`);
  sock.close();
}

sock.bind(PORT, HOST, () => {
  sock.setRecvBufferSize(4096); // a small receive buffer: room for only a few datagrams
});

setTimeout(() => sock.close(), 5000).unref(); // stop if the sender never comes
