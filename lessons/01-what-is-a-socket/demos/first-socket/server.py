# A socket is a file descriptor: create one, give it an address, make it listen.
import os
import socket
import time

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))

sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
print("socket() returned file descriptor", sock.fileno())

sock.bind((HOST, PORT))  # the server's own address
sock.listen(3)
print("listening on", sock.getsockname())

# Hold the socket open for a moment: the kernel's table shows it as a LISTEN row
# owned by this process and this file descriptor.
time.sleep(2)

sock.close()
print("closed: the LISTEN row is gone")
