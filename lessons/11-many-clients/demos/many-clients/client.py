# A slow client: say hello, think for a second, say bye. Each line comes back
# from the echo server; the times show when the server got round to us.
import os
import socket
import sys
import time

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))
NAME = sys.argv[1] if len(sys.argv) > 1 else "client"

# monotonic(): a clock for durations. (In the tutor, the demo's clock: your pauses do not count.)
start = time.monotonic()
with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
    sock.connect((HOST, PORT))
    print(f"{NAME}: connected after {time.monotonic() - start:.1f} s")
    for i, message in enumerate([f"hello from {NAME}", "bye"]):
        if i > 0:
            time.sleep(1)  # hold the connection for a moment
        sock.sendall(message.encode())
        reply = b""
        while len(reply) < len(message):  # TCP may split the echo: read until all of it is back
            chunk = sock.recv(1024)
            if not chunk:
                break
            reply += chunk
        print(f"{NAME}: {reply.decode()!r} echoed after {time.monotonic() - start:.1f} s")
