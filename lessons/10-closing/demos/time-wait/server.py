# Serve one client and hang up first: the side that closes first keeps the
# connection in TIME_WAIT for a minute, on this server's port.
import os
import socket

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
    # Allow a restarted server to bind this port while our connections sit in
    # TIME_WAIT. Linux checks the flag on both: on the old connection (it inherits
    # it from this socket) and on the new socket that binds.
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((HOST, PORT))
    listener.listen(1)
    conn, peer = listener.accept()
# One client is all we serve: the listening socket is closed now.

with conn:
    request = conn.recv(1024)
    print("client said", request)
    conn.sendall(b"bye")
print(f"we closed first: {HOST}:{PORT} <-> {peer[0]}:{peer[1]} goes into TIME_WAIT on our side")
