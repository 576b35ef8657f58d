# TCP and UDP have separate port numbers: both can use port 8000 at the same time.
import os
import socket
import time

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))

tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
tcp.bind((HOST, PORT))
tcp.listen(3)
print("TCP socket bound to", tcp.getsockname())

udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
udp.bind((HOST, PORT))  # no EADDRINUSE: a UDP port is not a TCP port
print("UDP socket bound to", udp.getsockname())

# Hold both for a moment: the kernel's table shows a tcp row and a udp row
# with the same address and port.
time.sleep(2)

udp.close()
tcp.close()
