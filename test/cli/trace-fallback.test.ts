/**
 * `trace` without a private network (SOCKET_TUTOR_SANDBOX=off, as on a machine without
 * user namespaces): the learner's program runs under the fallback's subreaper, so nothing
 * it started outlives the tutor — not a C program under strace when the tutor is killed
 * with -9 (strace would stay, and its program with it, holding the port), not a
 * grandchild that left its process group with setsid(), whether the tutor is killed or
 * the program ends by itself. And the run's summary says it shares this machine's
 * network, instead of promising a private one.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { straceAvailable } from "../../src/kernel/strace.js";
import { subreaperWrap } from "../../src/sandbox/reaper.js";
import { cliPath, runCli, tempHome } from "../support/cli.js";
import { running, until } from "../support/process.js";
import { pythonSkip } from "../demo/lesson-demo-helpers.js";

const env = { SOCKET_TUTOR_SANDBOX: "off", NO_COLOR: "1" };
const noReaper = (await subreaperWrap()) === undefined ? "the fallback has no subreaper here (not Linux, or no python3): README says what it cannot end" : false;
const noCc = spawnSync("cc", ["--version"]).status === 0 ? false : "no C compiler here";
const noStrace = (await straceAvailable()) ? false : "strace cannot run here";
const dir = mkdtempSync(path.join(os.tmpdir(), "socket-tutor-trace-fallback-"));
after(() => rmSync(dir, { recursive: true, force: true }));

// A server that listens on $PORT (the port the run chose) and accepts for ever; it writes its pid first.
const C_SERVER = `#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
int main(void) {
  FILE *f = fopen(getenv("PID_FILE"), "w");
  fprintf(f, "%d", (int)getpid());
  fclose(f);
  int s = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons((unsigned short)atoi(getenv("PORT")));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(s, (struct sockaddr *)&a, sizeof a) != 0 || listen(s, 5) != 0) return 1;
  for (;;) {
    int c = accept(s, NULL, NULL);
    if (c >= 0) close(c);
  }
}
`;

// Its grandchild leaves the group and the session (double fork + setsid), listens on a port of
// its own and writes "pid port"; the program then listens on $PORT and waits, or (EXIT=1) exits.
const PY_ESCAPES = `import os, socket, time
r, w = os.pipe()
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        s.listen()
        os.write(w, f"{os.getpid()} {s.getsockname()[1]}".encode())
        os.close(w)
        time.sleep(120)
    os._exit(0)
os.close(w)
with open(os.environ["PID_FILE"], "w") as f:
    f.write(os.read(r, 100).decode())
if os.environ.get("EXIT") == "1":
    raise SystemExit(0)
srv = socket.socket()
srv.bind(("127.0.0.1", int(os.environ["PORT"])))
srv.listen()
time.sleep(120)
`;

function listening(port: number): boolean {
  return spawnSync("ss", ["-ltnH", `sport = :${port}`], { encoding: "utf8" }).stdout.trim() !== "";
}

/** Processes whose command line names this test's folder. */
function leftovers(): string[] {
  const out = spawnSync("ps", ["-eo", "pid=,stat=,args="], { encoding: "utf8" }).stdout;
  return out.split("\n").filter((l) => l.includes(dir) && !/^\s*\d+\s+Z/.test(l));
}

function startTrace(args: string[], extra: NodeJS.ProcessEnv): { tutor: ChildProcess; out: () => string; exited: Promise<void> } {
  const tutor = spawn(process.execPath, [cliPath, "trace", "--plain", ...args], {
    cwd: dir,
    env: { ...process.env, ...env, SOCKET_TUTOR_HOME: tempHome(), ...extra },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  tutor.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  tutor.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => tutor.on("exit", () => resolve()));
  return { tutor, out: () => out, exited };
}

/** The port the run gave the program ("… port N, run mode)" in the header). */
function runPort(out: string): number {
  const m = /, port (\d+), run mode\)/.exec(out);
  assert.ok(m, out);
  return Number(m[1]);
}

describe("trace without a private network: nothing outlives the tutor", { skip: noReaper, concurrency: false }, () => {
  it("kill -9 of the tutor during a C program under strace: strace and the program are gone within 2 s, its port is free", { skip: noCc || noStrace }, async () => {
    const src = path.join(dir, "forever.c");
    writeFileSync(src, C_SERVER);
    const exe = path.join(dir, "forever");
    assert.equal(spawnSync("cc", ["-o", exe, src]).status, 0);
    const pidFile = path.join(dir, "c.pid");
    const t = startTrace(["--", exe], { PID_FILE: pidFile });
    let pid: number | undefined;
    try {
      await until("the program to run", () => existsSync(pidFile) && readFileSync(pidFile, "utf8") !== "", 15_000);
      pid = Number(readFileSync(pidFile, "utf8"));
      await until("the program's listen()", () => /listen\(fd 3, 5\) → ok/.test(t.out()), 15_000);
      const port = runPort(t.out());
      assert.ok(listening(port), `port ${port} is bound while it runs`);
      t.tutor.kill("SIGKILL");
      await t.exited;
      await until("the program to be gone", () => !running(pid!), 2000);
      await until("strace to be gone", () => leftovers().length === 0, 2000);
      await until(`port ${port} to be free`, () => !listening(port), 1000);
    } finally {
      t.tutor.kill("SIGKILL");
      if (pid !== undefined && running(pid)) process.kill(pid, "SIGKILL");
    }
  });

  for (const how of ["kill -9 of the tutor", "the program's own exit"] as const) {
    it(`${how}: a grandchild that called setsid() is gone too, and the port it held is free`, { skip: pythonSkip }, async () => {
      const file = path.join(dir, how.startsWith("kill") ? "escapes.py" : "escapes-exits.py");
      writeFileSync(file, PY_ESCAPES);
      const pidFile = `${file}.pid`;
      const t = startTrace([file], { PID_FILE: pidFile, EXIT: how.startsWith("kill") ? "0" : "1" });
      let pid: number | undefined;
      try {
        await until("the grandchild's pid file", () => existsSync(pidFile) && readFileSync(pidFile, "utf8").includes(" "), 15_000);
        const [grandchild, port] = readFileSync(pidFile, "utf8").split(" ").map(Number);
        pid = grandchild;
        if (how.startsWith("kill")) {
          await until("the run's header", () => /, port \d+, run mode\)/.test(t.out()), 15_000);
          const own = runPort(t.out());
          await until(`the program to listen on port ${own}`, () => listening(own), 15_000);
          t.tutor.kill("SIGKILL");
        } else {
          // The run ends when the program does (the built-in client is stopped then).
          t.tutor.stdin!.end();
        }
        await t.exited;
        await until("the grandchild to be gone", () => !running(pid!), 2000);
        await until(`port ${port} to be free`, () => !listening(port!), 1000);
        assert.deepEqual(leftovers(), []);
        if (!how.startsWith("kill")) assert.match(t.out(), /^program +exited \(status 0\)$/m, t.out());
      } finally {
        t.tutor.kill("SIGKILL");
        if (pid !== undefined && running(pid)) process.kill(pid, "SIGKILL");
      }
    });
  }

  it("the run's summary says it shares this machine's network, and promises no packets", { skip: pythonSkip }, async () => {
    const file = path.join(dir, "quick.py");
    writeFileSync(file, "print('hi')\n");
    const r = await runCli(["trace", "--plain", file], { env: { ...env, SOCKET_TUTOR_HOME: tempHome() }, timeoutMs: 30_000 });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Your program on this machine's network \(there is no private network here\)/);
    assert.doesNotMatch(r.stdout, /private network of its own/);
  });
});
