/* udp-retry, a reference solution: retrieve each key over a network that loses datagrams.
 * cc -std=c11 -Wall -Wextra -O2 -o udp-retry solution.c */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#define FIRST_WAIT_MS 100 /* doubled after each timeout */
#define TRIES 6

static long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* One key: the reply's length in buf, or -1 after TRIES lost tries. */
static ssize_t ask(int fd, const struct sockaddr_in *to, const char *key, size_t keylen, char *buf, size_t size) {
    long wait = FIRST_WAIT_MS;
    for (int i = 0; i < TRIES; i++, wait *= 2) {
        sendto(fd, key, keylen, 0, (const struct sockaddr *)to, sizeof *to);
        long deadline = now_ms() + wait;
        for (;;) {
            long left = deadline - now_ms();
            if (left <= 0) break; /* this try is lost: send again */
            struct pollfd p = {.fd = fd, .events = POLLIN};
            if (poll(&p, 1, (int)left) <= 0) break;
            ssize_t n = recvfrom(fd, buf, size, 0, NULL, NULL);
            /* A late reply to an earlier key, or a second copy: not the answer to this request. */
            if (n > (ssize_t)keylen && memcmp(buf, key, keylen) == 0 && buf[keylen] == '=') return n;
        }
    }
    return -1;
}

int main(void) {
    const char *host = getenv("HOST"), *port = getenv("PORT"), *keys = getenv("KEYS");
    if (!host || !port || !keys) {
        fprintf(stderr, "HOST, PORT and KEYS must be set\n");
        return 1;
    }
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in to = {0};
    to.sin_family = AF_INET;
    to.sin_port = htons((unsigned short)atoi(port));
    if (fd < 0 || inet_pton(AF_INET, host, &to.sin_addr) != 1) {
        perror("socket");
        return 1;
    }
    static char buf[65536];
    const char *key = keys;
    while (*key) {
        size_t keylen = strcspn(key, ",");
        ssize_t n = ask(fd, &to, key, keylen, buf, sizeof buf);
        if (n < 0) {
            fprintf(stderr, "no reply for %.*s after %d tries\n", (int)keylen, key, TRIES);
            return 1;
        }
        fwrite(buf, 1, (size_t)n, stdout);
        fputc('\n', stdout);
        fflush(stdout);
        key += keylen + (key[keylen] == ',');
    }
    return 0;
}
