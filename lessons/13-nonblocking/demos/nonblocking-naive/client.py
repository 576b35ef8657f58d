# A client that sends 8 MiB and reads the echo only after a second: a slow reader.
# One thread sends; the main thread waits, then reads everything that comes back.
import os
import socket
import threading
import time

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))
TOTAL = 8 * 1024 * 1024
CHUNK = b"x" * 65536


def send_all(sock: socket.socket) -> None:
    try:
        for _ in range(TOTAL // len(CHUNK)):
            sock.sendall(CHUNK)
        sock.shutdown(socket.SHUT_WR)  # all sent: the server will see the end
    except OSError as e:
        print(f"sending stopped: {e.strerror}")


with socket.create_connection((HOST, PORT)) as sock:
    sender = threading.Thread(target=send_all, args=(sock,))
    sender.start()
    time.sleep(1)  # busy: nobody reads the echo for a second
    received = 0
    try:
        for _ in range(100_000):  # bounded: 8 MiB arrive in far fewer reads
            data = sock.recv(65536)
            if not data:
                break
            received += len(data)
    except OSError as e:
        print(f"reading stopped: {e.strerror}")
    sender.join()
    print(f"got {received} of {TOTAL} bytes back")
