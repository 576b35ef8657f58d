# unix-echo: a stream echo server on a Unix socket path.
# The task, hints and checks: {{tutor}} start, then this exercise in the menu.
# Check it from this folder: {{tutor}} verify unix-echo unix-echo.py
import os
import socket

SOCKET_PATH = os.environ["SOCKET_PATH"]  # a path, not a host and port


def serve(conn: socket.socket) -> None:
    # TODO: echo this client's bytes until recv returns b"" (as in tcp-echo)
    pass


def main() -> None:
    # TODO: create a stream socket in the Unix address family   (lesson 3, Address families)
    # TODO: bind it to SOCKET_PATH, listen()
    # TODO: forever: accept a client, serve it, close its socket
    pass


main()
