# proxy, a reference solution: a TCP relay, both directions at once, EOF passed on as a half-close.
import os
import socket
import threading

HOST = os.environ["HOST"]
PORT = int(os.environ["PORT"])
UPSTREAM = (os.environ["UPSTREAM_HOST"], int(os.environ["UPSTREAM_PORT"]))


def pump(src: socket.socket, dst: socket.socket) -> None:
    """One direction: src's bytes to dst, then src's EOF as a half-close of dst."""
    try:
        while True:
            data = src.recv(65536)
            if not data:
                dst.shutdown(socket.SHUT_WR)  # pass the EOF on; the other direction goes on
                return
            dst.sendall(data)
    except OSError:
        # A reset or a broken pipe ends this client's relay, both ways (it wakes the other thread).
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(client: socket.socket) -> None:
    try:
        upstream = socket.create_connection(UPSTREAM)
    except OSError:
        client.close()  # refused: this client only
        return
    back = threading.Thread(target=pump, args=(upstream, client), daemon=True)
    back.start()
    pump(client, upstream)
    back.join()
    client.close()
    upstream.close()


def main() -> None:
    server = socket.create_server((HOST, PORT))
    while True:
        client, _ = server.accept()
        threading.Thread(target=serve, args=(client,), daemon=True).start()


main()
