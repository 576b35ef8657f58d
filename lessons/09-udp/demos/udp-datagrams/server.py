# UDP keeps message boundaries, and loses datagrams when nobody reads them:
# the receiver's buffer fills up and the kernel drops the rest.
import os
import socket
import time

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))
BURST = 30  # the sender's burst (see client.py)

with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
    # A small receive buffer: room for only a few datagrams.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.bind((HOST, PORT))
    sock.settimeout(5)  # stop if the sender never comes

    time.sleep(0.5)  # let the sender's first three datagrams arrive
    for _ in range(3):
        data, sender = sock.recvfrom(1024)  # exactly one datagram each time
        print("recvfrom() returned", data)

    sock.sendto(b"go ahead", sender)
    time.sleep(1)  # not reading: the burst piles up in the buffer, then overflows

    sock.settimeout(0.5)
    received = 0
    for _ in range(BURST):
        try:
            sock.recvfrom(1024)
        except socket.timeout:  # nothing more is coming
            break
        received += 1
    print(f"received {received} of {BURST}: the kernel dropped {BURST - received}")
