# The classic article's chat server loop, with its mistake kept: it never checks
# whether recv() returned b'', so it goes on talking after the client has left.
import os
import socket

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind((HOST, PORT))
server.listen(3)
conn, addr = server.accept()

while True:
    data = conn.recv(1024)  # b'' once the client has left: the loop does not check
    print("client:", data.decode())
    message = input("you: ")
    conn.send(message.encode())  # the first send() after the client left still "works"
    if message == "bye":
        break

conn.close()
server.close()
