# Listen on the IPv6 loopback only: a client must reach ::1, not 127.0.0.1.
import os
import socket

PORT = int(os.environ.get("PORT", "8000"))

with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as listener:
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("::1", PORT))
    listener.listen(1)
    conn, peer = listener.accept()
    with conn:
        conn.sendall(b"hello from [::1]\n")
print("served one client from", peer[0])
