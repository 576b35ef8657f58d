# send() may take only part of your bytes; sendall() loops until it has taken all.
import os
import socket

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))
data = b"x" * 10_000_000  # more than the kernel's buffers hold at once

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
    sock.connect((HOST, PORT))
    # With a timeout, Python's send() waits only until some room is free, then
    # sends what fits: the call returns the number of bytes the kernel took.
    sock.settimeout(10)
    sent = sock.send(data)
    print(f"send() took {sent} of {len(data)} bytes; the rest is still ours to send")
    sock.sendall(data[sent:])  # calls send() again and again until every byte is taken
    print(f"sendall() took the other {len(data) - sent} bytes")
