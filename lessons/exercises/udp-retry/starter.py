# udp-retry: a UDP client that retries.
# The task, hints and checks: {{tutor}} start, then this exercise in the menu.
# Check it from this folder: {{tutor}} verify udp-retry udp-retry.py
import os
import socket
import sys

HOST = os.environ["HOST"]
PORT = int(os.environ["PORT"])
KEYS = os.environ["KEYS"].split(",")


def main() -> None:
    # TODO: a UDP socket                                                  (lesson 9, UDP)
    # TODO: for each key: sendto(key, (HOST, PORT)), then wait for the reply with a timeout
    #       (settimeout); on a timeout, send again and wait longer (double it); at least 5 tries
    # TODO: a reply that does not start with key + b"=" is not yours: drop it, keep waiting
    # TODO: print each reply once: sys.stdout.buffer.write(reply + b"\n")  (lesson 16, A protocol over UDP)
    pass


main()
