# An echo server with one thread per client: each conversation runs on its
# own, so no client waits for another.
import os
import socket
import threading

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))
CLIENTS = 3


def serve(conn, peer):
    with conn:
        while True:
            data = conn.recv(1024)
            if not data:  # b'': this client is done
                break
            conn.sendall(data)
    print("done with", peer)


with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
    server.bind((HOST, PORT))
    server.listen(5)
    threads = []
    for _ in range(CLIENTS):
        conn, peer = server.accept()
        print("serving", peer, "in a new thread")
        thread = threading.Thread(target=serve, args=(conn, peer))
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
