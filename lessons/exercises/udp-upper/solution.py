# udp-upper, a reference solution: answer each datagram, to its sender, in ASCII upper case.
import os
import socket

HOST = os.environ["HOST"]
PORT = int(os.environ["PORT"])


def main() -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((HOST, PORT))  # no listen(), no accept(): one socket talks to every client
    while True:
        # 65535: a UDP datagram can be that big, and the part that does not fit the buffer is lost.
        data, addr = sock.recvfrom(65535)
        # bytes.upper() changes only the ASCII letters a-z; every other byte stays as it is.
        sock.sendto(data.upper(), addr)  # addr: whoever sent this datagram


main()
