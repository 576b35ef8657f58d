/* concurrent-echo, a reference solution: one process per client (fork), the classic C server.
 * Build: cc -std=c11 -Wall -Wextra -O2 -o concurrent-echo concurrent-echo.c */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

/* PORT from the environment: a whole number from 1 to 65535, or the program stops. */
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

/* send() may send only part of the buffer: loop until all of it is sent (Python's sendall). */
static int send_all(int fd, const char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = send(fd, buf, len, 0);
        if (n < 0) {
            if (errno == EINTR) continue; /* a signal interrupted the call: try again */
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

static void serve(int conn) {
    char buf[65536];
    for (;;) {
        ssize_t n = recv(conn, buf, sizeof buf, 0); /* whatever has arrived: part of a send, or several */
        if (n == 0) return;                          /* 0: the client closed its side, the echo is complete */
        if (n < 0) {
            if (errno == EINTR) continue;
            perror("recv"); /* a client that resets (ECONNRESET) must not stop the server */
            return;
        }
        if (send_all(conn, buf, (size_t)n) < 0) {
            perror("send");
            return;
        }
    }
}

int main(void) {
    const char *host = getenv("HOST");
    if (!host) {
        fprintf(stderr, "HOST is not set\n");
        return 1;
    }
    /* A send to a client that has gone would raise SIGPIPE and kill the server: get EPIPE instead. */
    signal(SIGPIPE, SIG_IGN);
    /* Children that end are reaped by the kernel: no zombies, and no waitpid() loop needed. */
    struct sigaction reap;
    memset(&reap, 0, sizeof reap);
    reap.sa_handler = SIG_IGN;
    reap.sa_flags = SA_NOCLDWAIT;
    sigemptyset(&reap.sa_mask);
    if (sigaction(SIGCHLD, &reap, NULL) < 0) perror("sigaction");

    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(env_port()); /* network byte order */
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
        fprintf(stderr, "HOST is not an IPv4 address: %s\n", host);
        return 1;
    }

    int server = socket(AF_INET, SOCK_STREAM, 0);
    if (server < 0) {
        perror("socket");
        return 1;
    }
    int on = 1;
    /* Lets a restarted server bind the port while old connections sit in TIME_WAIT (lesson 10). */
    if (setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) < 0) perror("setsockopt");
    if (bind(server, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror("bind");
        return 1;
    }
    if (listen(server, SOMAXCONN) < 0) {
        perror("listen");
        return 1;
    }
    for (;;) {
        int conn = accept(server, NULL, NULL); /* a new socket for this client; server keeps listening */
        if (conn < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            perror("accept");
            return 1;
        }
        pid_t child = fork();
        if (child < 0) {
            perror("fork"); /* out of processes: this client cannot be served, the others can */
        } else if (child == 0) {
            /* The child serves this client: it does not need the listening socket. */
            close(server);
            serve(conn);
            close(conn);
            _exit(0);
        }
        /* The parent goes straight back to accept(); the child holds its own copy of conn. */
        if (close(conn) < 0) perror("close");
    }
}
