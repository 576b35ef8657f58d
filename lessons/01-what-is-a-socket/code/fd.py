import os
import socket

sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
print("socket() returned file descriptor", sock.fileno())
print("the kernel lists it as", os.readlink(f"/proc/self/fd/{sock.fileno()}"))
sock.close()
