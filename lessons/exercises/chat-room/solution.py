# chat-room, a reference solution: one thread, a selector, and an output buffer per
# connection, so that a member who stops reading never holds up the others.
import os
import re
import selectors
import socket

HOST = os.environ["HOST"]
PORT = int(os.environ["PORT"])
MAX_LINE = 1000  # the longest line the protocol allows, without its \n
LIMIT = 1024 * 1024  # pending output above which a member that does not read is dropped
NAME = re.compile(rb"[A-Za-z0-9]{1,16}")

sel = selectors.DefaultSelector()


class Conn:
    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.name = None  # set once the first line was a valid name: then a member
        self.inbox = b""  # bytes received that do not make a complete line yet
        self.outbox = b""  # bytes to send, waiting until the socket is writable
        self.closing = False  # close once the outbox is sent (after an error line)


conns: dict[socket.socket, Conn] = {}


def members():
    return [c for c in conns.values() if c.name is not None]


def queue(c: Conn, data: bytes) -> None:
    """Adds to c's output buffer; asks for write readiness only while bytes wait."""
    if c.sock not in conns:
        return
    c.outbox += data
    if len(c.outbox) > LIMIT:
        drop(c)  # it does not read: drop it rather than let it hold up the room
        return
    sel.modify(c.sock, selectors.EVENT_READ | selectors.EVENT_WRITE, c)


def drop(c: Conn) -> None:
    if c.sock not in conns:
        return
    sel.unregister(c.sock)
    del conns[c.sock]
    c.sock.close()
    if c.name is not None:
        for m in members():
            queue(m, b"* " + c.name + b" left\n")


def handle_line(c: Conn, line: bytes) -> None:
    if c.name is None:
        taken = any(m.name == line for m in members())
        if not NAME.fullmatch(line) or taken:
            queue(c, b"error: " + (b"name taken" if taken else b"1 to 16 letters and digits") + b"\n")
            c.closing = True
            return
        others = members()
        c.name = line
        queue(c, b"* in the room: " + b", ".join(m.name for m in others) + b"\n")
        for m in others:
            queue(m, b"* " + c.name + b" joined\n")
        return
    for m in members():
        if m is not c:  # never back to the sender
            queue(m, b"[" + c.name + b"] " + line + b"\n")


def readable(c: Conn) -> None:
    try:
        # Small reads: a fast talker's lines then reach the others' buffers a little at a
        # time, and a member that reads stays far below LIMIT.
        data = c.sock.recv(4096)
    except OSError:  # a reset: this member alone leaves
        data = b""
    if not data:
        drop(c)
        return
    c.inbox += data
    # One recv() may hold several lines, or part of one: handle every complete line.
    while b"\n" in c.inbox and not c.closing and c.sock in conns:
        line, _, c.inbox = c.inbox.partition(b"\n")
        handle_line(c, line[:MAX_LINE])
    if len(c.inbox) > MAX_LINE:
        c.inbox = b""  # a line too long: forget it


def writable(c: Conn) -> None:
    try:
        sent = c.sock.send(c.outbox)  # send() takes what fits; sendall() would raise here
    except BlockingIOError:
        return
    except OSError:
        drop(c)
        return
    c.outbox = c.outbox[sent:]
    if not c.outbox:
        if c.closing:
            drop(c)
        else:
            sel.modify(c.sock, selectors.EVENT_READ, c)


def main() -> None:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((HOST, PORT))
    server.listen()
    server.setblocking(False)
    sel.register(server, selectors.EVENT_READ, None)
    while True:
        for key, events in sel.select():
            if key.data is None:
                sock, _ = server.accept()
                sock.setblocking(False)
                c = Conn(sock)
                conns[sock] = c
                sel.register(sock, selectors.EVENT_READ, c)
                queue(c, b"welcome: what's your name?\n")
                continue
            c = key.data
            if events & selectors.EVENT_WRITE and c.sock in conns:
                writable(c)
            if events & selectors.EVENT_READ and c.sock in conns and not c.closing:
                readable(c)


main()
