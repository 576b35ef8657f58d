# A server on ::, the IPv6 address of every interface. Dual-stack (IPV6_V6ONLY 0), it
# also takes IPv4 clients: they show up as IPv4-mapped addresses, ::ffff:127.0.0.1.
# With the argument v6only it sets IPV6_V6ONLY to 1: IPv6 clients only.
# (The tutor runs this in a private network, where :: reaches only its own loopback.)
import os
import socket
import sys

PORT = int(os.environ.get("PORT", "8000"))
CLIENTS = int(os.environ.get("CLIENTS", "2"))

if sys.argv[1:] == ["v6only"]:
    server = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    server.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    server.bind(("::", PORT))
    server.listen()
else:
    # create_server sets IPV6_V6ONLY to 0 for us and binds "" (::) when dualstack_ipv6 is set.
    server = socket.create_server(("", PORT), family=socket.AF_INET6, dualstack_ipv6=True)

with server:
    for _ in range(CLIENTS):
        conn, addr = server.accept()
        with conn:
            print(f"a client from {addr[0]}")
            conn.sendall(f"hello, {addr[0]}\n".encode())
