# send() may take only part of your bytes; sendall() loops until it has taken all.
import socket

server = socket.socket()
server.bind(("127.0.0.1", 0))  # port 0: any free port
server.listen(1)
client = socket.create_connection(server.getsockname())
conn, _ = server.accept()  # the server never reads: its buffers fill up

client.settimeout(2)  # a timeout makes Python wait at most 2 s for buffer space
data = b"x" * 10_000_000
sent = client.send(data)
print(f"send() took {sent} of {len(data)} bytes; the rest is still ours to send")

for s in (client, conn, server):
    s.close()
