# Echo server over a Unix socket: AF_UNIX, the address is a file path.
import os
import socket

SOCKET_PATH = os.environ.get("SOCKET_PATH", "echo.sock")

# bind() creates the socket file and fails if it exists: remove a stale one first.
if os.path.exists(SOCKET_PATH):
    os.unlink(SOCKET_PATH)

with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
    server.bind(SOCKET_PATH)
    server.listen(1)
    conn, peer = server.accept()
    with conn:
        print("client connected; its address is", repr(peer), "(an unnamed socket)")
        while True:
            data = conn.recv(1024)
            if not data:  # b'': the client closed its side
                break
            conn.sendall(data)
    print("client left")

# close() does not remove the file: unlink it ourselves.
os.unlink(SOCKET_PATH)
