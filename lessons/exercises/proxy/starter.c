/* proxy: relay each client to its own upstream connection, both ways at once.
 * The task, hints and checks: {{tutor}} start, then this exercise in the menu.
 * Build and check it from this folder:
 *   cc -std=c11 -Wall -Wextra -O2 -o proxy proxy.c && {{tutor}} verify proxy ./proxy */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
    const char *host = getenv("HOST"), *port = getenv("PORT");
    const char *uhost = getenv("UPSTREAM_HOST"), *uport = getenv("UPSTREAM_PORT");
    if (!host || !port || !uhost || !uport) return 1;
    /* TODO: signal(SIGPIPE, SIG_IGN): a send() to a closed peer must return EPIPE, not kill you
     *       (lesson 14, When things go wrong)
     * TODO: socket(), bind(), listen() on host:port; for each accept(): fork() (lesson 11, Many clients)
     * TODO: in the child: connect() to the upstream (close the client if it fails), then
     *       poll() both sockets and relay; on EOF from one side, shutdown(other, SHUT_WR) */
    return 0;
}
