# length-prefix: messages with a 4-byte big-endian length in front.
# The task, hints and checks: {{tutor}} start, then this exercise in the menu.
# Check it from this folder: {{tutor}} verify length-prefix length-prefix.py
import os
import socket
import struct
import threading

HOST = os.environ["HOST"]
PORT = int(os.environ["PORT"])
LIMIT = 1_048_576


def recv_exactly(conn: socket.socket, n: int):
    # TODO: call conn.recv() until you have exactly n bytes; return None if it returns b""
    #       (one recv() returns whatever has arrived: lesson 12, Framing)
    pass


def serve(conn: socket.socket) -> None:
    # TODO: loop: header = recv_exactly(conn, 4); stop at None (the client closed)
    # TODO: (length,) = struct.unpack("!I", header)   ("!" is network byte order: big-endian)
    # TODO: above LIMIT: close without replying; else read the payload with recv_exactly
    # TODO: reply struct.pack("!I", length) + payload[::-1]
    conn.close()


def main() -> None:
    # TODO: socket, bind((HOST, PORT)), listen; accept in a loop and serve each client
    #       in its own thread, so 5 clients can talk at once (lesson 11, Many clients)
    pass


main()
