/* udp-upper, a reference solution: answer each datagram, to its sender, in ASCII upper case.
 * Build: cc -std=c11 -Wall -Wextra -O2 -o udp-upper udp-upper.c */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static unsigned short env_port(void) {
    const char *s = getenv("PORT");
    char *end = NULL;
    long port = s ? strtol(s, &end, 10) : 0;
    if (!s || *s == '\0' || *end != '\0' || port < 1 || port > 65535) {
        fprintf(stderr, "PORT must be a port number\n");
        exit(1);
    }
    return (unsigned short)port;
}

int main(void) {
    const char *host = getenv("HOST");
    if (!host) {
        fprintf(stderr, "HOST is not set\n");
        return 1;
    }
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(env_port());
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
        fprintf(stderr, "HOST is not an IPv4 address: %s\n", host);
        return 1;
    }
    int sock = socket(AF_INET, SOCK_DGRAM, 0);
    if (sock < 0) {
        perror("socket");
        return 1;
    }
    /* No listen(), no accept(): one socket talks to every client. */
    if (bind(sock, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror("bind");
        return 1;
    }
    /* 65535: a UDP datagram can be that big, and the part that does not fit the buffer is lost. */
    static unsigned char buf[65535];
    for (;;) {
        struct sockaddr_storage from; /* whoever sent this datagram */
        socklen_t fromlen = sizeof from;
        ssize_t n = recvfrom(sock, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen);
        if (n < 0) {
            if (errno == EINTR) continue;
            perror("recvfrom");
            continue; /* one bad datagram must not stop the server */
        }
        /* Only the ASCII letters a-z change; every other byte (0-255) stays as it is. */
        for (ssize_t i = 0; i < n; i++)
            if (buf[i] >= 'a' && buf[i] <= 'z') buf[i] = (unsigned char)(buf[i] - 'a' + 'A');
        /* One datagram in, one datagram out: sendto() sends it whole or not at all. */
        ssize_t sent;
        do sent = sendto(sock, buf, (size_t)n, 0, (struct sockaddr *)&from, fromlen);
        while (sent < 0 && errno == EINTR);
        if (sent < 0) perror("sendto");
    }
}
