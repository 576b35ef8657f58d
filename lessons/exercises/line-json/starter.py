# line-json: JSON requests, one per line.
# The task, hints and checks: {{tutor}} start, then this exercise in the menu.
# Check it from this folder: {{tutor}} verify line-json line-json.py
import json
import os
import socket
import threading

HOST = os.environ["HOST"]
PORT = int(os.environ["PORT"])


def answer(line: bytes):
    # TODO: json.loads(line); check: an object, method "sum", numbers a list of ints
    #       (type(n) is int: True is an int in Python). Return (reply, go_on):
    #       ({"method": "sum", "sum": ...}, True) or ({"error": "..."}, False)
    pass


def serve(conn: socket.socket) -> None:
    pending = b""  # bytes that do not make a complete line yet
    # TODO: loop: recv(), add to pending, then handle every complete line in it
    #       (one recv() can hold several requests, or half of one: lesson 12, Framing)
    # TODO: send json.dumps(reply) + "\n"; after an error line, close the connection
    conn.close()


def main() -> None:
    # TODO: socket, bind((HOST, PORT)), listen; accept in a loop and serve each client
    #       in its own thread, so 5 clients can talk at once (lesson 11, Many clients)
    pass


main()
