# proxy: relay each client to its own upstream connection, both ways at once.
# The task, hints and checks: {{tutor}} start, then this exercise in the menu.
# Check it from this folder: {{tutor}} verify proxy proxy.py
import os
import socket
import threading

HOST = os.environ["HOST"]
PORT = int(os.environ["PORT"])
UPSTREAM = (os.environ["UPSTREAM_HOST"], int(os.environ["UPSTREAM_PORT"]))


def main() -> None:
    # TODO: listen on (HOST, PORT); for each accepted client, in its own thread:  (lesson 11, Many clients)
    # TODO: connect to UPSTREAM; if that fails, close the client and go on         (lesson 14, When things go wrong)
    # TODO: relay both directions at once (a thread per direction); when recv() returns b'',
    #       shutdown(socket.SHUT_WR) the other socket and keep relaying the other way
    pass


main()
