# An echo server that serves one client at a time, like the classic article's:
# while it talks to one client, the others wait in the accept queue.
import os
import socket

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))
CLIENTS = 3

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
    server.bind((HOST, PORT))
    server.listen(5)
    for _ in range(CLIENTS):
        conn, peer = server.accept()
        print("serving", peer)
        with conn:
            while True:
                data = conn.recv(1024)
                if not data:  # b'': this client is done
                    break
                conn.sendall(data)
        print("done with", peer)
