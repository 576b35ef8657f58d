# Ask, wait with a timeout, ask again: each wait twice as long as the one before.
# Each request carries an id, and a reply that is not for the request we wait for
# (a duplicate, or a late reply to an earlier request) is dropped.
import os
import socket
import time

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))  # the relay's port: the lossy network
KEYS = ["colour", "size"]


def reply_for(sock, request_id, deadline):
    """The reply to this request, or None once the deadline has passed."""
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        sock.settimeout(left)
        try:
            data, _ = sock.recvfrom(65535)
        except socket.timeout:
            return None
        reply_id, _, body = data.decode().partition(" ")
        if reply_id == str(request_id):
            return body
        print(f"ignored '{data.decode()}': not the reply to request {request_id}")


with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
    for request_id, key in enumerate(KEYS, start=1):
        wait = 0.1  # seconds; doubled after each timeout (exponential backoff)
        for attempt in range(1, 6):
            sock.sendto(f"{request_id} {key}".encode(), (HOST, PORT))
            reply = reply_for(sock, request_id, time.monotonic() + wait)
            if reply is not None:
                print(f"request {request_id}, try {attempt}: got {reply}")
                break
            print(f"request {request_id}, try {attempt}: no reply in {wait * 1000:.0f} ms, sending it again")
            wait *= 2
        else:
            print(f"request {request_id}: no reply after 5 tries, giving up")
            raise SystemExit(1)
