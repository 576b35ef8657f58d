# A socket and a file get their numbers from the same table.
import os
import socket

sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
file = open(os.devnull, "rb")

for name, fd in (("socket", sock.fileno()), ("file", file.fileno())):
    try:
        what = os.readlink(f"/proc/self/fd/{fd}")  # Linux only
    except OSError:
        what = f"(no /proc: try lsof -p {os.getpid()})"
    print(f"{name:6} is file descriptor {fd}: {what}")

sock.close()
file.close()
