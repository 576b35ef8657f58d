# An honest udp-kv-like server: it answers every request it gets. It sits one port
# above PORT, behind the relay (which plays a lossy network in front of it).
# A request is "<id> <key>"; the reply repeats the id, so the client can tell which
# request it answers: "<id> <key>=<value>".
import os
import socket

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000")) + 1
VALUES = {"colour": "blue", "size": "large"}

with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
    sock.bind((HOST, PORT))
    for _ in range(100):  # bounded; the tutor stops it when the client is done
        data, addr = sock.recvfrom(65535)
        request_id, _, key = data.decode().partition(" ")
        sock.sendto(f"{request_id} {key}={VALUES.get(key, '')}".encode(), addr)
        print(f"request {request_id} for {key!r}: answered")
