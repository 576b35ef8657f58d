/* udp-upper: a UDP server that answers in upper case.
 * The task, hints and checks: {{tutor}} start, then this exercise in the menu.
 * Check it from this folder: {{tutor}} verify udp-upper udp-upper.c
 * (verify builds it with cc -std=c11 -Wall -Wextra -O2; check every call's return value.) */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
    const char *host = getenv("HOST"); /* the checker sets HOST and PORT: never hard-code them */
    const char *port = getenv("PORT");
    if (!host || !port) {
        fprintf(stderr, "HOST and PORT must be set\n");
        return 1;
    }
    /* TODO: a UDP socket: socket(AF_INET, <the datagram type>, 0)   (lesson 9, UDP)
     * TODO: bind it to HOST:PORT (a struct sockaddr_in); no listen(), no accept()
     * TODO: forever:
     *   struct sockaddr_storage from; socklen_t fromlen = sizeof from;
     *   ssize_t n = recvfrom(sock, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen);
     *   change only the bytes 'a'..'z' to 'A'..'Z' (every other byte stays as it is),
     *   then sendto(sock, buf, n, 0, (struct sockaddr *)&from, fromlen): to whoever sent it.
     *   A buffer of 65535 bytes holds any datagram; what does not fit is lost. */
    return 0;
}
