# Connect, say who we are, wait for the server's welcome.
import os
import socket
import sys
import time

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))
NAME = sys.argv[1] if len(sys.argv) > 1 else "client"

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
    sock.settimeout(10)  # a full accept queue stalls connect(): do not wait forever
    # monotonic(): a clock for durations. (In the tutor, the demo's clock: your pauses do not count.)
    start = time.monotonic()
    try:
        sock.connect((HOST, PORT))
    except socket.timeout:
        print(NAME, "gave up: connect() timed out, the server's queue stayed full")
        sys.exit(1)
    print(f"{NAME}: connect() returned after {time.monotonic() - start:.1f} s")

    sock.sendall(NAME.encode())
    reply = sock.recv(1024)
    print(f"{NAME}: {reply.decode()!r} after {time.monotonic() - start:.1f} s")
