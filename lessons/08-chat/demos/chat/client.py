# The classic two-window chat, client side. You speak first, then you take
# turns; either side ends the chat by typing bye.
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


with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
    sock.connect((HOST, PORT))
    print("connected to", sock.getpeername(), "- you speak first, bye ends the chat")
    buffer = b""
    while True:
        try:
            message = input("you: ")
        except EOFError:  # no more input: say goodbye
            message = "bye"
        sock.sendall(message.encode() + b"\n")  # sendall: send() may send only part
        if message == "bye":
            break

        line, buffer = recv_line(sock, buffer)
        if line is None:
            print("the server left")
            break
        print("server:", line)
        if line == "bye":
            break
