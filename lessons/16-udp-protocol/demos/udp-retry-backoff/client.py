# Ask, wait with a timeout, ask again: each wait twice as long as the one before.
import os
import socket

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))

with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
    wait = 0.1  # seconds; doubled after each timeout (exponential backoff)
    for attempt in range(1, 6):
        sock.sendto(b"colour", (HOST, PORT))
        sock.settimeout(wait)
        try:
            reply, _ = sock.recvfrom(65535)
        except socket.timeout:
            print(f"try {attempt}: no reply in time, trying again with a longer wait")
            wait *= 2
            continue
        print(f"reply on try {attempt}: {reply!r}")
        break
    else:
        print("no reply after 5 tries: giving up")
