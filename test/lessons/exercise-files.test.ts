import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs, { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it, mock } from "node:test";
import { loadExercises, type ExerciseInfo } from "../../src/exercises/catalog.js";
import { writeStarters } from "../../src/exercises/starters.js";
import { formatProblem } from "../../src/lessons/load.js";
import { cliPath, repoRoot, runCli, tempHome, type CliResult } from "../support/cli.js";

/** Exercise folders broken in the ways a real one breaks, and `exercise` where it cannot write. */
const roots: string[] = [];
after(() => {
  for (const r of roots) {
    // Folders made read-only for the unprivileged runs: make them removable again.
    chmodTree(r);
    rmSync(r, { recursive: true, force: true });
  }
});

function chmodTree(dir: string): void {
  try {
    chmodSync(dir, 0o755);
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) chmodTree(path.join(dir, e.name));
  } catch {
    // already gone
  }
}

function temp(prefix = "st-exfiles-"): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
  roots.push(dir);
  return dir;
}

const shipped = path.join(repoRoot, "lessons", "exercises");

/** A lessons folder holding a copy of one shipped exercise, to break. */
function lessonsWith(id: string): { root: string; ex: string } {
  const root = temp();
  const ex = path.join(root, "exercises", id);
  cpSync(path.join(shipped, id), ex, { recursive: true });
  return { root, ex };
}

const run = (args: string[], root: string, cwd: string): Promise<CliResult> => runCli(args, { env: { SOCKET_TUTOR_HOME: tempHome(), SOCKET_TUTOR_LESSONS: root }, cwd });

describe("an exercise whose task.md is broken", { concurrency: true }, () => {
  it("verify, hint, exercise and solution say what is wrong with task.md (file:line), not 'no exercise'", async () => {
    const { root, ex } = lessonsWith("tcp-echo");
    const task = path.join(ex, "task.md");
    writeFileSync(task, readFileSync(task, "utf8").replace(/\n---\n/, "\n\n"));
    const cwd = temp();
    for (const args of [["verify", "tcp-echo", "x.py"], ["hint", "tcp-echo"], ["exercise", "tcp-echo"], ["solution", "tcp-echo", "--yes"]]) {
      const r = await run(args, root, cwd);
      assert.equal(r.code, 1, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, /the exercise 'tcp-echo' cannot be used:\n {2}.*exercises\/tcp-echo\/task\.md:1: the front matter opened here is never closed with '---'/, args.join(" "));
      assert.doesNotMatch(r.stderr, /no exercise|unexpected error/, args.join(" "));
    }
    assert.ok(!existsSync(path.join(cwd, "socket-tutor-exercises")), "exercise wrote nothing");
  });

  it("a task.md that is a symbolic link loop says so", async () => {
    const { root, ex } = lessonsWith("tcp-echo");
    unlinkSync(path.join(ex, "task.md"));
    symlinkSync("task.md", path.join(ex, "task.md"));
    const r = await run(["hint", "tcp-echo"], root, temp());
    assert.equal(r.code, 1);
    assert.match(r.stderr, /exercises\/tcp-echo\/task\.md: task\.md is a symbolic link that loops/);
  });
});

describe("an exercise folder missing its starters", { concurrency: true }, () => {
  it("is reported by the loader and by list", async () => {
    const { root, ex } = lessonsWith("tcp-echo");
    unlinkSync(path.join(ex, "starter.mjs"));
    const { exercises, problems } = loadExercises(path.join(root, "exercises"));
    assert.deepEqual(exercises.map((e) => e.id), ["tcp-echo"], "verify and hint still work");
    assert.deepEqual(problems.map((p) => formatProblem(p, root)), ["exercises/tcp-echo: the JavaScript starter (starter.mjs) is missing"]);
    const r = await run(["list"], root, root);
    assert.match(r.stderr, /exercises\/tcp-echo: the JavaScript starter \(starter\.mjs\) is missing/);
  });

  it("exercise writes the starters it has and says which one is missing", async () => {
    const { root, ex } = lessonsWith("tcp-echo");
    unlinkSync(path.join(ex, "starter.mjs"));
    const cwd = temp();
    const r = await run(["exercise", "tcp-echo"], root, cwd);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /\n  wrote tcp-echo\.py\n/);
    assert.doesNotMatch(r.stdout, /wrote tcp-echo\.mjs/);
    assert.match(r.stderr, /exercises\/tcp-echo: the JavaScript starter \(starter\.mjs\) is missing, so tcp-echo\.mjs was not written/);
    assert.deepEqual(readdirSync(path.join(cwd, "socket-tutor-exercises", "tcp-echo")).sort(), ["tcp-echo.c", "tcp-echo.py"]);
  });

  it("a starter that links outside the exercise folder is refused and nothing is written", async () => {
    const { root, ex } = lessonsWith("tcp-echo");
    const secret = path.join(temp(), "secret.txt");
    writeFileSync(secret, "TOP SECRET\n");
    unlinkSync(path.join(ex, "starter.mjs"));
    symlinkSync(secret, path.join(ex, "starter.mjs"));
    unlinkSync(path.join(ex, "solution.py"));
    symlinkSync(secret, path.join(ex, "solution.py"));
    const cwd = temp();
    const r = await run(["exercise", "tcp-echo"], root, cwd);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`starter\\.mjs: starter\\.mjs is a link to ${secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}, outside the exercise folder`));
    assert.ok(!existsSync(path.join(cwd, "socket-tutor-exercises")), "nothing half-written");
    const s = await run(["solution", "tcp-echo", "--yes"], root, cwd);
    assert.equal(s.code, 1);
    assert.doesNotMatch(s.stdout + s.stderr, /TOP SECRET/);
    assert.match(s.stderr, /solution\.py: solution\.py is a link to .*, outside the exercise folder/);
  });
});

/** Runs the real CLI as the unprivileged user 'nobody': root ignores file permissions. */
function runAsNobody(args: string[], cwd: string, home: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", SOCKET_TUTOR_HOME: home };
    delete env.FORCE_COLOR;
    delete env.SOCKET_TUTOR_LESSONS;
    const child = spawn("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "/usr/bin/node", cliPath, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`as nobody: socket-tutor ${args.join(" ")} did not finish\n${stdout}\n${stderr}`));
    }, 10_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("exercise where it cannot write", { concurrency: true }, () => {
  const home = (): string => {
    const h = temp("st-home-");
    chmodSync(h, 0o777);
    return h;
  };

  it("in a folder it cannot write: 'cannot write to <folder>: permission denied', exit 1, nothing left behind", async () => {
    const cwd = temp();
    chmodSync(cwd, 0o755);
    const r = await runAsNobody(["exercise", "tcp-echo"], cwd, home());
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.equal(r.stderr, `socket-tutor: cannot write to ${cwd}: permission denied. Run it in a folder of your own (your home folder, for example).\n`);
    assert.deepEqual(readdirSync(cwd), []);
  });

  it("when socket-tutor-exercises/ or the exercise's folder is not writable: named, and nothing half-written", async () => {
    const cwd = temp();
    chmodSync(cwd, 0o777);
    const parent = path.join(cwd, "socket-tutor-exercises");
    mkdirSync(parent, { mode: 0o755 });
    const first = await runAsNobody(["exercise", "tcp-echo"], cwd, home());
    assert.equal(first.code, 1, first.stdout + first.stderr);
    assert.match(first.stderr, new RegExp(`^socket-tutor: cannot write to ${parent}: permission denied`));
    assert.deepEqual(readdirSync(parent), []);
    const own = path.join(parent, "udp-upper");
    mkdirSync(own, { mode: 0o755 });
    const second = await runAsNobody(["exercise", "udp-upper"], cwd, home());
    assert.equal(second.code, 1, second.stdout + second.stderr);
    assert.match(second.stderr, new RegExp(`^socket-tutor: cannot write to ${own}: permission denied`));
    assert.deepEqual(readdirSync(own), [], "no temporary file is left");
    assert.doesNotMatch(first.stderr + second.stderr, /unexpected error|\n\s+at /);
  });
});

describe("writeStarters when a write fails half-way", () => {
  it("removes the files and folders it made, and says why in words", (t) => {
    const ex: ExerciseInfo = loadExercises(shipped).exercises.find((e) => e.id === "tcp-echo")!;
    const cwd = temp();
    let calls = 0;
    const real = fs.writeFileSync;
    t.after(() => mock.restoreAll());
    mock.method(fs, "writeFileSync", (...args: Parameters<typeof real>) => {
      calls += 1;
      if (calls === 2) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      return real(...args);
    });
    assert.throws(() => writeStarters(ex, cwd), { name: "UserError", message: `cannot write to ${path.join(cwd, "socket-tutor-exercises", "tcp-echo")}: the disk is full` });
    assert.equal(calls, 2, "the failure came on the second file");
    assert.deepEqual(readdirSync(cwd), [], "the first starter and the folders made for it are gone");
  });
});
