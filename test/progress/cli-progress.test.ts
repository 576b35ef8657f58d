import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { cliPath, repoRoot, runCli, tempHome, type CliResult } from "../support/cli.js";

const fixtures = path.join(repoRoot, "test", "fixtures", "exercises");
const hasSetpriv = spawnSync("sh", ["-c", "command -v setpriv"]).status === 0;

const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
const exercise = (home: string, id: string): Record<string, unknown> => (readJson(path.join(home, "progress.json")).exercises as Record<string, Record<string, unknown>>)[id]!;

/** The same CLI run as the unprivileged user nobody: root ignores file permissions, so EACCES needs another user. */
function runAsNobody(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", process.execPath, cliPath, ...args], {
      cwd: "/",
      env: { PATH: "/usr/bin:/bin", HOME: "/nonexistent", NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`socket-tutor ${args.join(" ")} (as nobody) did not finish in 10 s\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, 10000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A home the user nobody can reach and write in (tempHome() is root's, mode 700). */
function homeForNobody(): string {
  const home = tempHome();
  chownSync(home, 65534, 65534);
  chmodSync(home, 0o755);
  return home;
}

const SAVED = JSON.stringify({ version: 1, lessons: { "what-is-a-socket": { step: 2, completed: false, updatedAt: "2026-01-01T00:00:00.000Z" } }, exercises: { "tcp-echo": { passed: true, attempts: 7, hintsShown: 1 } }, settings: {} }, null, 2) + "\n";

const count = (text: string, re: RegExp): number => text.match(new RegExp(re.source, "g"))?.length ?? 0;

/** A lessons folder with one exercise that has `n` hints, so 30 concurrent `hint`s each have one to claim. */
function lessonsWithHints(n: number): string {
  const root = tempHome();
  const dir = path.join(root, "exercises", "many-hints");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "task.md"), "---\nid: many-hints\ntitle: Many hints\nlesson: server-calls\norder: 1\nsummary: An exercise with many hints.\n---\nA task.\n");
  writeFileSync(path.join(dir, "hints.md"), Array.from({ length: n }, (_, i) => `## Number ${i + 1} {#n${i + 1}}\nBody ${i + 1}.\n`).join("\n"));
  return root;
}

describe("progress across processes (CLI)", { concurrency: 1 }, () => {
  it("16 verify runs at once count 16 attempts", async () => {
    const home = tempHome();
    const dir = tempHome();
    copyFileSync(path.join(fixtures, "common", "crash-at-start.py"), path.join(dir, "crash.py"));
    const runs = await Promise.all(Array.from({ length: 16 }, () => runCli(["verify", "tcp-echo", "crash.py"], { cwd: dir, env: { SOCKET_TUTOR_HOME: home }, timeoutMs: 60000 })));
    for (const r of runs) {
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /Not yet: 0 of 5 checks passed/);
      assert.equal(r.stderr, "", "no notice: every run saved");
    }
    assert.equal(exercise(home, "tcp-echo").attempts, 16);
    assert.deepEqual(readdirSync(home), ["progress.json"], "no lock or temp file left");
  });

  it("30 hint runs at once, with 40 hints: hintsShown is 30 and each run showed the hint it claimed", async () => {
    const home = tempHome();
    const env = { SOCKET_TUTOR_HOME: home, SOCKET_TUTOR_LESSONS: lessonsWithHints(40) };
    const runs = await Promise.all(Array.from({ length: 30 }, () => runCli(["hint", "many-hints"], { env, timeoutMs: 60000 })));
    const shown = runs.map((r) => {
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, "");
      const m = /Hint (\d+) of 40: Number \1\b/.exec(r.stdout);
      assert.ok(m, r.stdout);
      return Number(m[1]);
    });
    assert.deepEqual(shown.sort((a, b) => a - b), Array.from({ length: 30 }, (_, i) => i + 1), "hints 1 to 30, each once");
    assert.equal(exercise(home, "many-hints").hintsShown, 30);
  });

  it("8 hint runs at once, with 3 hints: hintsShown is 3, each hint claimed once, the rest told it was the last", async () => {
    const home = tempHome();
    const runs = await Promise.all(Array.from({ length: 8 }, () => runCli(["hint", "tcp-echo", "tcp-echo.py"], { env: { SOCKET_TUTOR_HOME: home }, timeoutMs: 60000 })));
    // The command is printed as it runs from here: `node <path>/cli.js` unless socket-tutor on PATH is this program.
    const claimed = runs.filter((r) => !/All of them: (socket-tutor|node \S+cli\.js) hint tcp-echo --seen/.test(r.stdout));
    assert.equal(claimed.length, 3, "three runs claimed a hint");
    const numbers = claimed.map((r) => Number(/Hint (\d) of 3/.exec(r.stdout)?.[1]));
    assert.deepEqual(numbers.sort(), [1, 2, 3]);
    assert.equal(exercise(home, "tcp-echo").hintsShown, 3);
    assert.deepEqual([...(exercise(home, "tcp-echo").hintsSeen as string[])].sort(), ["calls", "goodbye", "recv-loop"]);
  });

  describe("an unreadable progress.json (EACCES), as the user nobody", { skip: hasSetpriv ? false : "setpriv is missing: cannot run the CLI as an unprivileged user" }, () => {
    it("list says so, and the file is left as it was", async () => {
      const home = homeForNobody();
      const file = path.join(home, "progress.json");
      writeFileSync(file, SAVED);
      chownSync(file, 65534, 65534);
      chmodSync(file, 0o000);
      const r = await runAsNobody(["list"], { SOCKET_TUTOR_HOME: home });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /could not be read \(EACCES: permission denied\)/);
      assert.match(r.stderr, /not saved this run/);
      assert.equal(readFileSync(file, "utf8"), SAVED);
      assert.deepEqual(readdirSync(home), ["progress.json"]);
    });

    it("hint shows the first hint, says once that progress is not saved, and never writes over the file", async () => {
      const home = homeForNobody();
      const file = path.join(home, "progress.json");
      writeFileSync(file, SAVED, { mode: 0o600 });
      const before = statSync(file);
      const r = await runAsNobody(["hint", "tcp-echo"], { SOCKET_TUTOR_HOME: home });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Hint 1 of 3/);
      assert.equal(count(r.stderr, /not saved this run/), 1, r.stderr);
      assert.match(r.stderr, /progress\.json could not be read \(EACCES: permission denied\)\. It is left as it is/);
      const after = statSync(file);
      assert.equal(after.ino, before.ino, "the same file, not replaced");
      assert.equal(after.uid, 0);
      assert.equal(readFileSync(file, "utf8"), SAVED);
      assert.deepEqual(readdirSync(home), ["progress.json"]);
    });

    it("a readable file in a folder nobody may write: hint shows the hint and says the save failed", async () => {
      const home = tempHome();
      chmodSync(home, 0o755);
      const file = path.join(home, "progress.json");
      writeFileSync(file, SAVED, { mode: 0o644 });
      const r = await runAsNobody(["hint", "tcp-echo"], { SOCKET_TUTOR_HOME: home });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Hint 2 of 3/, "the file was read: hint 1 was seen");
      assert.match(r.stderr, /Could not save progress to .*progress\.json \(EACCES\)/);
      assert.equal(readFileSync(file, "utf8"), SAVED);
      assert.deepEqual(readdirSync(home), ["progress.json"]);
    });

    it("reset says nothing was reset, and the file is untouched", async () => {
      const home = homeForNobody();
      const file = path.join(home, "progress.json");
      writeFileSync(file, SAVED, { mode: 0o600 });
      const r = await runAsNobody(["reset", "--yes"], { SOCKET_TUTOR_HOME: home });
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stderr, /nothing was reset/i);
      assert.doesNotMatch(r.stdout, /is erased/);
      assert.equal(count(r.stderr, /not saved this run/), 1, r.stderr);
      assert.equal(readFileSync(file, "utf8"), SAVED);
    });
  });

  it("a FIFO as progress.json: list does not hang, hint does not replace it", async () => {
    const home = tempHome();
    const file = path.join(home, "progress.json");
    execFileSync("mkfifo", [file]);
    const list = await runCli(["list"], { env: { SOCKET_TUTOR_HOME: home }, timeoutMs: 5000 });
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stderr, /is not a regular file \(it is a FIFO\)/);
    assert.match(list.stderr, /not saved this run/);
    const hint = await runCli(["hint", "tcp-echo"], { env: { SOCKET_TUTOR_HOME: home }, timeoutMs: 5000 });
    assert.equal(hint.code, 0, hint.stderr);
    assert.match(hint.stdout, /Hint 1 of 3/);
    assert.equal(count(hint.stderr, /not saved this run/), 1);
    assert.ok(lstatSync(file).isFIFO(), "still the FIFO");
  });

  it("a symlink to /dev/zero: list answers at once, nothing is read without bound or written", async () => {
    const home = tempHome();
    const file = path.join(home, "progress.json");
    symlinkSync("/dev/zero", file);
    // A short deadline on purpose: without a size cap the tutor reads /dev/zero until memory runs out.
    const list = await runCli(["list"], { env: { SOCKET_TUTOR_HOME: home }, timeoutMs: 4000 });
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stderr, /is not a regular file \(it is a character device\)/);
    const hint = await runCli(["hint", "tcp-echo"], { env: { SOCKET_TUTOR_HOME: home }, timeoutMs: 4000 });
    assert.equal(hint.code, 0, hint.stderr);
    assert.ok(lstatSync(file).isSymbolicLink());
    assert.equal(readlinkSync(file), "/dev/zero");
  });

  it("a file over 1 MiB is not read and not written over", async () => {
    const home = tempHome();
    const file = path.join(home, "progress.json");
    const big = JSON.stringify({ version: 1, lessons: {}, exercises: {}, settings: {}, padding: "x".repeat(2 * 1024 * 1024) });
    writeFileSync(file, big);
    const list = await runCli(["list"], { env: { SOCKET_TUTOR_HOME: home } });
    assert.match(list.stderr, /is larger than 1 MiB/);
    const hint = await runCli(["hint", "tcp-echo"], { env: { SOCKET_TUTOR_HOME: home } });
    assert.equal(hint.code, 0, hint.stderr);
    assert.equal(count(hint.stderr, /not saved this run/), 1);
    assert.equal(readFileSync(file, "utf8"), big);
  });

  it("a symlink to a regular file is read, and saving keeps the link and updates its target", async () => {
    const home = tempHome();
    const target = path.join(tempHome(), "real-progress.json");
    writeFileSync(target, SAVED);
    symlinkSync(target, path.join(home, "progress.json"));
    const r = await runCli(["hint", "tcp-echo"], { env: { SOCKET_TUTOR_HOME: home } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Hint 2 of 3/, "hint 1 was seen, as the target says");
    assert.ok(lstatSync(path.join(home, "progress.json")).isSymbolicLink(), "the link is kept");
    assert.equal((readJson(target).exercises as Record<string, Record<string, unknown>>)["tcp-echo"]!.hintsShown, 2);
    assert.equal(existsSync(path.join(home, "progress.json.lock")), false);
  });
});
