# concurrent-echo: an echo server for many clients at once.
# The task, hints and checks: {{tutor}} start, then this exercise in the menu.
# Check it from this folder: {{tutor}} verify concurrent-echo concurrent-echo.py
import os
import socket
import threading

HOST = os.environ["HOST"]
PORT = int(os.environ["PORT"])


def serve(conn: socket.socket) -> None:
    # TODO: echo this client's bytes until recv returns b"", then close conn (as in tcp-echo)
    pass


def main() -> None:
    # TODO: socket, bind((HOST, PORT)), listen   (lesson 5, The server's calls)
    # TODO: forever: accept a client and serve it WITHOUT keeping the next clients waiting:
    #       a thread per client (threading.Thread(target=serve, args=(conn,), daemon=True).start()),
    #       or selectors/asyncio   (lesson 11, Many clients)
    pass


main()
