# A TCP server, one call at a time: socket, bind, listen, accept, then talk.
import os
import socket

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))

# A new TCP socket: AF_INET is IPv4, SOCK_STREAM is TCP.
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)

# bind() sets this socket's own (local) address: the server's address, not the client's.
server.bind((HOST, PORT))

# listen() turns it into a listening socket. The kernel completes handshakes on its
# own and queues the finished connections until accept() takes them; the 3 (the
# backlog) bounds that queue (lesson 6).
server.listen(3)
print(f"listening on {HOST}:{PORT}")

# accept() takes one connection from that queue and returns a NEW socket for it,
# plus the client's address. The listening socket keeps listening.
conn, addr = server.accept()
print("connected by", addr)

while True:
    data = conn.recv(1024)
    if not data:  # b'' means the client closed its side
        print("the client left")
        break
    print("client says:", data.decode())
    reply = input("reply: ")
    conn.sendall(reply.encode())  # send() may send only part of it; sendall() loops
    if reply == "bye":
        break

conn.close()
server.close()
