# Echo client over IPv4: AF_INET, addresses are (host, port).
import os
import socket
import time

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
    sock.connect((HOST, PORT))
    print("connected from", sock.getsockname())
    for message in [b"hello", b"over IPv4"]:
        sock.sendall(message)
        reply = b""
        while len(reply) < len(message):  # TCP may split the echo: read until all of it is back
            chunk = sock.recv(1024)
            if not chunk:
                break
            reply += chunk
        print("echoed:", reply.decode())
    time.sleep(1)  # keep the connection open a moment: the table shows both of its ends
