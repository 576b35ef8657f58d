# A TCP client: socket, connect, then send what you type and print the reply.
import os
import socket

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)

# connect() does the TCP handshake. The kernel picks a free local port for the
# client (no bind() needed on this side).
client.connect((HOST, PORT))

while True:
    message = input("you: ")
    client.sendall(message.encode())
    data = client.recv(1024)
    if not data:  # b'' means the server closed the connection
        print("the server closed the connection")
        break
    print("server says:", data.decode())
    if data == b"bye":
        break

client.close()
