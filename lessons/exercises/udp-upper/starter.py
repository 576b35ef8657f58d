# udp-upper: answer each datagram, to its sender, in ASCII upper case.
# The task, hints and checks: {{tutor}} start, then this exercise in the menu.
# Check it from this folder: {{tutor}} verify udp-upper udp-upper.py
import os
import socket

HOST = os.environ["HOST"]
PORT = int(os.environ["PORT"])


def main() -> None:
    # TODO: create a UDP socket: socket.socket(socket.AF_INET, <the datagram type>)   (lesson 9, UDP)
    # TODO: bind it to (HOST, PORT); UDP has no listen() and no accept()
    # TODO: forever: data, addr = recvfrom(<big enough for any datagram>)
    #       then sendto(<data in ASCII upper case>, <where it came from>)
    pass


main()
