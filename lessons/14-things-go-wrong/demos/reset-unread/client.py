# Send, wait a moment, send again: the server has closed with our bytes unread,
# so its kernel reset the connection. Each error is caught and printed.
import errno
import os
import socket
import time

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))

with socket.create_connection((HOST, PORT)) as sock:
    sock.sendall(b"hello, are you there?")
    time.sleep(0.5)  # meanwhile the server reads 5 bytes and closes: RST
    for attempt in (1, 2):
        try:
            sock.sendall(b"still there?")
            print(f"send {attempt}: no error")
        except OSError as e:
            # Python ignores SIGPIPE: a write to a dead connection is an exception, not death.
            print(f"send {attempt} failed: {errno.errorcode[e.errno]} ({type(e).__name__})")
print("client done, no crash")
