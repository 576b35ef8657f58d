# The right select server: each connection has an output buffer; send() takes what
# fits when select() says the socket is writable; and while too much waits, the server
# stops reading from that client (backpressure), so the buffer stays bounded.
import os
import selectors
import socket

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))
READ, WRITE = selectors.EVENT_READ, selectors.EVENT_WRITE
LIMIT = 256 * 1024  # at most this much waits unsent for one client

selector = selectors.DefaultSelector()
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind((HOST, PORT))
server.listen()
server.setblocking(False)
selector.register(server, READ)

outbox = b""  # the echo received and not yet sent
ended = False  # the client has closed its side
paused = 0  # how often the server stopped reading because LIMIT was reached
most = 0  # the most that ever waited in outbox

for _ in range(100_000):  # bounded: the demo needs a few hundred rounds
    events = selector.select(timeout=5)
    if not events:
        break
    key, mask = events[0]
    if key.fileobj is server:
        conn, _ = server.accept()
        conn.setblocking(False)
        selector.register(conn, READ)
        selector.unregister(server)  # one client is enough
        continue
    try:
        if mask & READ:  # recv() will not block
            data = conn.recv(65536)
            if data:
                outbox += data
            else:
                ended = True
        if mask & WRITE:  # send() takes what fits; the rest stays in outbox
            sent = conn.send(outbox)
            outbox = outbox[sent:]
    except ConnectionError as e:
        print(f"lost the client: {e.strerror}")
        break
    most = max(most, len(outbox))
    if ended and not outbox:
        break
    reading = not ended and len(outbox) < LIMIT
    if not reading and not ended and selector.get_key(conn).events & READ:
        paused += 1
    # WRITE only while bytes wait; READ only while the buffer has room.
    selector.modify(conn, (READ if reading else 0) | (WRITE if outbox else 0))

print(f"times it stopped reading: {paused}; at most {most // 1024} KiB waited in memory")
conn.close()
server.close()
