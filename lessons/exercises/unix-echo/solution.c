/* unix-echo, a reference solution: a stream echo server on a Unix socket path.
 * Build: cc -std=c11 -Wall -Wextra -O2 -o unix-echo unix-echo.c */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* send() may send only part of the buffer: loop until all of it is sent (Python's sendall). */
static int send_all(int fd, const char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = send(fd, buf, len, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

static void serve(int conn) {
    char buf[65536];
    for (;;) {
        ssize_t n = recv(conn, buf, sizeof buf, 0);
        if (n == 0) return; /* the client closed its side */
        if (n < 0) {
            if (errno == EINTR) continue;
            perror("recv");
            return;
        }
        if (send_all(conn, buf, (size_t)n) < 0) {
            perror("send");
            return;
        }
    }
}

int main(void) {
    const char *path = getenv("SOCKET_PATH");
    if (!path) {
        fprintf(stderr, "SOCKET_PATH is not set\n");
        return 1;
    }
    signal(SIGPIPE, SIG_IGN);

    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    /* sun_path holds about 108 bytes, with its final '\0': a longer path does not fit. */
    if (strlen(path) >= sizeof addr.sun_path) {
        fprintf(stderr, "SOCKET_PATH is too long for a Unix socket address\n");
        return 1;
    }
    memcpy(addr.sun_path, path, strlen(path) + 1);

    /* A socket file left by an earlier run would make bind() fail with EADDRINUSE. */
    if (unlink(path) < 0 && errno != ENOENT) perror("unlink");
    int server = socket(AF_UNIX, SOCK_STREAM, 0);
    if (server < 0) {
        perror("socket");
        return 1;
    }
    /* The address is a path: bind() creates a file of type socket there. */
    if (bind(server, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror("bind");
        return 1;
    }
    if (listen(server, SOMAXCONN) < 0) {
        perror("listen");
        return 1;
    }
    for (;;) {
        int conn = accept(server, NULL, NULL); /* a Unix peer has no address worth reporting */
        if (conn < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            perror("accept");
            return 1;
        }
        serve(conn);
        if (close(conn) < 0) perror("close");
    }
}
