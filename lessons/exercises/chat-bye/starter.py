# chat-bye: the chat server, made testable.
# The task, hints and checks: {{tutor}} start, then this exercise in the menu.
# Check it from this folder: {{tutor}} verify chat-bye chat-bye.py
import os
import socket

HOST = os.environ["HOST"]
PORT = int(os.environ["PORT"])


def chat(conn: socket.socket) -> None:
    pending = b""  # bytes received that do not end in a newline yet
    # TODO: loop: data = conn.recv(4096); stop if data == b"" (the client left)
    # TODO: add data to pending; while pending holds b"\n", take one line out of it
    #       (one recv() can hold two lines, or half of one: lesson 8, The chat)
    # TODO: drop a b"\r" at the end of the line (some clients end lines with \r\n)
    # TODO: answer b"echo: " + line + b"\n"; but for the line b"bye", send b"bye\n" and return
    pass


def main() -> None:
    # TODO: socket, bind((HOST, PORT)), listen, then accept ONE client   (lesson 5, The server's calls)
    # TODO: chat with it, then close both sockets; returning from main() exits with status 0
    pass


main()
