# listen(2) and then wait before accept(): the kernel completes the clients'
# connections anyway and queues them until the program accepts them.
import os
import socket
import time

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))
CLIENTS = 5

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
    server.bind((HOST, PORT))
    # The backlog: how many finished connections may wait for accept() (Linux: one more).
    server.listen(2)
    print("listening with backlog 2; not calling accept() for 3 seconds")
    time.sleep(3)  # watch the clients connect while nobody accepts

    server.settimeout(10)  # stop waiting if a client gave up
    connected = []
    for _ in range(CLIENTS):
        try:
            conn, peer = server.accept()  # takes one from the queue: room for one more
        except socket.timeout:
            break
        name = conn.recv(1024).decode()
        connected.append((conn, name))
        print(f"accepted {name}; {len(connected)} connected, none has left")

# Only now does anyone get an answer and leave: every client got in while all
# the earlier ones were still connected.
for conn, name in connected:
    with conn:
        conn.sendall(b"welcome, " + name.encode())
        conn.recv(1024)  # b'' once the client has closed: it closes first (lesson 10)
