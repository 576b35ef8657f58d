/* length-prefix, a reference solution: each message is a 4-byte big-endian length and
 * that many bytes; the reply is the payload reversed, framed the same way.
 * One thread per client. Build: cc -std=c11 -Wall -Wextra -O2 -pthread solution.c */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define LIMIT 1048576u /* the largest payload the protocol allows */

/* Reads exactly n bytes. 1: done; 0: the client closed first (or an error). */
static int recv_exactly(int fd, unsigned char *buf, size_t n) {
    while (n > 0) {
        ssize_t got = recv(fd, buf, n, 0);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return 0;
        buf += got;
        n -= (size_t)got;
    }
    return 1;
}

/* send() may take only part: loop until everything is sent. */
static int send_all(int fd, const unsigned char *buf, size_t n) {
    while (n > 0) {
        ssize_t put = send(fd, buf, n, 0);
        if (put < 0 && errno == EINTR) continue;
        if (put <= 0) return 0;
        buf += put;
        n -= (size_t)put;
    }
    return 1;
}

static void *serve(void *arg) {
    int fd = (int)(intptr_t)arg;
    unsigned char *msg = malloc(4 + LIMIT);
    while (msg) {
        uint32_t be;
        if (!recv_exactly(fd, (unsigned char *)&be, 4)) break; /* EOF: done */
        uint32_t length = ntohl(be); /* network byte order (big-endian) to host order */
        if (length > LIMIT) break;     /* too big: close without replying */
        unsigned char *payload = msg + 4;
        if (!recv_exactly(fd, payload, length)) break; /* a partial message is dropped */
        for (uint32_t i = 0; i < length / 2; i++) {
            unsigned char c = payload[i];
            payload[i] = payload[length - 1 - i];
            payload[length - 1 - i] = c;
        }
        memcpy(msg, &be, 4); /* the same length, still big-endian */
        if (!send_all(fd, msg, 4 + (size_t)length)) break;
    }
    free(msg);
    close(fd);
    return NULL;
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
    for (;;) {
        int fd = accept(server, NULL, NULL);
        if (fd < 0) continue;
        pthread_t t;
        if (pthread_create(&t, NULL, serve, (void *)(intptr_t)fd) != 0) close(fd);
        else pthread_detach(t);
    }
}
