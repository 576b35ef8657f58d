# udp-retry, a reference solution: retrieve each key over a network that loses datagrams.
import os
import socket
import sys
import time

HOST = os.environ["HOST"]
PORT = int(os.environ["PORT"])
KEYS = os.environ["KEYS"].split(",")
FIRST_WAIT = 0.1  # seconds; doubled after each timeout
TRIES = 6


def ask(sock: socket.socket, key: bytes) -> bytes:
    wait = FIRST_WAIT
    for _ in range(TRIES):
        sock.sendto(key, (HOST, PORT))
        deadline = time.monotonic() + wait
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                break  # this try is lost: send again
            sock.settimeout(left)
            try:
                data, _ = sock.recvfrom(65535)
            except socket.timeout:
                break
            # A late reply to an earlier key, or a second copy: not the answer to this request.
            if data.startswith(key + b"="):
                return data
        wait *= 2  # back off: wait longer after each loss
    sys.exit(f"no reply for {key.decode()} after {TRIES} tries")


def main() -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for key in KEYS:
        sys.stdout.buffer.write(ask(sock, key.encode()) + b"\n")
        sys.stdout.flush()


main()
