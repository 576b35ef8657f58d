# The naive select server: non-blocking sockets, and sendall() for the echo.
# It works while the client reads. Against a slow reader, sendall() fails.
import os
import selectors
import socket

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))

selector = selectors.DefaultSelector()
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind((HOST, PORT))
server.listen()
server.setblocking(False)
selector.register(server, selectors.EVENT_READ)

for _ in range(100_000):  # bounded: the demo needs a few hundred rounds
    events = selector.select(timeout=5)
    if not events:
        break
    for key, _ in events:
        if key.fileobj is server:
            conn, _ = server.accept()
            conn.setblocking(False)
            selector.register(conn, selectors.EVENT_READ)
            continue
        conn = key.fileobj
        data = conn.recv(65536)
        if not data:
            selector.unregister(conn)
            conn.close()
            raise SystemExit(0)
        conn.sendall(data)  # the mistake: on a non-blocking socket, this cannot wait
