# Connects to one address, given as the argument: 127.0.0.1 (IPv4) or ::1 (IPv6).
import os
import socket
import sys

PORT = int(os.environ.get("PORT", "8000"))
ADDRESS = sys.argv[1]
family = socket.AF_INET6 if ":" in ADDRESS else socket.AF_INET

with socket.socket(family, socket.SOCK_STREAM) as sock:
    try:
        sock.connect((ADDRESS, PORT))
    except ConnectionRefusedError:
        print(f"{ADDRESS}: connection refused (no socket takes this family on port {PORT})")
        sys.exit(1)
    print(f"connected to {ADDRESS}; the server says: {sock.recv(100).decode().strip()}")
