/* line-json: JSON requests, one per line.
 * The task, hints and checks: {{tutor}} start, then this exercise in the menu.
 * Check it from this folder: {{tutor}} verify line-json line-json.c
 * C has no JSON parser built in: the reference solution (solution) has a small one. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
    const char *host = getenv("HOST"), *port = getenv("PORT");
    if (!host || !port) return 1;
    /* TODO: getaddrinfo(host, port), socket, bind, listen, then accept in a loop;
     *       serve each client in its own thread (pthread_create) so 5 can talk at once */
    /* TODO: per client: keep a buffer; after each recv(), handle every complete line in it
     *       (one recv() can hold several requests, or half of one: lesson 12, Framing) */
    /* TODO: parse the line as JSON: an object, "method" is "sum", "numbers" an array of
     *       integers. Reply {"method":"sum","sum":S}\n, or an {"error":...} line, then close */
    return 0;
}
