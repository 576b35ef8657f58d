# The classic two-window chat, server side. The client speaks first, then you
# take turns; either side ends the chat by typing bye.
import os
import socket

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))


def recv_line(sock, buffer):
    """Read one line from the byte stream: (line, bytes left over), or (None, ...) at EOF.

    TCP keeps no message boundaries: one recv() may return half a line or two
    lines. So we collect bytes until a newline arrives and keep the rest for later.
    """
    while b"\n" not in buffer:
        chunk = sock.recv(1024)
        if not chunk:  # b'': the other side closed the connection
            return None, buffer
        buffer += chunk
    line, _, rest = buffer.partition(b"\n")
    return line.decode(), rest


with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
    server.bind((HOST, PORT))
    server.listen(1)
    print("waiting for a client on", server.getsockname())
    conn, peer = server.accept()

with conn:
    print("client connected from", peer)
    buffer = b""
    while True:
        line, buffer = recv_line(conn, buffer)
        if line is None:
            print("the client left")
            break
        print("client:", line)
        if line == "bye":
            break

        try:
            reply = input("you: ")
        except EOFError:  # no more input: say goodbye
            reply = "bye"
        conn.sendall(reply.encode() + b"\n")  # sendall: send() may send only part
        if reply == "bye":
            break

    conn.recv(1024)  # wait for b'': let the client hang up first (lesson 10)
