/* proxy, a reference solution: a TCP relay, both directions at once, EOF passed on as a half-close.
 * cc -std=c11 -Wall -Wextra -O2 -o proxy solution.c */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* One direction: bytes read from `from`, not yet written to `to`. */
struct lane {
    int from, to;
    char buf[65536];
    size_t len, off;
    int eof, done;
};

static int address(const char *host, const char *port, struct sockaddr_in *a) {
    memset(a, 0, sizeof *a);
    a->sin_family = AF_INET;
    a->sin_port = htons((unsigned short)atoi(port));
    return inet_pton(AF_INET, host, &a->sin_addr) == 1 ? 0 : -1;
}

/* Relays until both directions have ended. Non-blocking sockets and poll(): a full
 * buffer on one side never stops the other direction. */
static void relay(int client, int upstream) {
    struct lane lanes[2] = {{.from = client, .to = upstream}, {.from = upstream, .to = client}};
    fcntl(client, F_SETFL, O_NONBLOCK);
    fcntl(upstream, F_SETFL, O_NONBLOCK);
    while (!lanes[0].done || !lanes[1].done) {
        struct pollfd p[4];
        int n = 0, idx[4];
        for (int i = 0; i < 2; i++) {
            struct lane *l = &lanes[i];
            if (l->done) continue;
            if (l->len > l->off) p[n] = (struct pollfd){.fd = l->to, .events = POLLOUT};
            else p[n] = (struct pollfd){.fd = l->from, .events = POLLIN};
            idx[n++] = i;
        }
        if (poll(p, (nfds_t)n, -1) < 0) {
            if (errno == EINTR) continue;
            return;
        }
        for (int k = 0; k < n; k++) {
            struct lane *l = &lanes[idx[k]];
            if (!p[k].revents) continue;
            if (l->len > l->off) {
                ssize_t w = send(l->to, l->buf + l->off, l->len - l->off, 0);
                if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return; /* EPIPE, reset: this client is done */
                if (w > 0) l->off += (size_t)w;
            } else {
                ssize_t r = recv(l->from, l->buf, sizeof l->buf, 0);
                if (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return;
                if (r > 0) {
                    l->len = (size_t)r;
                    l->off = 0;
                } else if (r == 0) {
                    l->eof = 1;
                }
            }
            if (l->eof && l->off >= l->len) {
                shutdown(l->to, SHUT_WR); /* pass the EOF on; the other direction goes on */
                l->done = 1;
            }
        }
    }
}

int main(void) {
    const char *host = getenv("HOST"), *port = getenv("PORT");
    const char *uhost = getenv("UPSTREAM_HOST"), *uport = getenv("UPSTREAM_PORT");
    struct sockaddr_in me, up;
    if (!host || !port || !uhost || !uport || address(host, port, &me) < 0 || address(uhost, uport, &up) < 0) {
        fprintf(stderr, "HOST, PORT, UPSTREAM_HOST and UPSTREAM_PORT must be set\n");
        return 1;
    }
    signal(SIGPIPE, SIG_IGN); /* a send() to a closed peer returns EPIPE instead of killing us */
    signal(SIGCHLD, SIG_IGN); /* finished children are reaped by the kernel */
    int server = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (server < 0 || bind(server, (struct sockaddr *)&me, sizeof me) < 0 || listen(server, 64) < 0) {
        perror("listen");
        return 1;
    }
    for (;;) {
        int client = accept(server, NULL, NULL);
        if (client < 0) continue;
        if (fork() == 0) { /* one process per client: a slow or broken client stops only itself */
            close(server);
            int upstream = socket(AF_INET, SOCK_STREAM, 0);
            if (upstream >= 0 && connect(upstream, (struct sockaddr *)&up, sizeof up) == 0) relay(client, upstream);
            /* refused, or done: closing ends both connections */
            _exit(0);
        }
        close(client);
    }
}
