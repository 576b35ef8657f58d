# line-json, a reference solution: one JSON request per line; answer each sum request
# with one line; answer a malformed request with an error line, then close.
import json
import os
import socket
import threading

HOST = os.environ["HOST"]
PORT = int(os.environ["PORT"])
MAX_LINE = 100_000  # the longest request line the protocol allows, without its \n


def answer(line: bytes):
    """The reply to one request line, and whether the connection may go on."""
    try:
        request = json.loads(line)
    except ValueError:  # not JSON, or not UTF-8
        return {"error": "not JSON"}, False
    if not isinstance(request, dict):
        return {"error": "not a JSON object"}, False
    if request.get("method") != "sum":
        return {"error": "unknown method"}, False
    numbers = request.get("numbers")
    if not isinstance(numbers, list) or len(numbers) > 10_000:
        return {"error": "numbers must be an array"}, False
    # type(n) is int, not isinstance(n, int): in Python True and False are ints too.
    if not all(type(n) is int and abs(n) < 2**31 for n in numbers):
        return {"error": "numbers must be integers"}, False
    return {"method": "sum", "sum": sum(numbers)}, True


def serve(conn: socket.socket) -> None:
    pending = b""  # bytes received that do not make a complete line yet
    with conn:
        try:
            while True:
                data = conn.recv(65536)
                if not data:
                    return
                pending += data
                # One recv() may hold several requests, or part of one: answer every complete line.
                while b"\n" in pending:
                    line, _, pending = pending.partition(b"\n")
                    reply, go_on = answer(line)
                    conn.sendall(json.dumps(reply).encode() + b"\n")
                    if not go_on:
                        return  # a malformed request: the error line, then close
                if len(pending) > MAX_LINE:
                    conn.sendall(b'{"error": "line too long"}\n')
                    return
        except OSError:
            pass  # a reset ends this client only


def main() -> None:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((HOST, PORT))
    server.listen()
    while True:
        conn, _ = server.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


main()
