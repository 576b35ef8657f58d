# TCP is a byte stream: recv() returns whatever bytes have arrived, with no
# trace of how the sender split them into send() calls.
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
    time.sleep(1.5)  # give both of the client's small sends time to arrive, even on a busy machine
    data = conn.recv(1024)
    print(f"one recv() returned {len(data)} bytes: {data!r}")
    conn.sendall(b"go")  # ready for the big one

    count = total = 0
    while True:
        chunk = conn.recv(1_048_576)  # room for the whole megabyte in one call
        if not chunk:  # b'': the client closed, nothing more will come
            break
        count += 1
        total += len(chunk)
        print(f"recv() #{count}: {len(chunk)} bytes")
    print(f"{total} bytes arrived in {count} recv() calls")
