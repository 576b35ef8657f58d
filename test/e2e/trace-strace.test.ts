/**
 * `socket-tutor trace -- <C program>` in the live view, in a real terminal (tmux) at
 * 80x24: the program's calls come from strace (socket, bind, listen, then accept()
 * waiting), the built-in client sends a typed line, the server's recv() and send()
 * show; the view says the program cannot be stepped (header, note, and what a step key
 * says), and nothing is left running after q.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { sandboxSupport } from "../../src/sandbox/namespace.js";
import { cliPath, tempHome } from "../support/cli.js";
import { hasTmux, TmuxSession } from "../support/tmux.js";

const support = await sandboxSupport();
const skip = !hasTmux()
  ? "tmux is not installed"
  : spawnSync("cc", ["--version"]).status !== 0
    ? "no C compiler (cc)"
    : spawnSync("strace", ["-f", "-qq", "-e", "trace=none", "true"]).status !== 0
      ? "strace cannot run here"
      : !support.available
        ? `no private networks here (${support.reason})`
        : false;

const dir = mkdtempSync(path.join(os.tmpdir(), "st-trace-e2e-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const SERVER = `#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
int main(void) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons(6000);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(s, (struct sockaddr *)&a, sizeof a) < 0) return 1;
  listen(s, 1);
  for (;;) {
    int c = accept(s, NULL, NULL);
    char buf[256];
    ssize_t n = recv(c, buf, sizeof buf, 0);
    if (n > 0) send(c, buf, (size_t)n, 0);
    close(c);
  }
}
`;

const squash = (s: string): string => s.replace(/[\s│]+/g, " ");
/** The program's pane (the left half), squashed: a call and its result may be on two lines. */
const left = (s: string): string => squash(s.split("\n").map((l) => [...l].slice(0, 40).join("")).join("\n"));

/** Processes whose command line names this test's folder. */
function leftovers(): string[] {
  const out: string[] = [];
  for (const pid of readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
      if (cmd.includes(dir)) out.push(`${pid} ${cmd}`);
    } catch {
      // gone
    }
  }
  return out;
}

describe("trace of a C program in the live view", { skip }, () => {
  it("80x24: strace's calls in the pane, a typed line reaches the server, no stepping, nothing left after q", async () => {
    const src = path.join(dir, "loop.c");
    writeFileSync(src, SERVER);
    const exe = path.join(dir, "loop");
    assert.equal(spawnSync("cc", ["-o", exe, src]).status, 0);
    const home = tempHome();
    const t = await TmuxSession.start([process.execPath, cliPath, "trace", "--", exe], { width: 80, height: 24, env: { SOCKET_TUTOR_HOME: home } });
    try {
      let screen = await t.waitFor((s) => /accept\(fd 3\)/.test(s) && /connected to 127\.0\.0\.1 6000/.test(squash(s)), 15_000);
      assert.match(screen.split("\n")[0] ?? "", /Tracing loop {2}strace · /, "the header names strace, not a runtime");
      assert.match(screen, /Run under strace: it cannot be held before a call \(run only, no stepping\)\./);
      assert.match(left(screen), /accept\(fd 3\)/, "the server's calls are in its pane");
      assert.doesNotMatch(screen.split("\n").at(-1) ?? "", /step/, "the key bar offers no stepping");
      assert.ok(screen.split("\n").every((l) => [...l].length <= 80), "nothing wider than the terminal");

      await t.keys("Space");
      await t.waitForWrapped("runs under strace, which cannot hold it before a call");

      // i types into the pane in focus (the program's); Tab: the built-in client's.
      await t.keys("i");
      await t.waitFor(/TYPING {2}to program/);
      await t.keys("Tab");
      await t.waitFor(/TYPING {2}to client/);
      await t.type("hello tui");
      await t.keys("Enter");
      screen = await t.waitFor((s) => /send\(fd 4, b'hello tui\\n'\) → 10 bytes sent/.test(left(s)) && /got "hello tui\\n"/.test(s), 15_000);
      assert.match(screen, /LISTEN .* program( \d+)? fd 3/, "the listener is the program's in the table");
      assert.ok(screen.split("\n").every((l) => [...l].length <= 80), "nothing wider than the terminal");

      // Typing goes on after Enter, until Esc or the client's end (it ends once the program
      // closes the connection): wait for that, so q is not typed into the line. (No Esc: an
      // Esc and a q the view reads together, on a busy machine, are Alt-q.)
      await t.waitFor((s) => !/TYPING/.test(s), 10_000);
      await t.keys("q");
      assert.equal(await t.exitCode(10_000), 0);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
    const until = Date.now() + 5000;
    while (leftovers().length && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(leftovers(), []);
  });
});
