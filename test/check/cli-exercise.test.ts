import assert from "node:assert/strict";
import { existsSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { repoRoot, runCli } from "../support/cli.js";
import { tutorCommand } from "../../src/util/invocation.js";
import { exercisesDir, scratch } from "./support.js";

const tempHome = (): string => scratch("st-home-");
// Printed commands run as printed: from a folder outside the package that is `node <path>/cli.js`, unless socket-tutor on PATH is this program.
const TUTOR = String.raw`(?:socket-tutor|node \S+cli\.js)`;
const tempDir = (): string => scratch("st-ex-");

describe("socket-tutor exercise, hint, solution (CLI)", { concurrency: true }, () => {
  it("exercise writes both starters into ./socket-tutor-exercises/<id>/, says where, and never overwrites", async () => {
    const cwd = tempDir();
    const env = { SOCKET_TUTOR_HOME: tempHome() };
    const first = await runCli(["exercise", "udp-upper"], { cwd, env });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /A UDP upper-case server/);
    assert.match(first.stdout, /HOST/);
    const dir = path.join(realpathSync(cwd), "socket-tutor-exercises", "udp-upper");
    assert.ok(first.stdout.includes(`The starter files are in ${dir}\n`), first.stdout);
    assert.match(first.stdout, /\n {2}wrote udp-upper\.py\n {2}wrote udp-upper\.mjs\n/);
    // No `cd` first: the command that runs the tutor may be a path relative to this folder.
    assert.match(first.stdout, new RegExp(`\\n  ${TUTOR} verify udp-upper socket-tutor-exercises/udp-upper/udp-upper\\.py\\n`), "the next step, as a command that runs from here");
    assert.doesNotMatch(first.stdout, /socket-tutor verify|\bcd /, "no command that needs socket-tutor on the PATH or a cd");
    const py = path.join(cwd, "socket-tutor-exercises", "udp-upper", "udp-upper.py");
    // The starter as it is, its {{tutor}} written as the command runs from the file's folder.
    const starter = readFileSync(path.join(exercisesDir, "udp-upper", "starter.py"), "utf8");
    assert.match(starter, /\{\{tutor\}\} verify udp-upper udp-upper\.py/);
    assert.equal(readFileSync(py, "utf8"), starter.replaceAll("{{tutor}}", tutorCommand(process.env, path.dirname(py))));
    assert.doesNotMatch(readFileSync(py, "utf8"), /\{\{/);
    writeFileSync(py, "# my work\n");
    const second = await runCli(["exercise", "udp-upper"], { cwd, env });
    assert.equal(second.code, 0);
    assert.match(second.stdout, /kept {2}udp-upper\.py \(it already exists; not overwritten\)/);
    assert.equal(readFileSync(py, "utf8"), "# my work\n");
  });

  it("under npm, exercise writes into the folder npm was started from (INIT_CWD), not the package", async () => {
    const learner = tempDir();
    const env = { SOCKET_TUTOR_HOME: tempHome(), INIT_CWD: learner, npm_lifecycle_event: "start", npm_package_json: path.join(repoRoot, "package.json") };
    // npm runs the script in the package root.
    const r = await runCli(["exercise", "tcp-echo"], { cwd: repoRoot, env });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(existsSync(path.join(learner, "socket-tutor-exercises", "tcp-echo", "tcp-echo.py")));
    assert.ok(!existsSync(path.join(repoRoot, "socket-tutor-exercises")), "nothing written into the tutor's own folder");
    assert.ok(r.stdout.includes(`The starter files are in ${path.join(learner, "socket-tutor-exercises", "tcp-echo")}\n`), r.stdout);
  });

  it("exercise without an id lists the exercises; an unknown id exits 2 with a suggestion", async () => {
    const env = { SOCKET_TUTOR_HOME: tempHome() };
    const list = await runCli(["exercise"], { env });
    assert.equal(list.code, 0);
    for (const id of ["tcp-echo", "tcp-client", "udp-upper", "chat-bye", "ipv6-echo", "unix-echo", "concurrent-echo", "length-prefix", "line-json", "chat-room"]) assert.match(list.stdout, new RegExp(`\\b${id}\\b`));
    const bad = await runCli(["exercise", "udp-uper"], { env });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Did you mean 'udp-upper'\?/);
  });

  it("hint gives the hints one at a time and remembers how many were shown", async () => {
    const home = tempHome();
    const env = { SOCKET_TUTOR_HOME: home };
    const h1 = await runCli(["hint", "chat-bye"], { env });
    assert.equal(h1.code, 0);
    assert.match(h1.stdout, /^Hint 1 of \d+: /);
    assert.doesNotMatch(h1.stdout, /Hint 2/);
    const h2 = await runCli(["hint", "chat-bye"], { env });
    assert.match(h2.stdout, /^Hint 2 of \d+: /);
    assert.doesNotMatch(h2.stdout, /Hint 1/);
    const progress = JSON.parse(readFileSync(path.join(home, "progress.json"), "utf8"));
    assert.equal(progress.exercises["chat-bye"].hintsShown, 2);
    const seen = await runCli(["hint", "chat-bye", "--seen"], { env });
    assert.match(seen.stdout, /Hint 1 of/);
    assert.match(seen.stdout, /Hint 2 of/);
    assert.doesNotMatch(seen.stdout, /Hint 3 of/);
  });

  it("hint gives its code in the learner's language: a .mjs file gets JavaScript, a .py file Python", async () => {
    const env = { SOCKET_TUTOR_HOME: tempHome() };
    const js = await runCli(["hint", "udp-upper", "udp-upper.mjs"], { env });
    assert.equal(js.code, 0, js.stderr);
    assert.match(js.stdout, /^Hint 1 of 4: No listen, no accept/);
    assert.match(js.stdout, /dgram\.createSocket\("udp4"\)/);
    assert.doesNotMatch(js.stdout, /recvfrom|SOCK_DGRAM/, "no Python calls for a JavaScript file");
    // The language is remembered for the next hint without a file.
    const py = await runCli(["hint", "udp-upper", "udp-upper.py"], { env });
    assert.match(py.stdout, /^Hint 2 of 4: Who sent it\?/);
    assert.match(py.stdout, /sock\.sendto\(reply, addr\)/);
    assert.doesNotMatch(py.stdout, /rinfo/);
    const bad = await runCli(["hint", "udp-upper", "upper.rb"], { env });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /'upper\.rb' is neither/);
  });

  it("solution refuses without a terminal and without --yes, shows with --yes, then stays unlocked", async () => {
    const home = tempHome();
    const env = { SOCKET_TUTOR_HOME: home };
    const refused = await runCli(["solution", "tcp-client"], { env });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, new RegExp(`not passed 'tcp-client' yet.*${TUTOR} solution tcp-client --yes`));
    assert.equal(refused.stdout, "");
    const shown = await runCli(["solution", "tcp-client", "--yes"], { env });
    assert.equal(shown.code, 0);
    assert.ok(shown.stdout.includes(readFileSync(path.join(exercisesDir, "tcp-client", "solution.py"), "utf8").trim()));
    assert.ok(shown.stdout.includes(readFileSync(path.join(exercisesDir, "tcp-client", "solution.mjs"), "utf8").trim()));
    const again = await runCli(["solution", "tcp-client"], { env });
    assert.equal(again.code, 0);
    assert.match(again.stdout, /solution\.py \(Python\)/);
    assert.equal(JSON.parse(readFileSync(path.join(home, "progress.json"), "utf8")).exercises["tcp-client"].solutionUnlocked, true);
  });

  it("solution is shown at once after the exercise has passed", async () => {
    const home = tempHome();
    writeFileSync(
      path.join(home, "progress.json"),
      JSON.stringify({ version: 1, lessons: {}, exercises: { "unix-echo": { passed: true, passedAt: "2025-01-01T00:00:00Z", attempts: 3, hintsShown: 0 } }, settings: {} }),
    );
    const r = await runCli(["solution", "unix-echo"], { env: { SOCKET_TUTOR_HOME: home } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /── unix-echo: solution\.py \(Python\) ──/);
    assert.match(r.stdout, /── unix-echo: solution\.mjs \(JavaScript\) ──/);
  });
});
