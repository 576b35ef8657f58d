# A udp-kv-like server that plays a lossy network: it drops the first two
# requests on purpose (loopback itself never loses a datagram), then answers.
import os
import socket

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))
DROP = 2

with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
    sock.bind((HOST, PORT))
    for n in range(1, DROP + 2):
        data, addr = sock.recvfrom(65535)
        if n <= DROP:
            print(f"request {n} {data!r}: dropped on purpose")
            continue
        sock.sendto(data + b"=blue", addr)
        print(f"request {n} {data!r}: answered")
