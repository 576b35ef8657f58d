# A chat client that leaves without saying bye: one line, one answer, then it
# closes, as when someone closes the chat window.
import os
import socket

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
    sock.connect((HOST, PORT))
    sock.sendall(b"hello")
    print("server:", sock.recv(1024).decode())
print("left without saying bye")
