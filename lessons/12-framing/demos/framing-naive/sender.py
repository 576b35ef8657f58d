# Sends four length-prefixed messages: three quickly, one after the other, then one
# in two pieces with a pause between them. Each message: a 4-byte big-endian length,
# then the payload.
import os
import socket
import struct
import time

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))


def framed(payload: bytes) -> bytes:
    return struct.pack("!I", len(payload)) + payload  # "!I": 4 bytes, big-endian


with socket.create_connection((HOST, PORT)) as sock:
    for word in [b"apple", b"banana", b"cherry"]:
        sock.sendall(framed(word))  # three sends, right after each other
    time.sleep(1)
    message = framed(b"dragon fruit")
    sock.sendall(message[:10])  # the length and b'dragon' ...
    time.sleep(0.5)
    sock.sendall(message[10:])  # ... and, a moment later, b' fruit'
print("sent 4 messages")
