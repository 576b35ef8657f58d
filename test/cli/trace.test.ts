/**
 * `socket-tutor trace`: a learner's Python or JavaScript server run like a demo, in
 * plain text: its socket calls, the built-in client that connects to it and sends the
 * lines on standard input, the packets in order with the calls, and nothing left
 * running after. A file name with spaces and a terminal escape is shown escaped. A C
 * program (compiled here with cc) runs under strace: the same calls in order, with
 * their fds and addresses, and no stepping; without strace, trace says so.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { sandboxSupport } from "../../src/sandbox/namespace.js";
import { runCli, tempHome } from "../support/cli.js";
import { pythonSkip } from "../demo/lesson-demo-helpers.js";

const support = await sandboxSupport();
const noSandbox = support.available ? false : `no private networks here (${support.reason})`;
const dir = mkdtempSync(path.join(os.tmpdir(), "socket-tutor-trace-test-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const PY = `import socket
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.bind(("127.0.0.1", 5000))
srv.listen(1)
conn, addr = srv.accept()
data = conn.recv(1024)
conn.sendall(data.upper())
conn.close()
srv.close()
`;
const JS = `import net from "node:net";
const srv = net.createServer((conn) => {
  conn.once("data", (d) => { conn.end(d.toString().toUpperCase()); srv.close(); });
});
srv.listen(5001, "127.0.0.1");
`;

/** The SOCKET_TUTOR_HOME of each run in this file: its built-in clients carry it in their environment. */
const homes = new Set<string>();
function home(): string {
  const h = tempHome();
  homes.add(h);
  return h;
}

/** A client of another test file's run (they run at the same time) is not this file's leftover. */
function ofThisFile(pid: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").some((v) => v.startsWith("SOCKET_TUTOR_HOME=") && homes.has(v.slice("SOCKET_TUTOR_HOME=".length)));
  } catch {
    return false; // gone
  }
}

/** Processes of this file's runs: the traced programs (their command line names this test's folder) and the built-in client. */
function leftovers(): string[] {
  const out: string[] = [];
  for (const pid of readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
      const client = cmd.includes("socket_tutor_client") || cmd.includes("socket-tutor-client");
      if (cmd.includes(dir) || (client && ofThisFile(pid))) out.push(`${pid} ${cmd}`);
    } catch {
      // gone
    }
  }
  return out;
}

/** The Timeline section of a --plain run. */
function timeline(out: string): string {
  const lines = out.split("\n");
  return lines.slice(lines.indexOf("Timeline") + 1, lines.indexOf("Kernel table at the end")).join("\n");
}

/** The lines in order: each wanted pattern after the one before. */
function inOrder(text: string, ...wanted: RegExp[]): void {
  const lines = text.split("\n");
  let at = -1;
  for (const w of wanted) {
    const i = lines.findIndex((l, k) => k > at && w.test(l));
    assert.ok(i > at, `${w} after line ${at + 1}:\n${text}`);
    at = i;
  }
}

function checkServerRun(out: string, hello: RegExp, upper: RegExp): void {
  inOrder(
    out,
    /^program +(listen\(|socket\()/,
    /^client +started: /,
    /^client +connect\(/,
    /^packet +client → program {2}SYN /,
    /^packet +program → client {2}SYN\+ACK /,
    /^packet +client → program {2}ACK /,
    /^packet +client → program {2}PSH\+ACK .*b'hello trace\\n'/,
    hello,
    upper,
    /^packet +program → client {2}PSH\+ACK .*b'HELLO TRACE\\n'/,
    /^packet +program → client {2}FIN\+ACK/,
  );
}

describe("trace --plain", { skip: noSandbox, concurrency: false }, () => {
  it("a Python server: its calls, the built-in client's line, the packets, nothing left after", { skip: pythonSkip }, async () => {
    const file = path.join(dir, "echo server\x1b[31m.py");
    writeFileSync(file, PY);
    const r = await runCli(["trace", file, "--plain", "--packets"], { input: "hello trace\n", env: { SOCKET_TUTOR_HOME: home() }, timeoutMs: 30_000 });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^Tracing echo server\\x1b\[31m\.py/, "the name escaped");
    assert.ok(!r.stdout.includes("\x1b"), "no raw escape reaches the terminal");
    checkServerRun(r.stdout, /^program +recv\(fd 4, 1024\) → 12 bytes b'hello trace\\n'/, /^program +sendall\(fd 4, b'HELLO TRACE\\n'\)/);
    assert.match(r.stdout, /^client +\| got b'HELLO TRACE\\n'/m);
    assert.deepEqual(leftovers(), []);
  });

  it("a JavaScript server, given as -- node <file>", async () => {
    const file = path.join(dir, "echo_server.mjs");
    writeFileSync(file, JS);
    const r = await runCli(["trace", "--plain", "--packets", "--", "node", file], { input: "hello trace\n", env: { SOCKET_TUTOR_HOME: home() }, timeoutMs: 30_000 });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    checkServerRun(r.stdout, /^program +recv\(fd \d+\) → 12 bytes b'hello trace\\n'/, /^program +send\(fd \d+, b'HELLO TRACE\\n'\)/);
    assert.deepEqual(leftovers(), []);
  });

  it("a server that never exits is stopped with the tutor: nothing left running", { skip: pythonSkip }, async () => {
    const file = path.join(dir, "forever.py");
    writeFileSync(file, "import socket, time\ns = socket.socket()\ns.bind(('127.0.0.1', 5002))\ns.listen(1)\nwhile True:\n    c, a = s.accept()\n    c.sendall(b'hi')\n    c.close()\n");
    const { spawn } = await import("node:child_process");
    const { cliPath } = await import("../support/cli.js");
    const child = spawn(process.execPath, [cliPath, "trace", file, "--plain"], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, SOCKET_TUTOR_HOME: home() } });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    const deadline = Date.now() + 15_000;
    while (!/client +\| got b'hi'/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.match(out, /client +\| got b'hi'/);
    child.kill("SIGINT");
    await new Promise((r) => child.on("close", r));
    const until = Date.now() + 5_000;
    while (leftovers().length && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(leftovers(), []);
  });
});

const noCc = spawnSync("cc", ["--version"]).status === 0 ? false : "no C compiler (cc)";
const noStrace = spawnSync("strace", ["-f", "-qq", "-e", "trace=none", "true"]).status === 0 ? false : "strace cannot run here";

/** A C echo server on port 5003: upper-cases one message, then sends a terminal escape, shuts down and closes. */
const C_SERVER = `#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
int main(void) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons(5003);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(s, (struct sockaddr *)&a, sizeof a) < 0) return 1;
  listen(s, 1);
  int c = accept(s, NULL, NULL);
  char buf[1024];
  ssize_t n = recv(c, buf, sizeof buf, 0);
  for (ssize_t i = 0; i < n; i++) if (buf[i] >= 'a' && buf[i] <= 'z') buf[i] -= 32;
  send(c, buf, (size_t)n, 0);
  write(c, "\\033[31m", 5);
  shutdown(c, SHUT_WR);
  close(c);
  close(s);
  return 0;
}
`;

/** The socket calls of the C server, in order, with its fds and addresses. */
function checkCServer(out: string): void {
  inOrder(
    out,
    /^program +socket\(AF_INET, SOCK_STREAM\) → fd 3$/,
    /^program +setsockopt\(fd 3, SOL_SOCKET, SO_REUSEADDR, 1\) → ok$/,
    /^program +bind\(fd 3, 127\.0\.0\.1:5003\) → ok$/,
    /^program +listen\(fd 3, 1\) → ok$/,
    /^program +accept\(fd 3\) → fd 4, peer 127\.0\.0\.1:\d+/,
    /^program +recv\(fd 4, 1024\) → 12 bytes b'hello trace\\n'$/,
    /^program +send\(fd 4, b'HELLO TRACE\\n'\) → 12 bytes sent$/,
    /^program +send\(fd 4, b'\\x1b\[31m'\) → 5 bytes sent$/,
    /^program +shutdown\(fd 4, SHUT_WR\) → ok$/,
    /^program +close\(fd 4\) → ok$/,
    /^program +close\(fd 3\) → ok$/,
    /^program +exited \(status 0\)/,
  );
}

describe("trace of a program with no tracer of its language: strace", { skip: noSandbox || noCc || noStrace, concurrency: false }, () => {
  it("a C server (compiled here with cc), as -- <executable>: its calls in order with fds and addresses, the client's packets, nothing left after", async () => {
    const src = path.join(dir, "server.c");
    writeFileSync(src, C_SERVER);
    const exe = path.join(dir, "server");
    assert.equal(spawnSync("cc", ["-o", exe, src]).status, 0);
    const r = await runCli(["trace", "--plain", "--packets", "--", exe], { input: "hello trace\n", env: { SOCKET_TUTOR_HOME: home() }, timeoutMs: 30_000 });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^Tracing server/);
    assert.match(r.stdout, /run only, no stepping/);
    assert.match(r.stdout, /^program +started: .*server under strace \(pid \d+\)$/m);
    checkCServer(r.stdout);
    inOrder(r.stdout, /^program +started: /, /^program +socket\(/);
    // The packets among themselves; against the calls, in the timeline: the record in true order
    // (a packet's line may come more than the plain view's hold late on a busy machine).
    inOrder(
      r.stdout,
      /^packet +client → program {2}SYN /,
      /^packet +program → client {2}SYN\+ACK /,
      /^packet +client → program {2}ACK /,
      /^packet +client → program {2}PSH\+ACK .*b'hello trace\\n'/,
      /^packet +program → client {2}PSH\+ACK .*b'HELLO TRACE\\n'/,
      /^packet +program → client {2}PSH\+ACK .*b'\\x1b\[31m'/,
      /^packet +program → client {2}FIN\+ACK/,
    );
    // Only orders a run cannot change: strace stamps a call a few microseconds off, so an accept() or a
    // recv() that a packet wakes may come just before that packet (and a slow accept() after the data).
    inOrder(timeline(r.stdout), /^ {2}listen\(fd 3, 1\) → ok/, /◀─+ SYN ─/, /─ SYN\+ACK ─+▶/, /◀─+ ACK ─/, /◀─+ PSH\+ACK 12 ─/, /─ PSH\+ACK 12 ─+▶/, /─ PSH\+ACK 5 ─+▶/);
    inOrder(timeline(r.stdout), /^ {2}listen\(fd 3, 1\) → ok/, /^ {2}accept\(fd 3\) → fd 4/, /^ {2}recv\(fd 4, 1024\) → 12 bytes/, /^ {2}send\(fd 4, b'HELLO TRACE\\n'\) → 12 bytes sent/, /─ PSH\+ACK 12 ─+▶/);
    assert.ok(!r.stdout.includes("\x1b"), "the program's escape is shown escaped, never sent to the terminal");
    assert.deepEqual(leftovers(), []);
  });

  it("a .c file is built with cc first, and --step says it cannot step", async () => {
    const src = path.join(dir, "echo server.c");
    writeFileSync(src, C_SERVER);
    const r = await runCli(["trace", src, "--plain", "--step"], { input: "hello trace\n", env: { SOCKET_TUTOR_HOME: home() }, timeoutMs: 30_000 });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^Tracing echo server\.c/);
    assert.match(r.stdout, /^note: Run under strace: it cannot be held before a call \(run only, no stepping\)\.$/m);
    assert.match(r.stdout, /run mode\)$/m, "the run is in run mode, not step mode");
    assert.match(r.stdout, /^program +started: \.\/echo server \(cc echo server\.c\) under strace/m);
    checkCServer(r.stdout);
    assert.deepEqual(leftovers(), []);
  });
});

describe("trace of a program without a tracer", () => {
  it("without strace: says so, what it would need, and where to check; no stack trace", async () => {
    const exe = path.join(dir, "no-strace-here");
    writeFileSync(exe, "#!/bin/sh\nexit 0\n", { mode: 0o755 });
    const r = await runCli(["trace", "--plain", "--", exe], { env: { SOCKET_TUTOR_HOME: home(), PATH: path.join(dir, "empty-path") } });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /no-strace-here is not a Python or JavaScript program: socket-tutor shows the socket calls of such a program with strace, and strace cannot run here: strace is not installed/);
    assert.match(r.stderr, /doctor checks this machine/);
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, "no stack trace");
  });

  it("a missing file, and no program at all, are told apart", async () => {
    const missing = await runCli(["trace", path.join(dir, "nope.py"), "--plain"]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /There is no file .*nope\.py/);
    const none = await runCli(["trace", "--plain"]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Which program\?/);
  });
});

describe("demo --plain --step --packets, one side held", { skip: noSandbox || pythonSkip }, () => {
  it("'client' Enter steps only the client: the handshake completes while the server is held before accept()", async () => {
    const { spawn } = await import("node:child_process");
    const { cliPath } = await import("../support/cli.js");
    const child = spawn(process.execPath, [cliPath, "demo", "tcp-step-by-step", "--plain", "--step", "--packets", "--runtime", "python"], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1", SOCKET_TUTOR_HOME: home() } });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    const waitFor = async (re: RegExp): Promise<void> => {
      const deadline = Date.now() + 10_000;
      while (!re.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 30));
      assert.match(out, re);
    };
    try {
      for (const call of ["socket", "bind", "listen"]) {
        await waitFor(new RegExp(`server +paused before ${call}\\(`));
        child.stdin.write("server\n");
      }
      await waitFor(/server +paused before accept\(/);
      await waitFor(/client +paused before socket\(/);
      child.stdin.write("client\n");
      await waitFor(/client +paused before connect\(/);
      child.stdin.write("client\n");
      await waitFor(/packet +client → server {2}ACK /);
      inOrder(out, /server +paused before accept\(/, /client +connect\(.*→ ok/, /packet +client → server {2}SYN /, /packet +server → client {2}SYN\+ACK /, /packet +client → server {2}ACK /);
      assert.doesNotMatch(out, /server +accept\(fd 3\)/, "accept() has not even started");
    } finally {
      child.stdin.end("r\n");
      await new Promise((r) => child.on("close", r));
    }
  });
});
