# Echo client over IPv6: AF_INET6, addresses are (host, port, flowinfo, scope_id).
import os
import socket
import time

HOST = os.environ.get("HOST", "::1")
PORT = int(os.environ.get("PORT", "8000"))

with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as sock:
    sock.connect((HOST, PORT))
    print("connected from", sock.getsockname())
    for message in [b"hello", b"over IPv6"]:
        sock.sendall(message)
        reply = b""
        while len(reply) < len(message):  # TCP may split the echo: read until all of it is back
            chunk = sock.recv(1024)
            if not chunk:
                break
            reply += chunk
        print("echoed:", reply.decode())
    time.sleep(1)  # keep the connection open a moment: the table shows both of its ends
