# Three datagrams, then a burst while the receiver is not reading.
import os
import socket

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))
BURST = 30

with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
    sock.bind((HOST, 0))  # loopback, any free port (see the two-clients demo)
    for text in [b"one", b"two", b"three"]:
        sock.sendto(text, (HOST, PORT))

    sock.settimeout(5)
    sock.recvfrom(1024)  # "go ahead": the receiver has stopped reading

    for i in range(1, BURST + 1):
        sock.sendto(f"burst {i}/{BURST}".encode(), (HOST, PORT))
    # Every sendto() succeeded: UDP never tells the sender what was lost.
    print(f"sent {BURST} datagrams, no errors")
