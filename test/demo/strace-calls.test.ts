/**
 * strace's lines of a program with no tracer (trace of a C program) as the tracers'
 * CallEvents: names, arguments, results, fds and addresses as the views show them, a
 * blocking call seen first while it waits, and the program's own bytes (data, a Unix
 * path) escaped and cut however hostile.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseStraceText, StraceParser } from "../../src/kernel/strace.js";
import type { CallEvent } from "../../src/demo/events.js";
import { bytesLiteral, cString, labelEnds, sockaddrText, splitArgs, StraceCallEvents } from "../../src/demo/strace-calls.js";

/** The events of a whole strace output, with strace's pids mapped as `hostPid` says. */
function eventsOf(text: string, hostPid = (pid: number) => pid + 1000): CallEvent[] {
  const out: CallEvent[] = [];
  const ev = new StraceCallEvents("program", hostPid, (e) => out.push(e), () => 0);
  for (const c of parseStraceText(text)) ev.finished(c);
  return out;
}
const ends = (evs: CallEvent[]) => evs.filter((e) => e.phase === "end");

const SERVER = `7 1796179827.907559 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3<TCP:[16584236]> <0.000020>
7 1796179827.911733 setsockopt(3<TCP:[16584236]>, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0 <0.000010>
7 1796179827.912820 bind(3<TCP:[16584236]>, {sa_family=AF_INET, sin_port=htons(5004), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000010>
7 1796179827.914107 listen(3<TCP:[127.0.0.1:5004]>, 1) = 0 <0.000010>
7 1796179827.918197 write(1<pipe:[1]>, "listening\\n", 10) = 10 <0.000010>
7 1796179827.918230 accept(3<TCP:[127.0.0.1:5004]>, NULL, NULL) = 4<TCP:[127.0.0.1:5004->127.0.0.1:56976]> <0.307000>
7 1796179828.226092 recvfrom(4<TCP:[127.0.0.1:5004->127.0.0.1:56976]>, "hello c\\n", 1024, 0, NULL, NULL) = 8 <0.000010>
7 1796179828.226136 sendto(4<TCP:[127.0.0.1:5004->127.0.0.1:56976]>, "HELLO C\\n", 8, MSG_NOSIGNAL, NULL, 0) = 8 <0.000010>
7 1796179828.226170 write(4<TCP:[127.0.0.1:5004->127.0.0.1:56976]>, "\\33[31m\\n", 6) = 6 <0.000010>
7 1796179828.226186 shutdown(4<TCP:[127.0.0.1:5004->127.0.0.1:56976]>, SHUT_WR) = 0 <0.000010>
7 1796179828.226206 close(4<TCP:[127.0.0.1:5004->127.0.0.1:56976]>) = 0 <0.000010>
7 1796179828.226220 close(3<TCP:[127.0.0.1:5004]>) = 0 <0.000010>
`;

describe("strace's calls as call events", () => {
  it("a TCP server: BSD names, the fd first, addresses as the table writes them, results as the tracers write them", () => {
    const e = ends(eventsOf(SERVER));
    assert.deepEqual(
      e.map((x) => [x.call, x.fd, x.args, x.result]),
      [
        ["socket", 3, ["AF_INET", "SOCK_STREAM"], "fd 3"],
        ["setsockopt", 3, ["SOL_SOCKET", "SO_REUSEADDR", "1"], "ok"],
        ["bind", 3, ["127.0.0.1:5004"], "ok"],
        ["listen", 3, ["1"], "ok"],
        ["accept", 3, [], "fd 4, peer 127.0.0.1:56976"],
        ["recv", 4, ["1024"], "8 bytes b'hello c\\n'"],
        ["send", 4, ["b'HELLO C\\n'", "MSG_NOSIGNAL"], "8 bytes sent"],
        ["send", 4, ["b'\\x1b[31m\\n'"], "6 bytes sent"],
        ["shutdown", 4, ["SHUT_WR"], "ok"],
        ["close", 4, [], "ok"],
        ["close", 3, [], "ok"],
      ],
    );
    assert.equal(e[0]!.newFd, 3);
    assert.deepEqual([e[2]!.local, e[3]!.local], ["127.0.0.1:5004", "127.0.0.1:5004"]);
    assert.deepEqual([e[4]!.newFd, e[4]!.local, e[4]!.peer], [4, "127.0.0.1:5004", "127.0.0.1:56976"]);
    assert.deepEqual([e[5]!.bytes, e[5]!.local, e[5]!.peer], [8, "127.0.0.1:5004", "127.0.0.1:56976"]);
    assert.match(e[7]!.note ?? "", /write\(2\) on a socket: the same as send\(\) without flags/);
    assert.ok(e.every((x) => x.pid === 1007 && x.kind === "socket"), "strace's pid mapped to the tutor's");
  });

  it("each call starts at strace's stamp and ends after its duration (-T), in order, one seq for both", () => {
    const all = eventsOf(SERVER);
    const accept = all.filter((x) => x.call === "accept");
    assert.deepEqual(accept.map((x) => x.phase), ["start", "end"]);
    assert.equal(accept[0]!.seq, accept[1]!.seq);
    assert.equal(accept[0]!.t, 1796179827918.23);
    assert.ok(Math.abs(accept[1]!.t - (1796179827918.23 + 307)) < 0.01, String(accept[1]!.t));
    const seqs = ends(all).map((x) => x.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
  });

  it("a call that blocks is shown while it waits, then ends with the same seq and no second start", () => {
    const out: CallEvent[] = [];
    const ev = new StraceCallEvents("program", (p) => p, (e) => out.push(e), () => 0);
    const parser = new StraceParser();
    parser.push("7 1796179827.918230 accept4(3<TCP:[127.0.0.1:5004]>, ");
    for (const c of parser.pending()) ev.started(c);
    for (const c of parser.pending()) ev.started(c); // polled again: not a second start
    assert.deepEqual(out.map((x) => [x.phase, x.call, x.fd]), [["start", "accept", 3]]);
    for (const c of parser.push('{sa_family=AF_INET, sin_port=htons(4242), sin_addr=inet_addr("127.0.0.1")}, [16], SOCK_CLOEXEC) = 4<TCP:[127.0.0.1:5004->127.0.0.1:4242]> <1.500000>\n')) ev.finished(c);
    assert.deepEqual(out.map((x) => [x.phase, x.seq]), [["start", 1], ["end", 1]]);
    assert.equal(out[1]!.result, "fd 4, peer 127.0.0.1:4242");
    assert.deepEqual(out[1]!.args, ["SOCK_CLOEXEC"]);
  });

  it("a failed call: errno and the OS message, no result", () => {
    const [e] = ends(eventsOf('9 1796179827.0 connect(3<TCP:[55]>, {sa_family=AF_INET6, sin6_port=htons(8000), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = -1 ECONNREFUSED (Connection refused) <0.000100>\n'));
    assert.deepEqual([e!.call, e!.args, e!.errno, e!.error, e!.result, e!.peer], ["connect", ["[::1]:8000"], "ECONNREFUSED", "Connection refused", undefined, "[::1]:8000"]);
  });

  it("UDP: sendto and recvfrom with their addresses", () => {
    const e = ends(
      eventsOf(`9 1796179821.000000 sendto(3<UDP:[127.0.0.1:4000]>, "ping", 4, 0, {sa_family=AF_INET, sin_port=htons(9000), sin_addr=inet_addr("127.0.0.1")}, 16) = 4 <0.000010>
9 1796179822.000000 recvfrom(3<UDP:[127.0.0.1:4000]>, "pong", 2048, 0, {sa_family=AF_INET, sin_port=htons(9000), sin_addr=inet_addr("127.0.0.1")}, [16]) = 4 <0.000010>
`),
    );
    assert.deepEqual(
      e.map((x) => [x.call, x.args, x.result, x.local, x.peer]),
      [
        ["sendto", ["b'ping'", "127.0.0.1:9000"], "4 bytes sent", "127.0.0.1:4000", "127.0.0.1:9000"],
        ["recvfrom", ["2048"], "4 bytes b'pong' from 127.0.0.1:9000", "127.0.0.1:4000", "127.0.0.1:9000"],
      ],
    );
  });

  it("the program's bytes are shown escaped: data, a Unix path, a cut string, an over-long one", () => {
    const e = ends(
      eventsOf(`9 1796179821.000000 bind(3<UNIX-STREAM:[77]>, {sa_family=AF_UNIX, sun_path="/tmp/\\33]0;pwned\\7.sock"}, 110) = 0 <0.000010>
9 1796179822.000000 write(3<UNIX-STREAM:[77->78]>, "\\33[2J\\0\\377"..., 4096) = 4096 <0.000010>
9 1796179823.000000 read(3<UNIX-STREAM:[77->78]>, "${"A".repeat(5000)}"..., 65536) = 65536 <0.000010>
`),
    );
    const text = JSON.stringify(e);
    assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(e.map((x) => x.args.join(" ") + (x.result ?? "")).join("")), "no control character in what is shown");
    assert.match(e[0]!.args[0]!, /^\/tmp\/\\x1b\]0;pwned\\x07\.sock$/);
    assert.deepEqual(e[1]!.args, ["b'\\x1b[2J\\x00\\xff'..."]);
    assert.equal(e[1]!.bytes, 4096);
    assert.ok(e[2]!.result!.length <= 400, "cut to the views' limit");
    assert.ok(text.length < 4000);
  });

  it("leaves out what is not the program's socket calls: stdio, epoll bookkeeping", () => {
    const e = eventsOf(`9 1796179821.000000 write(1<pipe:[5]>, "hi", 2) = 2 <0.000010>
9 1796179822.000000 epoll_ctl(5<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, 3<TCP:[127.0.0.1:80]>, {events=EPOLLIN, data={u32=3, u64=3}}) = 0 <0.000010>
9 1796179823.000000 poll([{fd=3<TCP:[127.0.0.1:80]>, events=POLLIN}], 1, -1) = 1 ([{fd=3, revents=POLLIN}]) <0.000010>
`);
    assert.deepEqual(ends(e).map((x) => [x.call, x.kind]), [["poll", "select"]]);
  });
});

describe("the tutor's plumbing", () => {
  it("a copy of a standard stream (perror() writes through dup(2)) is not shown as the program's socket", () => {
    const out: CallEvent[] = [];
    const ev = new StraceCallEvents("program", (p) => p, (e) => out.push(e), () => 0, new Set([4242]));
    const text = `9 1796179821.000000 write(4<UNIX-STREAM:[4242->4243]>, "connect: Connection refused\\n", 28) = 28 <0.000010>
9 1796179822.000000 close(4<UNIX-STREAM:[4242->4243]>) = 0 <0.000010>
9 1796179823.000000 write(5<UNIX-STREAM:[5555->5556]>, "mine", 4) = 4 <0.000010>
`;
    for (const c of parseStraceText(text)) ev.finished(c);
    assert.deepEqual(out.filter((e) => e.phase === "end").map((e) => [e.call, e.fd]), [["send", 5]]);
  });
});

describe("strace's notation", () => {
  it("splits arguments at top-level commas only", () => {
    assert.deepEqual(splitArgs('3<TCP:[1]>, {sa_family=AF_INET, sin_port=htons(1)}, "a, b\\"c", [16]'), ["3<TCP:[1]>", "{sa_family=AF_INET, sin_port=htons(1)}", '"a, b\\"c"', "[16]"]);
  });

  it("reads C strings (octal, hex, named escapes) and writes Python bytes literals", () => {
    assert.deepEqual(cString('"a\\n\\0\\177\\x41\\\\"...'), { bytes: [97, 10, 0, 127, 0x41, 92], truncated: true });
    assert.equal(cString("NULL"), undefined);
    assert.equal(bytesLiteral([104, 105, 10]), "b'hi\\n'");
    assert.equal(bytesLiteral([39]), `b"'"`);
    assert.equal(bytesLiteral([39, 34]), `b'\\'"'`);
  });

  it("names addresses as the table does, and an inode as nothing", () => {
    assert.equal(sockaddrText('{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("10.0.0.1")}'), "10.0.0.1:80");
    assert.equal(sockaddrText("{sa_family=AF_UNSPEC}"), undefined);
    assert.deepEqual(labelEnds("TCPv6:[[::1]:8000->[::1]:4000]"), { local: "[::1]:8000", peer: "[::1]:4000" });
    assert.deepEqual(labelEnds("TCP:[16584236]"), {});
    assert.deepEqual(labelEnds("UNIX-STREAM:[1->2]"), {});
  });
});
