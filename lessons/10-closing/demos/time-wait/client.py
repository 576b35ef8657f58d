# Say hello, then read until the server hangs up.
import os
import socket

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
    sock.connect((HOST, PORT))
    sock.sendall(b"hello")
    while True:
        data = sock.recv(1024)
        if not data:  # b'': the server closed first
            break
        print("server said", data)
# Closing second, our side skips TIME_WAIT.
print("the server closed first; we closed second, so no TIME_WAIT on our side")
