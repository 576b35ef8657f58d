# length-prefix, a reference solution: each message is a 4-byte big-endian length and
# that many bytes; the reply is the payload reversed, framed the same way.
import os
import socket
import struct
import threading

HOST = os.environ["HOST"]
PORT = int(os.environ["PORT"])
LIMIT = 1_048_576  # the largest payload the protocol allows


def recv_exactly(conn: socket.socket, n: int):
    """Exactly n bytes, or None if the client closed first (a partial message is dropped)."""
    parts = []
    while n > 0:
        chunk = conn.recv(min(n, 65536))
        if not chunk:
            return None
        parts.append(chunk)
        n -= len(chunk)
    return b"".join(parts)


def serve(conn: socket.socket) -> None:
    with conn:
        try:
            while True:
                header = recv_exactly(conn, 4)
                if header is None:
                    return  # EOF: every complete message has had its reply
                (length,) = struct.unpack("!I", header)  # "!": network byte order (big-endian)
                if length > LIMIT:
                    return  # too big: close without replying to it
                payload = recv_exactly(conn, length)
                if payload is None:
                    return
                conn.sendall(struct.pack("!I", length) + payload[::-1])
        except OSError:
            pass  # a reset ends this client only


def main() -> None:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((HOST, PORT))
    server.listen()
    while True:
        conn, _ = server.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


main()
