# tcp-client, a reference solution: send MESSAGE, print the whole answer.
import os
import socket
import sys

HOST = os.environ["HOST"]
PORT = int(os.environ["PORT"])
MESSAGE = os.environ["MESSAGE"]


def main() -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.connect((HOST, PORT))  # the kernel picks our own (ephemeral) port
    sock.sendall(MESSAGE.encode())
    # The answer may come in any number of pieces: read until the server closes (b"").
    while True:
        data = sock.recv(4096)
        if not data:
            break
        sys.stdout.buffer.write(data)  # the bytes as they are: no newline added
    sys.stdout.flush()
    sock.close()


main()
