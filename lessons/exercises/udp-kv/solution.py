# udp-kv, a reference solution: a key-value store over UDP.
import os
import socket

HOST = os.environ["HOST"]
PORT = int(os.environ["PORT"])
VERSION = b"socket-tutor kv 1.0"


def main() -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((HOST, PORT))
    store = {}  # one store for every client: keys and values are bytes
    while True:
        # 65535: a request is one whole datagram only if the buffer can hold it.
        data, addr = sock.recvfrom(65535)
        if b"=" in data:
            # partition() splits at the FIRST "=": the value keeps any others.
            key, _, value = data.partition(b"=")
            if key != b"version":
                store[key] = value
            continue  # an insert gets no reply
        value = VERSION if data == b"version" else store.get(data, b"")
        sock.sendto(data + b"=" + value, addr)  # addr: whoever asked


main()
