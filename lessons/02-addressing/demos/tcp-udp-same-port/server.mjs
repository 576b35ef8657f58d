// TCP and UDP have separate port numbers: both can use port 8000 at the same time.
import dgram from "node:dgram";
import net from "node:net";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8000);

const tcp = net.createServer();
tcp.listen(PORT, HOST, () => {
  console.log("TCP socket bound to", tcp.address());

  const udp = dgram.createSocket("udp4");
  udp.bind(PORT, HOST, () => {
    // no EADDRINUSE: a UDP port is not a TCP port
    console.log("UDP socket bound to", udp.address());

    // Hold both for a moment: the kernel's table shows a tcp row and a udp row
    // with the same address and port.
    setTimeout(() => {
      udp.close();
      tcp.close();
    }, 2000);
  });
});
