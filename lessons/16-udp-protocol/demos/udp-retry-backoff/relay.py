# The network between client and server, played by a program: loopback never loses
# a datagram, so this relay does, on purpose. It listens on PORT, where the client
# sends, and forwards to the server one port up. Each datagram's fate (dropped, sent
# twice, held back, or forwarded) comes from a generator seeded with SEED, so every
# run loses the same datagrams, in Python and in Node.
import os
import socket
import time

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))
SERVER = (HOST, PORT + 1)
SEED = int(os.environ.get("SEED", "1"))
DROP, TWICE, LATE = 0.3, 0.15, 0.15  # chances; the rest is forwarded at once
M = 0xFFFFFFFF


def fates(seed):
    """mulberry32, a tiny seeded generator; the same numbers as relay.mjs."""
    state = (seed ^ 0x9E3779B9) & M
    first = True
    while True:
        state = (state + 0x6D2B79F5) & M
        z = state
        z = (z ^ (z >> 15)) * (z | 1) & M
        z ^= (z + (z ^ (z >> 7)) * (z | 61)) & M
        x = (z ^ (z >> 14)) / 2**32
        if first:  # the first number only mixes the seed
            first = False
            continue
        yield "dropped" if x < DROP else "sent twice" if x < DROP + TWICE else "held back" if x < DROP + TWICE + LATE else "forwarded"


# One generator per direction: a reply's fate does not depend on how many requests came first.
lanes = {"request": fates(SEED), "reply": fates(SEED + 1)}
held = []  # (when, datagram, to) for datagrams held back

with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
    sock.bind((HOST, PORT))
    client = None
    for _ in range(200):  # a bounded number of datagrams; the tutor stops it when the client is done
        held.sort(key=lambda h: h[0])
        sock.settimeout(max(0.001, held[0][0] - time.monotonic()) if held else None)
        try:
            data, addr = sock.recvfrom(65535)
        except socket.timeout:
            _, data, to = held.pop(0)
            sock.sendto(data, to)
            print(f"'{data.decode()}': sent, late")
            continue
        if addr == SERVER:
            kind, to = "reply", client
        else:
            kind, to, client = "request", SERVER, addr
        fate = next(lanes[kind])
        print(f"{kind} '{data.decode()}': {fate}")
        if fate == "forwarded":
            sock.sendto(data, to)
        elif fate == "sent twice":
            sock.sendto(data, to)
            sock.sendto(data, to)
        elif fate == "held back":
            held.append((time.monotonic() + 0.3, data, to))
