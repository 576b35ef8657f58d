/* chat-room: a room of named members.
 * The task, hints and checks: {{tutor}} start, then this exercise in the menu.
 * Check it from this folder: {{tutor}} verify chat-room chat-room.c */
#define _POSIX_C_SOURCE 200809L
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#define LIMIT (1024 * 1024) /* pending output above which a member that does not read is dropped */

int main(void) {
    const char *host = getenv("HOST"), *port = getenv("PORT");
    if (!host || !port) return 1;
    /* TODO: getaddrinfo, socket, bind, listen; make it non-blocking (fcntl O_NONBLOCK)
     *       and wait on it and every connection with poll() (lesson 11, Many clients) */
    /* TODO: per connection: an input buffer (lines: lesson 12, Framing), an output
     *       buffer, and its name once the first line was valid */
    /* TODO: ask for POLLOUT only while output waits; send() from the buffer when
     *       writable; drop a member whose buffer passes LIMIT (lesson 13) */
    return 0;
}
