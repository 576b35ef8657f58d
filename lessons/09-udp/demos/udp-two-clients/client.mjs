// A UDP client: no connection, each send() names the server's address.
import dgram from "node:dgram";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);
const NAME = process.argv[2] ?? "client";
const texts = ["hello", "bye"];

const sock = dgram.createSocket("udp4");

function sendNext() {
  const text = texts.shift();
  if (text === undefined) return sock.close();
  sock.send(`${text} from ${NAME}`, PORT, HOST);
}

sock.on("message", (reply, rinfo) => {
  console.log("reply from", rinfo.address, rinfo.port, `'${reply}'`);
  setTimeout(sendNext, 300); // give the other client a turn
});

// UDP may lose a datagram: do not wait forever for the replies.
setTimeout(() => {
  console.log("no reply: a datagram or its answer was lost");
  sock.close();
}, 3000).unref();

// A client may bind too. Port 0 lets the kernel pick a free port; the address keeps
// it on loopback (without bind(), the first send() binds it to 0.0.0.0: every interface).
sock.bind(0, HOST, sendNext);
