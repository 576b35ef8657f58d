/* udp-kv, a reference solution: a key-value store over UDP.
 * cc -std=c11 -Wall -Wextra -O2 -o udp-kv solution.c */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define MAX_REQUEST 65535
#define MAX_KEYS 4096

/* Keys and values are bytes with a length: a request may hold any byte, and empty keys exist. */
struct entry {
    char *key, *value;
    size_t keylen, valuelen;
};

static struct entry store[MAX_KEYS];
static size_t nkeys;
static const char VERSION[] = "socket-tutor kv 1.0";

static struct entry *find(const char *key, size_t len) {
    for (size_t i = 0; i < nkeys; i++)
        if (store[i].keylen == len && memcmp(store[i].key, key, len) == 0) return &store[i];
    return NULL;
}

static char *copy(const char *p, size_t n) {
    char *c = malloc(n ? n : 1);
    if (c) memcpy(c, p, n);
    return c;
}

int main(void) {
    const char *host = getenv("HOST");
    const char *port = getenv("PORT");
    if (!host || !port) {
        fprintf(stderr, "HOST and PORT must be set\n");
        return 1;
    }
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short)atoi(port));
    if (fd < 0 || inet_pton(AF_INET, host, &addr.sin_addr) != 1 || bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror("socket/bind");
        return 1;
    }
    static char buf[MAX_REQUEST], reply[2 * MAX_REQUEST + 1];
    for (;;) {
        struct sockaddr_storage from;
        socklen_t fromlen = sizeof from;
        /* 65535: a request is one whole datagram only if the buffer can hold it. */
        ssize_t n = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen);
        if (n < 0) continue;
        char *eq = memchr(buf, '=', (size_t)n); /* the FIRST '=' */
        if (eq) {
            size_t keylen = (size_t)(eq - buf), valuelen = (size_t)n - keylen - 1;
            if (keylen == 7 && memcmp(buf, "version", 7) == 0) continue; /* read-only */
            struct entry *e = find(buf, keylen);
            if (!e && nkeys < MAX_KEYS) {
                e = &store[nkeys++];
                e->key = copy(buf, keylen);
                e->keylen = keylen;
                e->value = NULL;
            }
            if (e) {
                free(e->value);
                e->value = copy(eq + 1, valuelen);
                e->valuelen = valuelen;
            }
            continue; /* an insert gets no reply */
        }
        const char *value = "";
        size_t valuelen = 0;
        struct entry *e = find(buf, (size_t)n);
        if (n == 7 && memcmp(buf, "version", 7) == 0) {
            value = VERSION;
            valuelen = strlen(VERSION);
        } else if (e) {
            value = e->value;
            valuelen = e->valuelen;
        }
        memcpy(reply, buf, (size_t)n);
        reply[n] = '=';
        memcpy(reply + n + 1, value, valuelen);
        sendto(fd, reply, (size_t)n + 1 + valuelen, 0, (struct sockaddr *)&from, fromlen); /* to whoever asked */
    }
}
