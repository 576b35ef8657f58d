/* tcp-client: send MESSAGE, print the whole answer.
 * The task, hints and checks: {{tutor}} start, then this exercise in the menu.
 * Check it from this folder: {{tutor}} verify tcp-client tcp-client.c
 * (verify builds it with cc -std=c11 -Wall -Wextra -O2; check every call's return value.) */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <netdb.h>
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

int main(void) {
    const char *host = getenv("HOST"); /* the checker's server listens here */
    const char *port = getenv("PORT");
    const char *message = getenv("MESSAGE"); /* send exactly these bytes */
    if (!host || !port || !message) {
        fprintf(stderr, "HOST, PORT and MESSAGE must be set\n");
        return 1;
    }
    signal(SIGPIPE, SIG_IGN);
    /* TODO: getaddrinfo(host, port, &hints, &found) with hints.ai_socktype = SOCK_STREAM gives
     *       the addresses to try; socket() and connect() to one of them, then freeaddrinfo(found)
     *       (lesson 7, The client's calls)
     * TODO: send MESSAGE, all of it: send_all(sock, message, strlen(message))
     * TODO: read until the server closes (recv returns 0), writing each piece to stdout as it
     *       is, without adding newlines: fwrite(buf, 1, n, stdout)
     *       (a piece may end in the middle of a character: only the whole answer is text)
     * TODO: at the end, fflush(stdout) and close(sock) */
    return 0;
}
