# Connect to a port where no program is listening.
import errno
import os
import socket
import sys

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
    try:
        sock.connect((HOST, PORT))
    except ConnectionRefusedError as e:
        print(f"connect() failed: {errno.errorcode[e.errno]} (errno {e.errno}): {e.strerror}")
        print(f"Nothing listens on {HOST}:{PORT}: the kernel answered our SYN with a")
        print("reset (RST) at once. Start the server first, or check the port.")
        sys.exit(1)
    print("connected?! something is listening on", (HOST, PORT))
