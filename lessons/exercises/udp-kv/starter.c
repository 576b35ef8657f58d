/* udp-kv: a key-value store over UDP.
 * The task, hints and checks: {{tutor}} start, then this exercise in the menu.
 * Build and check it from this folder:
 *   cc -std=c11 -Wall -Wextra -O2 -o udp-kv udp-kv.c && {{tutor}} verify udp-kv ./udp-kv */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

int main(void) {
    const char *host = getenv("HOST");
    const char *port = getenv("PORT");
    if (!host || !port) return 1;
    /* TODO: socket(AF_INET, SOCK_DGRAM, 0), bind() to host:port       (lesson 9, UDP)
     * TODO: a table of keys and values, shared by every client
     * TODO: forever: n = recvfrom(fd, buf, 65535, 0, &from, &fromlen)
     *       with '=' in buf: an insert (split at the FIRST '='), no reply; never change "version"
     *       else: a retrieve: sendto(key=value, from)                  (lesson 16, A protocol over UDP) */
    return 0;
}
