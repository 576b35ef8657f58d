# Run this server twice: the second copy cannot bind the port the first one holds.
import errno
import os
import socket
import sys
import time

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))

sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    sock.bind((HOST, PORT))
except OSError as e:
    sock.close()
    if e.errno != errno.EADDRINUSE:
        raise
    print(f"bind failed: {errno.errorcode[e.errno]} (errno {e.errno}): {e.strerror}")
    print(f"another socket already holds {HOST}:{PORT}; stop it or pick another port")
    sys.exit(1)

sock.listen(3)
print("listening on", sock.getsockname())

time.sleep(2)  # hold the port for a moment, so a second copy can try
sock.close()
