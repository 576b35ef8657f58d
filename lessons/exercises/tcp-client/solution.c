/* tcp-client, a reference solution: send MESSAGE, print the whole answer.
 * Build: cc -std=c11 -Wall -Wextra -O2 -o tcp-client tcp-client.c */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
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

/* fwrite() too may write only part: the rest is an error (a closed stdout). */
static int write_all(const char *buf, size_t len) {
    return fwrite(buf, 1, len, stdout) == len ? 0 : -1;
}

int main(void) {
    const char *host = getenv("HOST");
    const char *port = getenv("PORT");
    const char *message = getenv("MESSAGE");
    if (!host || !port || !message) {
        fprintf(stderr, "HOST, PORT and MESSAGE must be set\n");
        return 1;
    }
    signal(SIGPIPE, SIG_IGN);

    /* getaddrinfo() turns HOST and PORT into addresses to try, IPv4 or IPv6 alike. */
    struct addrinfo hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    struct addrinfo *found = NULL;
    int gai = getaddrinfo(host, port, &hints, &found);
    if (gai != 0) {
        fprintf(stderr, "getaddrinfo: %s\n", gai_strerror(gai));
        return 1;
    }
    int sock = -1;
    for (struct addrinfo *a = found; a != NULL; a = a->ai_next) {
        sock = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
        if (sock < 0) continue;
        int r;
        do r = connect(sock, a->ai_addr, a->ai_addrlen); /* the kernel picks our own (ephemeral) port */
        while (r < 0 && errno == EINTR);
        if (r == 0) break;
        perror("connect");
        close(sock);
        sock = -1;
    }
    freeaddrinfo(found);
    if (sock < 0) return 1;

    if (send_all(sock, message, strlen(message)) < 0) {
        perror("send");
        return 1;
    }
    /* The answer may come in any number of pieces: read until the server closes (recv returns 0). */
    char buf[4096];
    for (;;) {
        ssize_t n = recv(sock, buf, sizeof buf, 0);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            perror("recv");
            return 1;
        }
        /* The bytes as they are: a piece may end inside a UTF-8 character, and that is fine. */
        if (write_all(buf, (size_t)n) < 0) {
            perror("write");
            return 1;
        }
    }
    if (fflush(stdout) != 0) {
        perror("fflush");
        return 1;
    }
    if (close(sock) < 0) perror("close");
    return 0;
}
