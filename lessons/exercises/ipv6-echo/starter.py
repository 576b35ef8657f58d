# ipv6-echo: the TCP echo server, over IPv6 (HOST is ::1).
# The task, hints and checks: {{tutor}} start, then this exercise in the menu.
# Check it from this folder: {{tutor}} verify ipv6-echo ipv6-echo.py
import os
import socket

HOST = os.environ["HOST"]  # the checker sets HOST and PORT: never hard-code them
PORT = int(os.environ["PORT"])


def serve(conn: socket.socket) -> None:
    # TODO: echo this client's bytes until it closes its side.
    #   conn.recv(n) returns what has arrived so far (b"" once the client has closed).
    #   conn.sendall(data) sends all of data back.
    # Why one recv() is not enough: lesson 8, The chat.
    pass


def main() -> None:
    # TODO: create a TCP socket for IPv6: which address family takes ::1?   (lesson 3, Address families)
    # TODO: bind it to (HOST, PORT), then listen()
    # TODO: forever: conn, addr = accept(); serve(conn); close conn
    pass


main()
