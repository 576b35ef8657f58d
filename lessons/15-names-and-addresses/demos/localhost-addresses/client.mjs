// Ask what "localhost" means here, print every address, then let Node try each in turn.
import dns from "node:dns/promises";
import net from "node:net";

const PORT = Number(process.env.PORT ?? 8000);

// dns.lookup() is getaddrinfo(): for localhost it reads /etc/hosts, no DNS query leaves the machine.
const found = await dns.lookup("localhost", { all: true });
console.log(`getaddrinfo('localhost') gave ${found.length} address(es) here:`);
for (const a of found) console.log(`   IPv${a.family} ${a.address}`);

function connect(options) {
  return new Promise((resolve) => {
    const sock = net.connect(options, () => resolve(sock));
    sock.once("error", (err) => {
      console.log(`  ${options.host}: ${err.code}`);
      resolve(null);
    });
  });
}

// autoSelectFamily: try every address of the name in turn, not only the first.
let sock = await connect({ host: "localhost", port: PORT, autoSelectFamily: true });
if (sock) console.log("connected to", sock.remoteAddress);
else {
  console.log("no address of localhost worked: the server listens on ::1 only");
  sock = await connect({ host: "::1", port: PORT });
  if (sock) console.log("connected to ::1 by its address");
}
if (sock) sock.on("data", (d) => console.log("reply:", JSON.stringify(String(d))));
