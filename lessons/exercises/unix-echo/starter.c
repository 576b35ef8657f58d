/* unix-echo: a stream echo server on a Unix socket path.
 * The task, hints and checks: {{tutor}} start, then this exercise in the menu.
 * Check it from this folder: {{tutor}} verify unix-echo unix-echo.c
 * (verify builds it with cc -std=c11 -Wall -Wextra -O2; check every call's return value.) */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
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

void serve(int conn) {
    /* TODO: echo this client's bytes until it closes its side.
     *   char buf[65536]; ssize_t n = recv(conn, buf, sizeof buf, 0);
     *   n > 0: that many bytes arrived (part of a send, or several); send_all(conn, buf, n) sends them back.
     *   n == 0: the client closed its side: return.   n < 0: an error (errno EINTR: call recv again).
     * Why one recv() is not enough: lesson 8, The chat. */
    (void)conn;
}

int main(void) {
    const char *path = getenv("SOCKET_PATH"); /* the checker sets it: a path in a private folder */
    if (!path) {
        fprintf(stderr, "SOCKET_PATH must be set\n");
        return 1;
    }
    signal(SIGPIPE, SIG_IGN);
    /* TODO: a stream socket in the Unix address family   (lesson 3, Address families)
     * TODO: its address is a struct sockaddr_un: sun_family, and the path copied into sun_path
     *       (check it fits: strlen(path) < sizeof addr.sun_path)
     * TODO: unlink(path) first (a socket file left by an earlier run makes bind fail), bind, listen
     * TODO: forever: accept, serve, close */
    return 0;
}
