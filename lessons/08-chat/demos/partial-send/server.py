# A server that is slow to read: while it waits, the client's bytes fill the
# kernel's buffers, and send() can take only part of what it is given.
import os
import socket
import time

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
    server.bind((HOST, PORT))
    server.listen(1)
    conn, peer = server.accept()

with conn:
    time.sleep(1)  # not reading yet: the buffers between us fill up
    total = 0
    while True:
        chunk = conn.recv(1_048_576)
        if not chunk:  # b'': the client has sent everything and closed
            break
        total += len(chunk)
    print(f"received all {total} bytes")
