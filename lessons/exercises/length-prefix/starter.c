/* length-prefix: messages with a 4-byte big-endian length in front.
 * The task, hints and checks: {{tutor}} start, then this exercise in the menu.
 * Check it from this folder: {{tutor}} verify length-prefix length-prefix.c */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#define LIMIT 1048576u

/* TODO: read exactly n bytes with recv() in a loop; return 0 if the client closed first
 *       (one recv() returns whatever has arrived: lesson 12, Framing) */
static int recv_exactly(int fd, unsigned char *buf, size_t n) {
    (void)fd;
    (void)buf;
    (void)n;
    return 0;
}

int main(void) {
    const char *host = getenv("HOST"), *port = getenv("PORT");
    if (!host || !port) return 1;
    /* TODO: getaddrinfo(host, port), socket, bind, listen, then accept in a loop;
     *       serve each client in its own thread (pthread_create) so 5 can talk at once */
    /* TODO: per client: recv_exactly 4 bytes, ntohl() them (big-endian to host order);
     *       above LIMIT close; else recv_exactly the payload, reverse it, send the same
     *       4 bytes and the reversed payload (loop until send() has taken everything) */
    (void)recv_exactly;
    return 0;
}
