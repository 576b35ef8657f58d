import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { cliPath, repoRoot, runCli, tempHome } from "../support/cli.js";
import { hasTmux, TmuxSession } from "../support/tmux.js";

const skip = !hasTmux() ? "tmux is not installed" : process.platform !== "linux" ? "reads /proc" : false;
const work = mkdtempSync(path.join(os.tmpdir(), "st-live-verify-"));
after(() => rmSync(work, { recursive: true, force: true }));
copyFileSync(path.join(repoRoot, "lessons", "exercises", "tcp-echo", "solution.py"), path.join(work, "echo.py"));
copyFileSync(path.join(repoRoot, "lessons", "exercises", "tcp-echo", "solution.mjs"), path.join(work, "echo.mjs"));
copyFileSync(path.join(repoRoot, "test", "fixtures", "exercises", "tcp-echo", "single-recv.py"), path.join(work, "single-recv.py"));
// The same program under another name for the 80x24 case: the tests run at once, and each
// checks by name that nothing of its own run is left.
copyFileSync(path.join(repoRoot, "test", "fixtures", "exercises", "tcp-echo", "single-recv.py"), path.join(work, "single-recv-80.py"));
copyFileSync(path.join(repoRoot, "test", "fixtures", "exercises", "common", "hostile-output.py"), path.join(work, "hostile.py"));

/** Traced learner programs (the tracer running `file`) still alive. */
function running(file: string): number[] {
  return readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .filter((pid) => {
      try {
        const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
        const traced = argv.some((a) => a.includes("socket_tutor_trace.py") || a.includes("tracers/node/preload.js"));
        return traced && argv.some((a) => a === file || a.endsWith(`/${file}`)) && readFileSync(`/proc/${pid}/cwd/${file}`).length >= 0 && path.resolve(`/proc/${pid}/cwd`) !== "";
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe("verify --live", { skip, concurrency: 2 }, () => {
  for (const [file, runtime] of [
    ["echo.py", "Python"],
    ["echo.mjs", "Node.js"],
  ] as const) {
    it(`runs the checks in the live view with the learner's ${runtime} program traced, and records the pass`, async () => {
      const home = tempHome();
      const t = await TmuxSession.start([process.execPath, cliPath, "verify", "tcp-echo", file, "--live"], { cwd: work, env: { SOCKET_TUTOR_HOME: home } });
      try {
        const screen = await t.waitFor(/Checking tcp-echo: echo\.\w+ .* · FINISHED/, 20_000);
        assert.match(screen, /─ your program · /);
        assert.match(screen, /─ checker · /);
        assert.match(screen, new RegExp(`${file} +pid \\d+`), "the learner's source pane");
        assert.match(screen, /Passed: all 5 checks\./);
        assert.match(screen, /recv\(until b''\) → 13 bytes b'still there\?/, "the checker's own calls are shown");
        assert.match(screen, /─ kernel socket table/);
        assert.match(screen, /│tcp +127\.0\.0\.1:\d+ +127\.0\.0\.1:\d+ +[A-Z_]+ /, "the kernel table shows the connections");
        await t.keys("q");
        assert.equal(await t.exitCode(10_000), 0);
        assert.match(t.screen(), /Passed: all 5 checks\. tcp-echo is marked as passed\./);
        const progress = JSON.parse(readFileSync(path.join(home, "progress.json"), "utf8")) as { exercises: Record<string, { passed: boolean }> };
        assert.equal(progress.exercises["tcp-echo"]?.passed, true);
        assert.deepEqual(running(file), []);
      } finally {
        t.close();
      }
    });
  }

  it("shows a failing program's calls and ends with the failure explained", async () => {
    const home = tempHome();
    const t = await TmuxSession.start([process.execPath, cliPath, "verify", "tcp-echo", "single-recv.py", "--live"], { cwd: work, env: { SOCKET_TUTOR_HOME: home } });
    try {
      // One recv() per connection fails four of the five checks since the checker's traffic comes in pieces.
      const screen = await t.waitFor(/ENDED: 4 of 5 checks failed/, 20_000);
      assert.match(screen, /recv\(fd 4, 1024\) → 1024 bytes|recv\(fd \d+, 1024\)/, "the learner's single recv(1024) is visible");
      await t.keys("q");
      assert.equal(await t.exitCode(10_000), 1);
      assert.match(t.screen().replace(/\s+/g, " "), /got 1024 of 262144 bytes/);
      assert.deepEqual(running("single-recv.py"), []);
    } finally {
      t.close();
    }
  });

  it("at 80x24 the first failed check's ✗ line stays in view when the program fails, with later checks' output after it", async () => {
    const home = tempHome();
    const t = await TmuxSession.start([process.execPath, cliPath, "verify", "tcp-echo", "single-recv-80.py", "--live"], { cwd: work, width: 80, height: 24, env: { SOCKET_TUTOR_HOME: home } });
    try {
      const screen = await t.waitFor(/ENDED: 4 of 5 checks failed/, 20_000);
      // The checker's pane is the right half: its lines after the left pane's 40 columns.
      const right = screen.split("\n").map((l) => [...l].slice(40).join("")).join("\n");
      assert.match(right, /│✗ echoes a short message/, `the first failed check is on screen:\n${screen}`);
      assert.equal(right.match(/✗ /g)?.length, 1, `only the first failure is kept; the others are behind PgUp:\n${screen}`);
      await t.keys("q");
      assert.equal(await t.exitCode(10_000), 1);
      assert.deepEqual(running("single-recv-80.py"), []);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("escapes the program's output and the crash's stderr, in the view and in the report printed after it", async () => {
    const home = tempHome();
    const t = await TmuxSession.start([process.execPath, cliPath, "verify", "tcp-echo", "hostile.py", "--live"], { cwd: work, env: { SOCKET_TUTOR_HOME: home, HOSTILE: "crash" } });
    try {
      const title = (): string => t.tmux(["display-message", "-p", "-t", "0", "#{pane_title}"]).trim();
      await t.waitFor(/ENDED: \d of 5 checks failed/, 20_000);
      assert.doesNotMatch(title(), /PWNED/, "the window title was not changed by the view");
      await t.keys("q");
      assert.equal(await t.exitCode(10_000), 1);
      const screen = t.screen();
      assert.match(screen, /Checked tcp-echo in the live view/, "the screen was not cleared by the report");
      assert.match(screen, /\| RuntimeError: crashed: /);
      assert.match(screen.replace(/\s+/g, " "), /\\x1b\[2J\\x1b\]0;PWNED-TITLE\\x07/, "the stderr excerpt, escaped");
      assert.doesNotMatch(title(), /PWNED/, "the window title was not changed by the report");
      assert.deepEqual(running("hostile.py"), []);
    } finally {
      t.close();
    }
  });

  it("refuses what it cannot trace, and --json or --watch with it", async () => {
    const home = tempHome();
    for (const [args, message] of [
      [["verify", "tcp-echo", "echo.ts", "--live"], /--live traces Python \(\.py\) and JavaScript/],
      [["verify", "tcp-echo", "echo.py", "--live", "--json"], /--live does not go with --json or --watch/],
      [["verify", "tcp-echo", "--live", "--", "./echo"], /--live needs your program's file/],
    ] as const) {
      const r = await runCli([...args], { cwd: work, env: { SOCKET_TUTOR_HOME: home } });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
    }
    const noTty = await runCli(["verify", "tcp-echo", "echo.py", "--live"], { cwd: work, env: { SOCKET_TUTOR_HOME: home } });
    assert.equal(noTty.code, 1);
    assert.match(noTty.stderr, /needs an interactive terminal/);
  });
});
