# An echo server with one thread and a selector: select() says which sockets
# are ready, so the program never blocks on one client while others wait.
import os
import selectors
import socket

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))
CLIENTS = 3

selector = selectors.DefaultSelector()
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind((HOST, PORT))
server.listen(5)
server.setblocking(False)
selector.register(server, selectors.EVENT_READ)

done = 0
while done < CLIENTS:
    events = selector.select(timeout=5)
    if not events:  # nobody for 5 seconds: stop
        break
    for key, _ in events:
        sock = key.fileobj
        if sock is server:  # a new connection is waiting: accept() will not block
            conn, peer = server.accept()
            print("serving", peer)
            conn.setblocking(False)
            selector.register(conn, selectors.EVENT_READ, data=peer)
        else:  # a client sent something (or closed): recv() will not block
            data = sock.recv(1024)
            if data:
                sock.sendall(data)  # a few bytes: they fit in the send buffer at once
            else:  # b'': this client is done
                print("done with", key.data)
                selector.unregister(sock)
                sock.close()
                done += 1

selector.unregister(server)
server.close()
selector.close()
