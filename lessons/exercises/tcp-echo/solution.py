# tcp-echo, a reference solution: a TCP echo server, one client after another.
import os
import socket

HOST = os.environ["HOST"]
PORT = int(os.environ["PORT"])


def serve(conn: socket.socket) -> None:
    while True:
        data = conn.recv(65536)  # whatever has arrived: part of a send, or several sends
        if not data:  # b"": the client closed its side, so the echo is complete
            return
        conn.sendall(data)  # send() may send only part; sendall() loops until all is sent


def main() -> None:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # Lets a restarted server bind the port while old connections sit in TIME_WAIT (lesson 10).
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((HOST, PORT))
    server.listen()
    while True:
        conn, addr = server.accept()  # a new socket for this client; server keeps listening
        with conn:
            try:
                serve(conn)
            except ConnectionError as err:  # a client that resets must not stop the server
                print(f"client {addr}: {err}")


main()
