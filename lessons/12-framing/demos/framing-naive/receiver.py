# The wrong receiver: it believes that one recv() returns one message.
import os
import socket
import struct
import time

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
    server.bind((HOST, PORT))
    server.listen()
    conn, _ = server.accept()
    with conn:
        time.sleep(0.5)  # busy with something else for a moment
        for _ in range(10):  # at most 10 reads
            data = conn.recv(1024)
            if not data:
                break
            if len(data) < 4:
                print(f"recv() returned {len(data)} bytes: too short for a length")
                continue
            (length,) = struct.unpack("!I", data[:4])
            message = data[4 : 4 + length]
            print(f"recv() returned {len(data)} bytes; length {length}; message {message!r}")
