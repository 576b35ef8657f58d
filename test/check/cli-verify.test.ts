import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { shellQuote } from "../../src/util/invocation.js";
import { cliPath, runCli } from "../support/cli.js";
import { boundOnPort, exercisesDir, fixturesDir, processesMentioning, scratch } from "./support.js";

const tempHome = (): string => scratch("st-home-");

function tempDirWith(files: Record<string, string>): string {
  const dir = scratch("st-cli-");
  for (const [name, from] of Object.entries(files)) copyFileSync(from, path.join(dir, name));
  return dir;
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}

async function waitFor(what: string, test: () => boolean, ms = 10000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("socket-tutor verify (CLI)", { concurrency: 4 }, () => {
  it("passes a reference solution: exit 0, the checks listed, the exercise marked passed", async () => {
    const home = tempHome();
    const dir = tempDirWith({ "echo.py": path.join(exercisesDir, "tcp-echo/solution.py") });
    const r = await runCli(["verify", "tcp-echo", "echo.py"], { cwd: dir, env: { SOCKET_TUTOR_HOME: home } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Running python3 echo\.py in /);
    assert.match(r.stdout, /with HOST=127\.0\.0\.1 PORT=\d+/);
    assert.match(r.stdout, /✓ starts and listens on HOST:PORT/);
    assert.match(r.stdout, /Passed: all 5 checks\. tcp-echo is marked as passed\./);
    const progress = JSON.parse(readFileSync(path.join(home, "progress.json"), "utf8"));
    assert.equal(progress.exercises["tcp-echo"].passed, true);
    assert.equal(progress.exercises["tcp-echo"].attempts, 1);
    assert.match(progress.exercises["tcp-echo"].passedAt, /^\d{4}-\d\d-\d\dT/);
    const list = await runCli(["list"], { env: { SOCKET_TUTOR_HOME: home } });
    assert.match(list.stdout, /tcp-echo .*passed/);
  });

  it("fails a wrong program: exit 1, the failed check explained, attempts counted, not passed", async () => {
    const home = tempHome();
    const dir = tempDirWith({ "echo.py": path.join(fixturesDir, "tcp-echo/single-recv.py") });
    const r = await runCli(["verify", "tcp-echo", "echo.py"], { cwd: dir, env: { SOCKET_TUTOR_HOME: home, COLUMNS: "200" } });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /✗ echoes a short message while the client stays connected/);
    assert.match(r.stdout, /✗ echoes 256 KiB byte for byte, then closes/);
    assert.match(r.stdout, /got 1024 of 262144 bytes back/);
    assert.match(r.stdout, /→ see lesson 8, /);
    assert.match(r.stdout, /Not yet: 1 of 5 checks passed\./);
    const progress = JSON.parse(readFileSync(path.join(home, "progress.json"), "utf8"));
    // What failed is kept for the next hint: the failed checks' hints, each once, in order, in the language of the file checked.
    assert.deepEqual(progress.exercises["tcp-echo"], { passed: false, attempts: 1, hintsShown: 0, failedHints: ["calls", "goodbye", "recv-loop"], language: "python" });
  });

  it("a failure prints the command that replays its seed, and that command fails the same check the same way", async () => {
    const home = tempHome();
    const dir = tempDirWith({ "client.py": path.join(fixturesDir, "tcp-client/read-once.py") });
    const env = { SOCKET_TUTOR_HOME: home, COLUMNS: "80", INIT_CWD: "" };
    const r = await runCli(["verify", "tcp-client", "client.py"], { cwd: dir, env });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    // One recv() gets seed 1's answer whole (one piece); seed 2 sends single bytes first.
    // The sentence wraps at 80 columns; the command is on a line of its own, never wrapped.
    assert.match(r.stdout.replace(/\s+/g, " "), /This failure came with the checker's traffic for seed 2\. To send exactly the same again, run:/);
    assert.match(r.stdout, /run:\n {2}\S.* verify tcp-client client\.py --seed 2\n/);
    const command = /\n {2}(.* verify tcp-client client\.py --seed 2)\n/.exec(r.stdout)![1]!;
    assert.ok(command.startsWith(`node ${shellQuote(cliPath)} `) || command.startsWith("socket-tutor "), command);
    const json = JSON.parse((await runCli(["verify", "tcp-client", "client.py", "--json"], { cwd: dir, env })).stdout) as { seeds: number[]; replay: string; checks: { name: string; passed: boolean; detail: string }[] };
    assert.deepEqual(json.seeds.slice(0, 4), [1, 2, 3, 4]);
    assert.equal(json.seeds.length, 5);
    assert.equal(json.replay, command);
    const again = JSON.parse((await runCli(["verify", "tcp-client", "client.py", "--seed", "2", "--json"], { cwd: dir, env })).stdout) as typeof json;
    assert.deepEqual(again.seeds, [2]);
    const first = (j: typeof json) => j.checks.find((c) => !c.passed)!;
    assert.equal(first(again).name, first(json).name);
    assert.equal(first(again).detail, first(json).detail, "the same pieces, the same failure, word for word");
    for (const bad of ["x", "1.5", "4294967296"]) {
      const u = await runCli(["verify", "tcp-client", "client.py", "--seed", bad], { cwd: dir, env });
      assert.equal(u.code, 2, u.stderr);
      assert.match(u.stderr, /--seed takes a whole number from 0 to 4294967295/);
    }
  });

  it("--json prints exactly { exercise, passed, seeds, checks: [{ name, passed, detail }] } (and replay after a seeded failure)", async () => {
    const dir = tempDirWith({ "upper.py": path.join(fixturesDir, "udp-upper/small-buffer.py") });
    const r = await runCli(["verify", "udp-upper", "upper.py", "--json"], { cwd: dir, env: { SOCKET_TUTOR_HOME: tempHome() } });
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    // UDP has no pieces: no check of udp-upper fails under a seed.
    assert.deepEqual(Object.keys(report), ["exercise", "passed", "seeds", "checks"]);
    assert.equal(report.exercise, "udp-upper");
    assert.equal(report.passed, false);
    const checks = report.checks as Record<string, unknown>[];
    assert.equal(checks.length, 6);
    for (const c of checks) assert.deepEqual(Object.keys(c), ["name", "passed", "detail"]);
    const failed = checks.find((c) => c.passed === false)!;
    assert.match(String(failed.name), /1400-byte datagram/);
    assert.match(String(failed.detail), /got the first 1024 of 1400 bytes/);
    assert.match(String(failed.detail), /Hint: see lesson 9, UDP/);
  });

  it("usage errors exit 2 with the closest valid names", async () => {
    // INIT_CWD (set by npm) would say where the learner typed the command: here, the folder each runs in.
    const env = { SOCKET_TUTOR_HOME: tempHome(), INIT_CWD: "" };
    const unknown = await runCli(["verify", "tcp-eco", "x.py"], { env });
    assert.equal(unknown.code, 2, unknown.stderr);
    assert.match(unknown.stderr, /no exercise 'tcp-eco'\. Did you mean 'tcp-echo'\?/);
    const dir = tempDirWith({ "tcp-echo.py": path.join(exercisesDir, "tcp-echo/starter.py") });
    const missing = await runCli(["verify", "tcp-echo", "tcp-ecoh.py"], { cwd: dir, env });
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(missing.stderr, /no file 'tcp-ecoh\.py' here .*Did you mean 'tcp-echo\.py'\?/);
    writeFileSync(path.join(dir, "prog.rb"), "puts 1\n");
    const notExec = await runCli(["verify", "tcp-echo", "prog.rb"], { cwd: dir, env });
    assert.equal(notExec.code, 2, notExec.stderr);
    assert.match(notExec.stderr, /'prog\.rb' is not executable/);
    // A command printed for the learner runs as printed: outside the package that is `node /abs/path/cli.js …` (see test/text/invocation.test.ts).
    assert.ok(notExec.stderr.includes(`node ${shellQuote(cliPath)} verify <exercise> -- <command> prog.rb`), notExec.stderr);
    const both = await runCli(["verify", "tcp-echo", "a.py", "--", "./a"], { cwd: dir, env });
    assert.equal(both.code, 2, both.stderr);
    assert.match(both.stderr, /either a file .* or a command after --/);
    for (const r of [unknown, missing, notExec, both]) assert.doesNotMatch(r.stderr, /\bat .*\.js:\d+/, "no stack trace");
  });

  it("without python3 on PATH, a .py file gets a clear message (exit 1)", async () => {
    const dir = tempDirWith({ "echo.py": path.join(exercisesDir, "tcp-echo/solution.py") });
    const r = await runCli(["verify", "tcp-echo", "echo.py"], { cwd: dir, env: { SOCKET_TUTOR_HOME: tempHome(), PATH: dir } });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /python3 was not found on your PATH/);
    assert.match(r.stderr, /-- \/path\/to\/python echo\.py/);
  });

  it("runs any command after --: a C echo server compiled with cc passes", async (t) => {
    let cc: string | undefined;
    try {
      cc = execFileSync("sh", ["-c", "command -v cc || command -v gcc || command -v clang"], { encoding: "utf8" }).trim().split("\n")[0];
    } catch {
      cc = undefined;
    }
    if (!cc) {
      t.skip("no C compiler (cc, gcc or clang) on this machine: the '--' path with a compiled program is not tested here");
      return;
    }
    const dir = tempDirWith({ "echo.c": path.join(fixturesDir, "tcp-echo/echo.c") });
    execFileSync(cc, ["-O2", "-o", path.join(dir, "echo"), path.join(dir, "echo.c")]);
    const r = await runCli(["verify", "tcp-echo", "--json", "--", "./echo"], { cwd: dir, env: { SOCKET_TUTOR_HOME: tempHome() } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(JSON.parse(r.stdout).passed, true);
    assert.deepEqual(processesMentioning(path.join(dir, "echo")), []);
  });

  it("bounds the program's output: 5 MB printed, 200 lines shown, the rest counted", async () => {
    const dir = tempDirWith({ "noisy.py": path.join(fixturesDir, "tcp-echo/noisy.py") });
    const r = await runCli(["verify", "tcp-echo", "noisy.py"], { cwd: dir, env: { SOCKET_TUTOR_HOME: tempHome() }, timeoutMs: 30000 });
    assert.equal(r.code, 0, r.stdout.slice(-3000) + r.stderr);
    const shown = r.stdout.split("\n").filter((l) => l.startsWith("[your program] xxx"));
    assert.equal(shown.length, 200);
    assert.match(r.stdout, /\[your program\] … 4\.\d MiB more output not shown/);
    assert.ok(r.stdout.length < 64 * 1024, `stdout is ${r.stdout.length} bytes`);
  });

  for (const [signal, unix] of [
    ["SIGTERM", false],
    ["SIGINT", false],
    ["SIGTERM", true],
    ["SIGHUP", false],
  ] as const) {
    it(`${signal} to the checker mid-check stops the program and its children${unix ? " and removes the socket folder" : ""}`, async () => {
      const dir = tempDirWith({ "silent.py": path.join(fixturesDir, "common/silent-server.py") });
      const pidfile = path.join(dir, "pids");
      const child = spawn(process.execPath, [cliPath, "verify", unix ? "unix-echo" : "tcp-echo", "silent.py"], {
        cwd: dir,
        env: { ...process.env, SOCKET_TUTOR_HOME: tempHome(), PIDFILE: pidfile, NO_COLOR: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code, sig) => resolve(code ?? (sig ? 128 : null))));
      // Wait until the second check is under way: the server listens and has been connected to.
      await waitFor("the first check to pass", () => /✓ starts and listens/.test(out));
      await waitFor("the pid file", () => existsSync(pidfile));
      const [pid, grandchild, where] = readFileSync(pidfile, "utf8").trim().split(" ");
      assert.ok(alive(Number(pid)) && alive(Number(grandchild)), "the program and its child run while the check waits");
      child.kill(signal);
      const code = await exited;
      assert.equal(code, { SIGTERM: 143, SIGINT: 130, SIGHUP: 129 }[signal]);
      await waitFor("the program and its child to be gone", () => !alive(Number(pid)) && !alive(Number(grandchild)), 3000);
      // Without private networks the subreaper ends them, then itself, just after the tutor:
      // everything of the run is gone within the same bound.
      await waitFor("nothing of the run left", () => processesMentioning(dir).length === 0, 3000).catch(() => undefined);
      assert.deepEqual(processesMentioning(dir), []);
      if (unix) assert.equal(existsSync(path.dirname(where!)), false, "the private socket folder was removed");
      else {
        const [host, port] = [where!.slice(0, where!.lastIndexOf(":")), Number(where!.slice(where!.lastIndexOf(":") + 1))];
        assert.deepEqual(boundOnPort(host, port), []);
      }
    });
  }

  it("--watch re-runs when the file changes, and Ctrl-C stops it cleanly", async () => {
    const dir = tempDirWith({ "echo.py": path.join(fixturesDir, "tcp-echo/single-recv.py") });
    const child = spawn(process.execPath, [cliPath, "verify", "tcp-echo", "echo.py", "--watch"], {
      cwd: dir,
      env: { ...process.env, SOCKET_TUTOR_HOME: tempHome(), NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      await waitFor("the first run to fail", () => /Not yet: 1 of 5/.test(out) && /Watching echo\.py/.test(out));
      // An editor-style save: write a new file and rename it over the old one.
      const tmp = path.join(dir, ".echo.py.swp");
      writeFileSync(tmp, readFileSync(path.join(exercisesDir, "tcp-echo/solution.py")));
      execFileSync("mv", [tmp, path.join(dir, "echo.py")]);
      await waitFor("the second run to pass", () => /echo\.py changed, checking again/.test(out) && /Passed: all 5 checks/.test(out));
    } catch (err) {
      // A watch that never printed what was awaited must not outlive the test.
      child.kill("SIGKILL");
      throw new Error(`${(err as Error).message}; it printed:\n${out}`);
    }
    child.kill("SIGINT");
    assert.equal(await exited, 130);
    assert.match(out, /Stopped watching\./);
    assert.equal(out.match(/Checking tcp-echo/g)?.length, 2, "one run per change");
    assert.deepEqual(processesMentioning(dir), []);
  });
});
