# Send a datagram, on a connected UDP socket, to a port where no program listens.
import errno
import os
import socket
import sys

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))

with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
    # For UDP, connect() sends nothing: it only sets where send() goes, and which
    # peer the socket hears from. It also lets the kernel report errors to us.
    sock.connect((HOST, PORT))
    sock.send(b"anyone there?")
    sock.settimeout(2)
    try:
        data = sock.recv(1024)
        print("an answer?! something is listening:", data)
    except ConnectionRefusedError as e:
        print(f"recv() failed: {errno.errorcode[e.errno]} (errno {e.errno}): {e.strerror}")
        print(f"Nothing listens on {HOST}:{PORT}: the kernel answered our datagram with an")
        print("ICMP 'port unreachable', and reported it on our connected socket.")
        sys.exit(1)
    except TimeoutError:
        print("no answer within 2 s")
