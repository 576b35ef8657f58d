# unix-echo, a reference solution: a stream echo server on a Unix socket path.
import os
import socket

SOCKET_PATH = os.environ["SOCKET_PATH"]


def serve(conn: socket.socket) -> None:
    while True:
        data = conn.recv(65536)
        if not data:
            return
        conn.sendall(data)


def main() -> None:
    # A socket file left by an earlier run would make bind() fail with EADDRINUSE.
    if os.path.exists(SOCKET_PATH):
        os.unlink(SOCKET_PATH)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(SOCKET_PATH)  # the address is a path: it appears as a file of type socket
    server.listen()
    while True:
        conn, _ = server.accept()  # a Unix peer has no address to report: "" here
        with conn:
            try:
                serve(conn)
            except ConnectionError as err:
                print(f"client: {err}")


main()
