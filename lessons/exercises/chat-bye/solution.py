# chat-bye, a reference solution: one client; answer each line; end on "bye".
import os
import socket

HOST = os.environ["HOST"]
PORT = int(os.environ["PORT"])


def chat(conn: socket.socket) -> None:
    pending = b""  # bytes received but not yet a complete line
    while True:
        data = conn.recv(4096)
        if not data:  # the client left without saying bye
            return
        pending += data
        # One recv() may hold several lines, or part of one: answer every complete line.
        while b"\n" in pending:
            line, _, pending = pending.partition(b"\n")
            if line.endswith(b"\r"):  # a \r\n line end: the \r is not part of the line
                line = line[:-1]
            if line == b"bye":
                conn.sendall(b"bye\n")
                return
            conn.sendall(b"echo: " + line + b"\n")


def main() -> None:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((HOST, PORT))
    server.listen()
    conn, _ = server.accept()  # this chat serves one client
    with conn:
        chat(conn)
    server.close()


main()  # returning from main ends the program with status 0
