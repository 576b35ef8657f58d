# A UDP client: no connect(), each sendto() names the server's address.
import os
import socket
import sys
import time

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))
NAME = sys.argv[1] if len(sys.argv) > 1 else "client"

with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
    # A client may bind too. Port 0 lets the kernel pick a free port; the address keeps
    # it on loopback (without bind(), the first sendto() binds it to 0.0.0.0: every interface).
    sock.bind((HOST, 0))
    sock.settimeout(2)  # UDP may lose a datagram: do not wait forever for the reply
    for text in ["hello", "bye"]:
        sock.sendto(f"{text} from {NAME}".encode(), (HOST, PORT))
        try:
            reply, addr = sock.recvfrom(1024)
        except socket.timeout:
            print("no reply: the datagram or its answer was lost")
            continue
        print("reply from", addr, reply)
        time.sleep(0.3)  # give the other client a turn
