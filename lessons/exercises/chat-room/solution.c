/* chat-room, a reference solution: one thread, poll(), non-blocking sockets and an
 * output buffer per connection, so that a member who stops reading never holds up the
 * others; a member whose buffer passes LIMIT is dropped.
 * Build: cc -std=c11 -Wall -Wextra -O2 solution.c */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CONNS 256
#define MAX_LINE 1000             /* the longest line, without its \n */
#define LIMIT (1024 * 1024)       /* pending output above which a member is dropped */
#define WELCOME "welcome: what's your name?\n"

struct conn {
    int fd;                       /* -1: a free slot */
    char name[17];                /* "" until the first line was a valid name */
    char in[MAX_LINE + 4096];     /* bytes that do not make a complete line yet */
    size_t in_len;
    char *out;                    /* bytes waiting until the socket is writable */
    size_t out_len, out_cap;
    int closing;                  /* close once out is sent (after an error line) */
};

static struct conn conns[MAX_CONNS];

static void drop(struct conn *c);

/* Adds to c's output buffer. */
static void queue(struct conn *c, const char *data, size_t n) {
    if (c->fd < 0) return;
    if (c->out_len + n > LIMIT) { /* it does not read: drop it rather than wait */
        drop(c);
        return;
    }
    if (c->out_len + n > c->out_cap) {
        size_t cap = c->out_cap ? c->out_cap : 4096;
        while (cap < c->out_len + n) cap *= 2;
        char *p = realloc(c->out, cap);
        if (!p) { drop(c); return; }
        c->out = p;
        c->out_cap = cap;
    }
    memcpy(c->out + c->out_len, data, n);
    c->out_len += n;
}

static void queue_str(struct conn *c, const char *s) { queue(c, s, strlen(s)); }

static void to_members(struct conn *skip, const char *a, const char *b, const char *d) {
    for (int i = 0; i < MAX_CONNS; i++) {
        struct conn *m = &conns[i];
        if (m->fd < 0 || m->name[0] == '\0' || m == skip) continue;
        queue_str(m, a);
        queue_str(m, b);
        queue_str(m, d);
    }
}

static void drop(struct conn *c) {
    if (c->fd < 0) return;
    close(c->fd);
    c->fd = -1;
    free(c->out);
    c->out = NULL;
    c->out_len = c->out_cap = c->in_len = 0;
    if (c->name[0]) {
        char name[17];
        strcpy(name, c->name);
        c->name[0] = '\0';
        to_members(NULL, "* ", name, " left\n");
    }
}

static int valid_name(const char *s, size_t n) {
    if (n < 1 || n > 16) return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) return 0;
    }
    for (int i = 0; i < MAX_CONNS; i++)
        if (conns[i].fd >= 0 && strlen(conns[i].name) == n && memcmp(conns[i].name, s, n) == 0) return 0;
    return 1;
}

static void handle_line(struct conn *c, char *line, size_t n) {
    if (n > MAX_LINE) n = MAX_LINE;
    line[n] = '\0';
    if (c->name[0] == '\0') {
        if (!valid_name(line, n)) {
            queue_str(c, "error: the name must be 1 to 16 letters and digits, and free\n");
            c->closing = 1;
            return;
        }
        queue_str(c, "* in the room: ");
        int first = 1;
        for (int i = 0; i < MAX_CONNS; i++) {
            if (conns[i].fd < 0 || conns[i].name[0] == '\0') continue;
            if (!first) queue_str(c, ", ");
            queue_str(c, conns[i].name);
            first = 0;
        }
        queue_str(c, "\n");
        to_members(c, "* ", line, " joined\n");
        memcpy(c->name, line, n + 1);
        return;
    }
    char prefix[24];
    snprintf(prefix, sizeof prefix, "[%s] ", c->name);
    to_members(c, prefix, line, "\n"); /* never back to the sender */
}

static void readable(struct conn *c) {
    ssize_t got = recv(c->fd, c->in + c->in_len, sizeof c->in - c->in_len - 1, 0);
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
    if (got <= 0) { drop(c); return; } /* end of stream, or a reset: this member leaves */
    c->in_len += (size_t)got;
    /* One recv() may hold several lines, or part of one: handle every complete line. */
    size_t start = 0;
    char *nl;
    while (c->fd >= 0 && !c->closing && (nl = memchr(c->in + start, '\n', c->in_len - start)) != NULL) {
        size_t n = (size_t)(nl - (c->in + start));
        handle_line(c, c->in + start, n);
        start += n + 1;
    }
    if (c->fd < 0) return;
    memmove(c->in, c->in + start, c->in_len - start);
    c->in_len -= start;
    if (c->in_len > MAX_LINE) c->in_len = 0; /* a line too long: forget it */
}

static void writable(struct conn *c) {
    ssize_t put = send(c->fd, c->out, c->out_len, 0); /* takes what fits */
    if (put < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
    if (put < 0) { drop(c); return; }
    memmove(c->out, c->out + put, c->out_len - (size_t)put);
    c->out_len -= (size_t)put;
    if (c->out_len == 0 && c->closing) drop(c);
}

int main(void) {
    const char *host = getenv("HOST"), *port = getenv("PORT");
    if (!host || !port) {
        fprintf(stderr, "HOST and PORT must be set\n");
        return 1;
    }
    signal(SIGPIPE, SIG_IGN); /* a send to a closed connection fails with EPIPE instead of killing us */
    struct addrinfo hints = {0}, *ai;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int rc = getaddrinfo(host, port, &hints, &ai);
    if (rc != 0) {
        fprintf(stderr, "getaddrinfo: %s\n", gai_strerror(rc));
        return 1;
    }
    int server = socket(ai->ai_family, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (server < 0 || bind(server, ai->ai_addr, ai->ai_addrlen) < 0 || listen(server, 64) < 0) {
        perror("bind/listen");
        return 1;
    }
    freeaddrinfo(ai);
    fcntl(server, F_SETFL, O_NONBLOCK);
    for (int i = 0; i < MAX_CONNS; i++) conns[i].fd = -1;
    static struct pollfd fds[MAX_CONNS + 1];
    static int slot[MAX_CONNS + 1];
    for (;;) {
        int n = 0;
        fds[n].fd = server;
        fds[n].events = POLLIN;
        slot[n++] = -1;
        for (int i = 0; i < MAX_CONNS; i++) {
            if (conns[i].fd < 0) continue;
            fds[n].fd = conns[i].fd;
            /* Ask for writable only while bytes wait; stop reading once closing. */
            fds[n].events = (short)((conns[i].closing ? 0 : POLLIN) | (conns[i].out_len ? POLLOUT : 0));
            slot[n++] = i;
        }
        if (poll(fds, (nfds_t)n, -1) < 0) continue;
        for (int k = 1; k < n; k++) {
            struct conn *c = &conns[slot[k]];
            if (c->fd != fds[k].fd) continue; /* dropped meanwhile */
            if (fds[k].revents & POLLOUT) writable(c);
            if (c->fd == fds[k].fd && (fds[k].revents & (POLLIN | POLLHUP | POLLERR))) readable(c);
        }
        if (fds[0].revents & POLLIN) {
            int fd = accept(server, NULL, NULL);
            if (fd >= 0) {
                int i = 0;
                while (i < MAX_CONNS && conns[i].fd >= 0) i++;
                if (i == MAX_CONNS) {
                    close(fd);
                    continue;
                }
                fcntl(fd, F_SETFL, O_NONBLOCK);
                memset(&conns[i], 0, sizeof conns[i]);
                conns[i].fd = fd;
                queue_str(&conns[i], WELCOME);
            }
        }
    }
}
