/* chat-bye, a reference solution: one client; answer each line; end on "bye".
 * Build: cc -std=c11 -Wall -Wextra -O2 -o chat-bye chat-bye.c */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
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

/* send() may send only part of the buffer: loop until all of it is sent (Python's sendall). */
static int send_all(int fd, const char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = send(fd, buf, len, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* A line longer than this is cut into parts of this size, each answered as a line. */
#define LINE_MAX_BYTES 4096

/* Answers one complete line (without its \n). Returns 1 after "bye", 0 to go on, -1 on an error. */
static int answer(int conn, char *line, size_t len) {
    if (len > 0 && line[len - 1] == '\r') len--; /* a \r\n line end: the \r is not part of the line */
    if (len == 3 && memcmp(line, "bye", 3) == 0) return send_all(conn, "bye\n", 4) < 0 ? -1 : 1;
    if (send_all(conn, "echo: ", 6) < 0 || send_all(conn, line, len) < 0 || send_all(conn, "\n", 1) < 0) return -1;
    return 0;
}

static void chat(int conn) {
    char pending[LINE_MAX_BYTES + 1]; /* bytes received but not yet a complete line */
    size_t have = 0;
    for (;;) {
        ssize_t n = recv(conn, pending + have, sizeof pending - have, 0);
        if (n == 0) return; /* the client left without saying bye */
        if (n < 0) {
            if (errno == EINTR) continue;
            perror("recv");
            return;
        }
        have += (size_t)n;
        /* One recv() may hold several lines, or part of one: answer every complete line. */
        size_t start = 0;
        for (size_t i = 0; i < have; i++) {
            if (pending[i] != '\n') continue;
            int r = answer(conn, pending + start, i - start);
            if (r != 0) {
                if (r < 0) perror("send");
                return;
            }
            start = i + 1;
        }
        /* Keep the start of the next line; a buffer full of one line is answered as it is. */
        if (start == 0 && have == sizeof pending) {
            if (answer(conn, pending, have) != 0) return;
            have = 0;
        } else {
            memmove(pending, pending + start, have - start);
            have -= start;
        }
    }
}

int main(void) {
    const char *host = getenv("HOST");
    if (!host) {
        fprintf(stderr, "HOST is not set\n");
        return 1;
    }
    signal(SIGPIPE, SIG_IGN);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(env_port());
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
    if (setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) < 0) perror("setsockopt");
    if (bind(server, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror("bind");
        return 1;
    }
    if (listen(server, SOMAXCONN) < 0) {
        perror("listen");
        return 1;
    }
    int conn;
    do conn = accept(server, NULL, NULL); /* this chat serves one client */
    while (conn < 0 && (errno == EINTR || errno == ECONNABORTED));
    if (conn < 0) {
        perror("accept");
        return 1;
    }
    chat(conn);
    if (close(conn) < 0) perror("close");
    if (close(server) < 0) perror("close");
    return 0; /* returning from main ends the program with status 0 */
}
