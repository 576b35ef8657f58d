# The server again, restarted while its old connection is in TIME_WAIT.
import errno
import os
import socket
import time

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))

# First try: no SO_REUSEADDR.
sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    sock.bind((HOST, PORT))
    print("bind without SO_REUSEADDR: ok (no TIME_WAIT entry on this port?)")
except OSError as e:
    print(f"bind without SO_REUSEADDR: {errno.errorcode[e.errno]}: {e.strerror}")
sock.close()

# Second try: with SO_REUSEADDR, as every server should.
with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, PORT))
    sock.listen(1)
    print("bind with SO_REUSEADDR: ok, listening again on", sock.getsockname())
    time.sleep(1)  # hold it a moment: the table shows LISTEN beside the TIME_WAIT row
