# A UDP client: no connect(), each sendto() names the server's address.
import os
import socket
import sys
import time

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))
NAME = sys.argv[1] if len(sys.argv) > 1 else "client"

with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
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
