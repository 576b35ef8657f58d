# tcp-client: send MESSAGE, print the whole answer.
# The task, hints and checks: {{tutor}} start, then this exercise in the menu.
# Check it from this folder: {{tutor}} verify tcp-client tcp-client.py
import os
import socket
import sys

HOST = os.environ["HOST"]  # the checker's server listens here
PORT = int(os.environ["PORT"])
MESSAGE = os.environ["MESSAGE"]  # send exactly these bytes


def main() -> None:
    # TODO: create a TCP socket and connect it to (HOST, PORT)   (lesson 7, The client's calls)
    # TODO: send MESSAGE, all of it: sendall(MESSAGE.encode())
    # TODO: read until the server closes (recv returns b""), writing each piece to stdout
    #       as bytes, without decoding it or adding newlines: sys.stdout.buffer.write(piece)
    #       (a piece may end in the middle of a character: only the whole answer is text)
    # TODO: at the end, sys.stdout.flush()
    pass


main()
