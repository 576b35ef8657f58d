# Ask what "localhost" means here, print every address, and try each in turn.
import os
import socket

PORT = int(os.environ.get("PORT", "8000"))


def try_connect(family, addr):
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.connect(addr)
        return sock
    except OSError as e:
        print(f"  {addr[0]}: {type(e).__name__}")
        sock.close()
        return None


# getaddrinfo reads /etc/hosts for localhost: no DNS query leaves the machine.
found = socket.getaddrinfo("localhost", PORT, type=socket.SOCK_STREAM)
print(f"getaddrinfo('localhost') gave {len(found)} address(es) here:")
for family, _, _, _, addr in found:
    print("  ", family.name, addr[0])

sock = None
for family, _, _, _, addr in found:  # in the order getaddrinfo chose
    sock = try_connect(family, addr)
    if sock:
        print("connected to", addr[0])
        break
if sock is None:
    print("no address of localhost worked: the server listens on ::1 only")
    sock = try_connect(socket.AF_INET6, ("::1", PORT, 0, 0))
    if sock:
        print("connected to ::1 by its address")
if sock:
    with sock:
        print("reply:", sock.recv(1024))
