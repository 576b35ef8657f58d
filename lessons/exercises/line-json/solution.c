/* line-json, a reference solution: one JSON request per line; answer each sum request
 * with one line; answer a malformed request with an error line, then close.
 * C has no JSON parser built in, so this file has a small strict one (RFC 8259).
 * One thread per client. Build: cc -std=c11 -Wall -Wextra -O2 -pthread solution.c */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_LINE 100000 /* the longest request line, without its \n */
#define MAX_DEPTH 64

/* What the parser found in the top-level object. */
struct request {
    int method_is_sum;   /* "method" is the string "sum" */
    int has_numbers;     /* "numbers" is an array ... */
    int numbers_ok;      /* ... of at most 10 000 integers with |n| < 2^31 */
    long long sum;
};

typedef struct { const char *p, *end; } cursor;

static void skip_ws(cursor *c) {
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r')) c->p++;
}

static int hexval(char ch) {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* A string; its value (ASCII only, up to 15 bytes) goes to out, or "" when longer or not ASCII. */
static int parse_string(cursor *c, char out[16]) {
    size_t n = 0;
    int fits = 1;
    if (c->p >= c->end || *c->p != '"') return 0;
    c->p++;
    while (c->p < c->end) {
        unsigned char ch = (unsigned char)*c->p++;
        if (ch == '"') {
            out[fits ? n : 0] = '\0';
            return 1;
        }
        if (ch < 0x20) return 0; /* control characters must be escaped */
        if (ch == '\\') {
            if (c->p >= c->end) return 0;
            char e = *c->p++;
            if (e == 'u') {
                int v = 0;
                for (int i = 0; i < 4; i++) {
                    int h = c->p < c->end ? hexval(*c->p++) : -1;
                    if (h < 0) return 0;
                    v = v * 16 + h;
                }
                ch = v < 0x80 ? (unsigned char)v : 0x80;
            } else if (strchr("\"\\/bfnrt", e) && e != '\0') {
                ch = (unsigned char)(e == 'b' ? '\b' : e == 'f' ? '\f' : e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e);
            } else {
                return 0;
            }
        }
        if (ch >= 0x80 || n >= 15) fits = 0;
        else out[n++] = (char)ch;
    }
    return 0;
}

/* A number; *is_int says it has no fraction or exponent, *value its value when small enough. */
static int parse_number(cursor *c, int *is_int, long long *value, int *small) {
    const char *p = c->p;
    int neg = 0;
    long long v = 0;
    *is_int = 1;
    *small = 1;
    if (p < c->end && *p == '-') { neg = 1; p++; }
    if (p >= c->end || *p < '0' || *p > '9') return 0;
    if (*p == '0') p++;
    else
        while (p < c->end && *p >= '0' && *p <= '9') {
            if (v < (1LL << 40)) v = v * 10 + (*p - '0');
            else *small = 0;
            p++;
        }
    if (p < c->end && *p == '.') {
        *is_int = 0;
        p++;
        if (p >= c->end || *p < '0' || *p > '9') return 0;
        while (p < c->end && *p >= '0' && *p <= '9') p++;
    }
    if (p < c->end && (*p == 'e' || *p == 'E')) {
        *is_int = 0;
        p++;
        if (p < c->end && (*p == '+' || *p == '-')) p++;
        if (p >= c->end || *p < '0' || *p > '9') return 0;
        while (p < c->end && *p >= '0' && *p <= '9') p++;
    }
    *value = neg ? -v : v;
    c->p = p;
    return 1;
}

static int parse_value(cursor *c, int depth);

static int literal(cursor *c, const char *word) {
    size_t n = strlen(word);
    if ((size_t)(c->end - c->p) < n || memcmp(c->p, word, n) != 0) return 0;
    c->p += n;
    return 1;
}

/* The array after "numbers": checks every element, adds them up. */
static int parse_numbers(cursor *c, struct request *r) {
    long count = 0;
    c->p++; /* '[' */
    r->has_numbers = 1;
    r->numbers_ok = 1;
    r->sum = 0;
    skip_ws(c);
    if (c->p < c->end && *c->p == ']') { c->p++; return 1; }
    for (;;) {
        skip_ws(c);
        if (c->p < c->end && (*c->p == '-' || (*c->p >= '0' && *c->p <= '9'))) {
            int is_int, small;
            long long v;
            if (!parse_number(c, &is_int, &v, &small)) return 0;
            if (!is_int || !small || v <= -(1LL << 31) || v >= (1LL << 31)) r->numbers_ok = 0;
            else r->sum += v;
        } else {
            if (!parse_value(c, 2)) return 0; /* a string, true, null, an array...: valid JSON, not a number */
            r->numbers_ok = 0;
        }
        if (++count > 10000) r->numbers_ok = 0;
        skip_ws(c);
        if (c->p < c->end && *c->p == ',') { c->p++; continue; }
        if (c->p < c->end && *c->p == ']') { c->p++; return 1; }
        return 0;
    }
}

/* An object; with r (the top level) it notes "method" and "numbers". */
static int parse_object(cursor *c, int depth, struct request *r) {
    char key[16], text[16];
    c->p++; /* '{' */
    skip_ws(c);
    if (c->p < c->end && *c->p == '}') { c->p++; return 1; }
    for (;;) {
        skip_ws(c);
        if (!parse_string(c, key)) return 0;
        skip_ws(c);
        if (c->p >= c->end || *c->p != ':') return 0;
        c->p++;
        skip_ws(c);
        if (r && strcmp(key, "method") == 0) {
            r->method_is_sum = 0;
            if (c->p < c->end && *c->p == '"') {
                if (!parse_string(c, text)) return 0;
                r->method_is_sum = strcmp(text, "sum") == 0;
            } else if (!parse_value(c, depth + 1)) return 0;
        } else if (r && strcmp(key, "numbers") == 0) {
            r->has_numbers = 0;
            if (c->p < c->end && *c->p == '[') {
                if (!parse_numbers(c, r)) return 0;
            } else if (!parse_value(c, depth + 1)) return 0;
        } else if (!parse_value(c, depth + 1)) {
            return 0;
        }
        skip_ws(c);
        if (c->p < c->end && *c->p == ',') { c->p++; continue; }
        if (c->p < c->end && *c->p == '}') { c->p++; return 1; }
        return 0;
    }
}

static int parse_value(cursor *c, int depth) {
    char ignored[16];
    if (depth > MAX_DEPTH) return 0;
    skip_ws(c);
    if (c->p >= c->end) return 0;
    switch (*c->p) {
    case '{': return parse_object(c, depth, NULL);
    case '[':
        c->p++;
        skip_ws(c);
        if (c->p < c->end && *c->p == ']') { c->p++; return 1; }
        for (;;) {
            if (!parse_value(c, depth + 1)) return 0;
            skip_ws(c);
            if (c->p < c->end && *c->p == ',') { c->p++; continue; }
            if (c->p < c->end && *c->p == ']') { c->p++; return 1; }
            return 0;
        }
    case '"': return parse_string(c, ignored);
    case 't': return literal(c, "true");
    case 'f': return literal(c, "false");
    case 'n': return literal(c, "null");
    default: {
        int is_int, small;
        long long v;
        return parse_number(c, &is_int, &v, &small);
    }
    }
}

/* Writes the reply line for one request into out; returns 0 when the request is malformed. */
static int answer(const char *line, size_t len, char *out, size_t cap) {
    cursor c = {line, line + len};
    struct request r = {0};
    skip_ws(&c);
    if (c.p >= c.end || *c.p != '{') {
        snprintf(out, cap, "{\"error\":\"not a JSON object\"}\n");
        return 0;
    }
    int ok = parse_object(&c, 1, &r);
    skip_ws(&c);
    if (!ok || c.p != c.end) snprintf(out, cap, "{\"error\":\"not JSON\"}\n");
    else if (!r.method_is_sum) snprintf(out, cap, "{\"error\":\"unknown method\"}\n");
    else if (!r.has_numbers) snprintf(out, cap, "{\"error\":\"numbers must be an array\"}\n");
    else if (!r.numbers_ok) snprintf(out, cap, "{\"error\":\"numbers must be integers\"}\n");
    else {
        snprintf(out, cap, "{\"method\":\"sum\",\"sum\":%lld}\n", r.sum);
        return 1;
    }
    return 0;
}

static int send_all(int fd, const char *buf, size_t n) {
    while (n > 0) {
        ssize_t put = send(fd, buf, n, 0);
        if (put < 0 && errno == EINTR) continue;
        if (put <= 0) return 0;
        buf += put;
        n -= (size_t)put;
    }
    return 1;
}

static void *serve(void *arg) {
    int fd = (int)(intptr_t)arg;
    size_t cap = MAX_LINE + 65536, used = 0;
    char *buf = malloc(cap), reply[128];
    int go_on = buf != NULL;
    while (go_on) {
        ssize_t got = recv(fd, buf + used, cap - used, 0);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break; /* the client closed, or reset */
        used += (size_t)got;
        /* One recv() may hold several requests, or part of one: answer every complete line. */
        size_t start = 0;
        char *nl;
        while (go_on && (nl = memchr(buf + start, '\n', used - start)) != NULL) {
            size_t len = (size_t)(nl - (buf + start));
            go_on = answer(buf + start, len, reply, sizeof reply);
            if (!send_all(fd, reply, strlen(reply))) go_on = 0;
            start += len + 1;
        }
        memmove(buf, buf + start, used - start);
        used -= start;
        if (go_on && used > MAX_LINE) {
            send_all(fd, "{\"error\":\"line too long\"}\n", 26);
            go_on = 0;
        }
    }
    free(buf);
    close(fd); /* after an error line: the close */
    return NULL;
}

int main(void) {
    const char *host = getenv("HOST"), *port = getenv("PORT");
    if (!host || !port) {
        fprintf(stderr, "HOST and PORT must be set\n");
        return 1;
    }
    signal(SIGPIPE, SIG_IGN); /* a send to a closed connection fails with EPIPE instead of killing us */
    struct addrinfo hints = {0}, *ai;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int rc = getaddrinfo(host, port, &hints, &ai);
    if (rc != 0) {
        fprintf(stderr, "getaddrinfo: %s\n", gai_strerror(rc));
        return 1;
    }
    int server = socket(ai->ai_family, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (server < 0 || bind(server, ai->ai_addr, ai->ai_addrlen) < 0 || listen(server, 64) < 0) {
        perror("bind/listen");
        return 1;
    }
    freeaddrinfo(ai);
    for (;;) {
        int fd = accept(server, NULL, NULL);
        if (fd < 0) continue;
        pthread_t t;
        if (pthread_create(&t, NULL, serve, (void *)(intptr_t)fd) != 0) close(fd);
        else pthread_detach(t);
    }
}
