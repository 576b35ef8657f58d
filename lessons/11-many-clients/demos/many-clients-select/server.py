# An echo server with one thread and a selector: select() says which sockets
# are ready, so the program never blocks on one client while others wait.
import os
import selectors
import socket

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))
CLIENTS = 3
READ, WRITE = selectors.EVENT_READ, selectors.EVENT_WRITE
LIMIT = 65536  # stop reading from a client whose echo waits unsent beyond this

selector = selectors.DefaultSelector()
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind((HOST, PORT))
server.listen(5)
server.setblocking(False)
selector.register(server, READ)

unsent = {}  # each client's bytes: received, not yet sent back
ended = set()  # clients that closed their side: close ours once their echo is out
done = 0


def finish(conn, why):
    global done
    print(why, selector.get_key(conn).data)
    selector.unregister(conn)
    conn.close()
    del unsent[conn]
    ended.discard(conn)
    done += 1


while done < CLIENTS:
    events = selector.select(timeout=5)
    if not events:  # nobody for 5 seconds: stop
        break
    for key, mask in events:
        sock = key.fileobj
        if sock is server:  # a new connection is waiting: accept() will not block
            conn, peer = server.accept()
            print("serving", peer)
            conn.setblocking(False)
            unsent[conn] = b""
            selector.register(conn, READ, data=peer)
            continue
        try:
            if mask & READ:  # bytes (or the end) arrived: recv() will not block
                data = sock.recv(1024)
                if data:
                    unsent[sock] += data
                else:  # b'': this client is done sending
                    ended.add(sock)
            if mask & WRITE:  # room in the send buffer: send() takes what fits
                sent = sock.send(unsent[sock])
                unsent[sock] = unsent[sock][sent:]
        except ConnectionError as e:  # this client reset or vanished: drop it alone
            finish(sock, f"lost ({e.strerror}):")
            continue
        if sock in ended and not unsent[sock]:
            finish(sock, "done with")
            continue
        # Ask for WRITE only while bytes wait to go out; stop reading while too many wait.
        reading = sock not in ended and len(unsent[sock]) < LIMIT
        selector.modify(sock, (READ if reading else 0) | (WRITE if unsent[sock] else 0), key.data)

selector.unregister(server)
server.close()
selector.close()
