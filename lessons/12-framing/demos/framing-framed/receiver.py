# The right receiver: read exactly 4 bytes for the length, then exactly that many bytes.
import os
import socket
import struct
import time

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))


def recv_exactly(conn: socket.socket, n: int):
    """Exactly n bytes, or None if the other side closed first."""
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))  # asks only for what is still missing
        if not chunk:
            return None
        data += chunk
    return data


with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
    server.bind((HOST, PORT))
    server.listen()
    conn, _ = server.accept()
    with conn:
        time.sleep(0.5)  # busy with something else for a moment, as before
        for number in range(1, 11):  # at most 10 messages
            header = recv_exactly(conn, 4)
            if header is None:
                break
            (length,) = struct.unpack("!I", header)
            message = recv_exactly(conn, length)
            if message is None:
                break
            print(f"message {number}: {message!r}")
