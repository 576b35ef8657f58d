import assert from "node:assert/strict";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { loadChecker } from "../../src/check/checkers.js";
import { commandForFile, LaunchProblem } from "../../src/check/command.js";
import { compilerInstallHint, findCompiler, SHOWN_LINES } from "../../src/check/compiler.js";
import { runVerify } from "../../src/check/harness.js";
import { SetupProblem } from "../../src/check/types.js";
import { loadExercises } from "../../src/exercises/catalog.js";
import { runCli, tempHome } from "../support/cli.js";
import { exercisesDir, scratch, verifyProgram } from "./support.js";

/**
 * verify on a .c file: built with cc into a private folder before the checks, the
 * compiler's complaints shown escaped and short, and a note on what to install without cc.
 */

const cc = findCompiler();
const noCc = cc ? false : "no C compiler (cc, gcc or clang) on PATH: the C reference solutions cannot be built here";
const { exercises } = loadExercises();

describe("C programs", { concurrency: 2 }, () => {
  for (const e of exercises) {
    it(`the ${e.id} reference solution.c passes verify`, { skip: noCc }, async () => {
      const report = await verifyProgram(e.id, path.join(exercisesDir, e.id, "solution.c"));
      assert.equal(report.passed, true, report.checks.map((c) => `${c.name}: ${c.detail}`).join("\n"));
      assert.deepEqual(report.notes, [], "it compiles without a warning");
      // The program was built into a private folder, removed with the run.
      assert.ok(!existsSync(path.dirname(report.command.file)), `${report.command.file} is removed`);
    });
  }

  it("a program with a compile error gets the compiler's first lines, escaped, and how to see them all; no stack trace", { skip: noCc }, async () => {
    const dir = scratch();
    const file = path.join(dir, "echo.c");
    // An escape sequence in the source comes back in the compiler's quote of the line.
    const lines = ['#error "\x1b[31mred\x1b]0;title\x07"', ...Array.from({ length: 30 }, (_, i) => `int f${i}(void) { return undeclared${i}; }`)];
    writeFileSync(file, lines.join("\n") + "\n");
    const r = await runCli(["verify", "tcp-echo", file], { env: { SOCKET_TUTOR_HOME: tempHome() }, cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^socket-tutor: echo\.c did not compile:\n {2}\.\/echo\.c:1:2: error: #error/m);
    assert.match(r.stderr, /\\x1b\[31mred\\x1b\]0;title\\x07/, "the escape sequence is shown escaped");
    assert.doesNotMatch(r.stderr, /\x1b|\x07/, "no control character reaches the terminal");
    assert.match(r.stderr, /… and \d+ more lines; to see them all, run: cc -std=c11 -Wall -Wextra -O2 -o echo echo\.c\n/);
    const shown = r.stderr.split("\n").filter((l) => l.startsWith("  ./echo.c") || l.startsWith("    "));
    assert.ok(shown.length <= SHOWN_LINES, `at most ${SHOWN_LINES} lines of the compiler's output (${shown.length})`);
    assert.doesNotMatch(r.stderr, /unexpected error|\n\s+at .*\.js:\d+/);
    assert.deepEqual(readdirSync(dir), ["echo.c"], "nothing built beside the source");
  });

  it("a file named with shell syntax, an option and control characters compiles safely (argv, no shell)", { skip: noCc }, async () => {
    const dir = scratch();
    const name = "-o $(touch PWNED); `touch PWNED2` \x1b[31m'x'.c";
    const file = path.join(dir, name);
    copyFileSync(path.join(exercisesDir, "tcp-echo", "solution.c"), file);
    const report = await verifyProgram("tcp-echo", file);
    assert.equal(report.passed, true, report.checks.map((c) => c.detail).join("\n"));
    assert.ok(!existsSync(path.join(dir, "PWNED")) && !existsSync(path.join(path.dirname(file), "PWNED2")), "no shell ran the name");
    const r = await runCli(["verify", "tcp-echo", `./${name}`], { env: { SOCKET_TUTOR_HOME: tempHome() }, cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /\x1b\[31m/, "the name is shown escaped");
    assert.deepEqual(readdirSync(dir).sort(), [name], "nothing else appeared");
  });

  it("without a C compiler on PATH, verify says what to install (looked up on this machine), exit 1", async () => {
    const dir = scratch();
    const bin = path.join(dir, "bin");
    mkdirSync(bin);
    symlinkSync(process.execPath, path.join(bin, "node"));
    const file = path.join(dir, "echo.c");
    copyFileSync(path.join(exercisesDir, "tcp-echo", "solution.c"), file);
    const env = { PATH: bin };
    assert.throws(() => commandForFile(file, dir, env), (e: unknown) => e instanceof LaunchProblem && !e.usage && /no C compiler \(cc, gcc or clang\) was found on your PATH, so echo\.c cannot be built\. Install a C compiler/.test(e.message));
    // A package manager on PATH is named with its command.
    writeFileSync(path.join(bin, "apt-get"), "#!/bin/sh\n");
    chmodSync(path.join(bin, "apt-get"), 0o755);
    assert.equal(compilerInstallHint(env, "linux"), "Install one with: sudo apt install gcc");
    assert.equal(compilerInstallHint(env, "darwin"), "Install Xcode's command line tools: xcode-select --install");
    const r = await runCli(["verify", "tcp-echo", file], { env: { SOCKET_TUTOR_HOME: tempHome(), PATH: bin }, cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /no C compiler .* Install one with: sudo apt install gcc Or build it yourself and check the program: .*verify <exercise> -- \.\/echo/);
  });

  it("the build's time does not count against the wait for the program to listen", { skip: noCc }, async () => {
    const dir = scratch();
    const bin = path.join(dir, "bin");
    mkdirSync(bin);
    // A compiler that takes 1.5 s, longer than the 1 s the program gets to listen here.
    writeFileSync(path.join(bin, "cc"), `#!/bin/sh\nsleep 1.5\nexec ${cc} "$@"\n`);
    chmodSync(path.join(bin, "cc"), 0o755);
    const file = path.join(dir, "echo.c");
    copyFileSync(path.join(exercisesDir, "tcp-echo", "solution.c"), file);
    const checker = (await loadChecker("tcp-echo"))!;
    const command = commandForFile(file, dir, { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}` });
    assert.equal(command.build?.compiler, path.join(bin, "cc"));
    const report = await runVerify(checker, { command, readyTimeoutMs: 1000 });
    assert.equal(report.checks[0]!.passed, true, report.checks[0]!.detail);
    assert.equal(report.passed, true);
  });

  it("a compile error in the harness is a SetupProblem (the menu and verify say it, nothing runs)", { skip: noCc }, async () => {
    const dir = scratch();
    const file = path.join(dir, "bad.c");
    writeFileSync(file, "int main(void) { return x; }\n");
    const checker = (await loadChecker("tcp-echo"))!;
    await assert.rejects(runVerify(checker, { command: commandForFile(file, dir) }), (e: unknown) => e instanceof SetupProblem && /^bad\.c did not compile:\n(?: {2}.*\n)*? {2}\.\/bad\.c:1:\d+: error: 'x' undeclared/.test(e.message));
  });

  it("the compiler's warnings are shown as a note, and the checks still run", { skip: noCc }, async () => {
    const dir = scratch();
    const file = path.join(dir, "echo.c");
    writeFileSync(file, "int main(void) { int unused; return 0; }\n");
    const checker = (await loadChecker("tcp-echo"))!;
    const report = await runVerify(checker, { command: commandForFile(file, dir) });
    assert.equal(report.passed, false);
    assert.match(report.checks[0]!.detail, /exited with code 0/);
    assert.match(report.notes[0] ?? "", /^the compiler warned about echo\.c \(the checks ran anyway\):\n(?: {2}.*\n)*? {2}\.\/echo\.c:1:\d+: warning: unused variable/);
  });
});
