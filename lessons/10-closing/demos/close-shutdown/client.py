# Send a request, then shut down only our sending side: the server sees the end
# of the request, and we can still read its reply.
import os
import socket

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
    sock.connect((HOST, PORT))
    sock.sendall(b"first part, ")
    sock.sendall(b"second part")
    sock.shutdown(socket.SHUT_WR)  # sends FIN: "no more data from me"
    print("sending side shut down; still reading")

    reply = b""
    while True:
        chunk = sock.recv(1024)
        if not chunk:  # b'': the server closed
            break
        reply += chunk
    print("server replied", reply)
