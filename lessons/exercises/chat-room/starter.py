# chat-room: a room of named members.
# The task, hints and checks: {{tutor}} start, then this exercise in the menu.
# Check it from this folder: {{tutor}} verify chat-room chat-room.py
import os
import selectors
import socket

HOST = os.environ["HOST"]
PORT = int(os.environ["PORT"])
LIMIT = 1024 * 1024  # pending output above which a member that does not read is dropped

sel = selectors.DefaultSelector()


def main() -> None:
    # TODO: a listening socket, non-blocking, registered with sel (lesson 11, Many clients)
    # TODO: per connection: an input buffer (lines: lesson 12, Framing), an output buffer,
    #       and its name once the first line was valid
    # TODO: send with send() from the output buffer when the selector says writable;
    #       drop a member whose output buffer passes LIMIT (lesson 13, Non-blocking I/O)
    pass


main()
