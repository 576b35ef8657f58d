/* chat-bye: a line chat with one client that ends on "bye".
 * The task, hints and checks: {{tutor}} start, then this exercise in the menu.
 * Check it from this folder: {{tutor}} verify chat-bye chat-bye.c
 * (verify builds it with cc -std=c11 -Wall -Wextra -O2; check every call's return value.) */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* send() may send only part of the buffer: this loops until all of it is sent (Python's
 * sendall). Returns 0, or -1 with errno set (EPIPE, ECONNRESET: the client has gone). */
int send_all(int fd, const char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = send(fd, buf, len, 0);
        if (n < 0) {
            if (errno == EINTR) continue; /* a signal interrupted the call: try again */
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

void chat(int conn) {
    /* TODO: keep the bytes received but not yet a complete line in a buffer;
     *       after each recv(), answer every complete line (up to a \n) in it:
     *         "bye" (or "bye\r"): send "bye\n" and return;
     *         any other line: send "echo: <line>\n" (a \r before the \n is not part of the line);
     *       and keep the rest, the start of the next line (memmove it to the front).
     *       (one recv() can hold two lines, or half of one: lesson 8, The chat)
     *       recv() returning 0: the client left without bye: return. */
    (void)conn;
}

int main(void) {
    const char *host = getenv("HOST"); /* the checker sets HOST and PORT: never hard-code them */
    const char *port = getenv("PORT");
    if (!host || !port) {
        fprintf(stderr, "HOST and PORT must be set\n");
        return 1;
    }
    /* A send to a client that has gone would raise SIGPIPE and kill the server: get EPIPE instead. */
    signal(SIGPIPE, SIG_IGN);

    /* TODO: socket, bind to HOST:PORT, listen, then accept ONE client   (lesson 5, The server's calls)
     * TODO: chat(conn), then close the connection and the listening socket, and return 0 */
    return 0;
}
