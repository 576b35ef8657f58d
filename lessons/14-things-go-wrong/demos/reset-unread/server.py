# Read only part of what the client sent, then close: the unread bytes make the
# kernel answer with a reset (RST) instead of an orderly FIN.
import os
import socket

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((HOST, PORT))
    listener.listen(1)
    conn, peer = listener.accept()
    first = conn.recv(5)  # 5 bytes; the rest stays unread in the receive buffer
    print("read", first, "and closing with bytes unread")
    conn.close()  # unread data: the kernel sends RST, not FIN
print("server done")
