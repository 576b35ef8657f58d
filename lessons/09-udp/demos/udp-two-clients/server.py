# One UDP socket serves every client: recvfrom() tells us who sent each
# datagram, sendto() replies to that address. No listen(), no accept().
import os
import socket

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))

with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
    sock.bind((HOST, PORT))
    print("waiting for datagrams on", sock.getsockname())
    sock.settimeout(5)  # stop if the clients go quiet
    for _ in range(4):  # two clients, two datagrams each
        try:
            data, addr = sock.recvfrom(1024)
        except socket.timeout:
            break
        print("from", addr, data)
        sock.sendto(data.upper(), addr)  # the reply goes back to that sender
