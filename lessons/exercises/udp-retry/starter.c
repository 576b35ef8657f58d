/* udp-retry: a UDP client that retries.
 * The task, hints and checks: {{tutor}} start, then this exercise in the menu.
 * Build and check it from this folder:
 *   cc -std=c11 -Wall -Wextra -O2 -o udp-retry udp-retry.c && {{tutor}} verify udp-retry ./udp-retry */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

int main(void) {
    const char *host = getenv("HOST"), *port = getenv("PORT"), *keys = getenv("KEYS");
    if (!host || !port || !keys) return 1;
    /* TODO: socket(AF_INET, SOCK_DGRAM, 0)                               (lesson 9, UDP)
     * TODO: for each key of KEYS (split at ','): sendto() it to host:port, then poll() for
     *       the reply with a timeout; on a timeout send again and wait longer (double it),
     *       at least 5 tries
     * TODO: a reply that does not start with key= is not yours: drop it, keep waiting
     * TODO: print each reply once, with a newline                        (lesson 16, A protocol over UDP) */
    return 0;
}
