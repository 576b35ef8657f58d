# Echo client over a Unix socket: AF_UNIX, the address is a file path.
import os
import socket
import time

SOCKET_PATH = os.environ.get("SOCKET_PATH", "echo.sock")

with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
    sock.connect(SOCKET_PATH)
    print("connected to", sock.getpeername())
    for message in [b"hello", b"over a Unix socket"]:
        sock.sendall(message)
        reply = b""
        while len(reply) < len(message):  # a stream may split the echo: read until all of it is back
            chunk = sock.recv(1024)
            if not chunk:
                break
            reply += chunk
        print("echoed:", reply.decode())
    time.sleep(1)  # keep the connection open a moment: the table shows both of its ends
