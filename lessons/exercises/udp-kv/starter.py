# udp-kv: a key-value store over UDP.
# The task, hints and checks: {{tutor}} start, then this exercise in the menu.
# Check it from this folder: {{tutor}} verify udp-kv udp-kv.py
import os
import socket

HOST = os.environ["HOST"]
PORT = int(os.environ["PORT"])


def main() -> None:
    # TODO: a UDP socket bound to (HOST, PORT)                        (lesson 9, UDP)
    # TODO: a dict for the store, shared by every client
    # TODO: forever: data, addr = recvfrom(<big enough for any request>)
    #       with b"=" in data: an insert (split at the FIRST "="), no reply; never change b"version"
    #       else: a retrieve: sendto(key + b"=" + value, addr)        (lesson 16, A protocol over UDP)
    pass


main()
