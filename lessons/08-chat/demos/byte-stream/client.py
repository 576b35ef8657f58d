# Two quick sends, then one big one: watch how the server's recv() calls see them.
import os
import socket

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
    sock.connect((HOST, PORT))
    sock.sendall(b"hello ")
    sock.sendall(b"world")
    print("sent b'hello ' and b'world' in two calls")

    sock.recv(1024)  # wait until the server has read them
    sock.sendall(b"x" * 1_000_000)  # sendall() loops until the kernel has taken every byte
    print("sent 1000000 bytes in one sendall()")
