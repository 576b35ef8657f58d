# Echo server over IPv6: AF_INET6, addresses are (host, port, flowinfo, scope_id).
import os
import socket

HOST = os.environ.get("HOST", "::1")
PORT = int(os.environ.get("PORT", "8000"))

with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as server:
    server.bind((HOST, PORT))
    server.listen(1)
    conn, peer = server.accept()
    with conn:
        print("client connected from", peer)
        while True:
            data = conn.recv(1024)
            if not data:  # b'': the client closed its side
                break
            conn.sendall(data)
    print("client left")
