// Ask, wait with a timer, ask again: each wait twice as long as the one before.
import dgram from "node:dgram";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

const sock = dgram.createSocket("udp4");
let attempt = 0;
let wait = 100; // ms; doubled after each timeout (exponential backoff)
let timer;

function ask() {
  attempt++;
  sock.send("colour", PORT, HOST);
  timer = setTimeout(() => {
    if (attempt === 5) {
      console.log("no reply after 5 tries: giving up");
      return sock.close();
    }
    console.log(`try ${attempt}: no reply in time, trying again with a longer wait`);
    wait *= 2;
    ask();
  }, wait);
}

sock.on("message", (reply) => {
  clearTimeout(timer);
  console.log(`reply on try ${attempt}: '${reply}'`);
  sock.close();
});
ask();
