# concurrent-echo, a reference solution: one thread per client.
import os
import socket
import threading

HOST = os.environ["HOST"]
PORT = int(os.environ["PORT"])


def serve(conn: socket.socket, addr) -> None:
    with conn:
        try:
            while True:
                data = conn.recv(65536)
                if not data:  # the client closed its side
                    return
                conn.sendall(data)
        except ConnectionError as err:
            print(f"client {addr}: {err}")


def main() -> None:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((HOST, PORT))
    server.listen()
    while True:
        conn, addr = server.accept()
        # The main thread goes straight back to accept(); the new thread serves this client.
        # daemon=True: the threads do not keep the process alive when it is stopped.
        threading.Thread(target=serve, args=(conn, addr), daemon=True).start()


main()
