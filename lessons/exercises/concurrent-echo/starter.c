/* concurrent-echo: a TCP echo server for many clients at once.
 * The task, hints and checks: {{tutor}} start, then this exercise in the menu.
 * Check it from this folder: {{tutor}} verify concurrent-echo concurrent-echo.c
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

void serve(int conn) {
    /* TODO: echo this client's bytes until it closes its side.
     *   char buf[65536]; ssize_t n = recv(conn, buf, sizeof buf, 0);
     *   n > 0: that many bytes arrived (part of a send, or several); send_all(conn, buf, n) sends them back.
     *   n == 0: the client closed its side: return.   n < 0: an error (errno EINTR: call recv again).
     * Why one recv() is not enough: lesson 8, The chat. */
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

    /* TODO: socket, bind to HOST:PORT, listen   (lesson 5, The server's calls)
     * TODO: forever: accept a client, and serve it WITHOUT keeping the others waiting:
     *       fork() a process per client (the child serves and _exit()s, the parent closes its
     *       copy of conn and goes back to accept; sigaction SIGCHLD with SA_NOCLDWAIT reaps
     *       the children), or a thread per client, or poll() with a buffer per client
     *       (lesson 11, Many clients) */
    return 0;
}
