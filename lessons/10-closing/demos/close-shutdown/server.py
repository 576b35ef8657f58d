# Read the whole request: recv() returns b'' once the client has shut down its
# sending side. Then reply, and close.
import os
import socket
import time

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
    listener.bind((HOST, PORT))
    listener.listen(1)
    conn, peer = listener.accept()

with conn:
    request = b""
    while True:
        chunk = conn.recv(1024)
        if not chunk:  # b'': the client will send nothing more (it may still read)
            break
        request += chunk
    print("request complete:", request)

    time.sleep(1)  # a pause to look: we are in CLOSE_WAIT, the client in FIN_WAIT2
    conn.sendall(f"got {len(request)} bytes".encode())
print("replied and closed")
