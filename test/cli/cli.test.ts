import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { repoRoot, runCli, tempHome } from "../support/cli.js";

const home = tempHome();
const scratch = mkdtempSync(path.join(os.tmpdir(), "st-cli-"));
after(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});
const env = { SOCKET_TUTOR_HOME: home };
const version = (JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;

describe("cli", { concurrency: true }, () => {
  it("--version prints the package version", async () => {
    for (const flag of ["--version", "-v"]) {
      const r = await runCli([flag], { env });
      assert.equal(r.code, 0);
      assert.equal(r.stdout, `${version}\n`);
    }
  });

  it("--help lists every command; each command has --help", async () => {
    const r = await runCli(["--help"], { env });
    assert.equal(r.code, 0);
    const commands = [...r.stdout.matchAll(/^  ([a-z]+)\b/gm)].map((m) => m[1]!);
    for (const c of ["start", "list", "show", "lesson", "progress", "reset", "doctor"]) assert.ok(commands.includes(c), `${c} in --help`);
    for (const c of commands) {
      const h = await runCli([c, "--help"], { env });
      assert.equal(h.code, 0, `${c} --help exits 0`);
      assert.match(h.stdout, new RegExp(`^Usage: socket-tutor ${c}`), `${c} --help shows usage`);
      const viaHelp = await runCli(["help", c], { env });
      assert.equal(viaHelp.stdout, h.stdout);
    }
  });

  it("no arguments prints help", async () => {
    const r = await runCli([], { env });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: socket-tutor <command>/);
  });

  it("an unknown command exits 2 and suggests the closest", async () => {
    const r = await runCli(["lsit"], { env });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown command 'lsit'\. Did you mean 'list'\?/);
    assert.match(r.stderr, /Run 'node dist\/src\/cli\.js --help'/, "the pointer runs as printed from here");
    assert.equal(r.stdout, "");
  });

  it("every command refuses extra arguments the same way, with its usage from the registry", async () => {
    const none = await runCli(["list", "extra"], { env });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /'list' takes no arguments: 'extra'/);
    for (const [args, usage] of [
      [["hint", "tcp-echo", "echo.py", "more"], /too many arguments: 'more' \(usage: socket-tutor hint <exercise> \[<file>\] \[--seen\]\)/],
      [["show", "1", "2"], /too many arguments: '2' \(usage: socket-tutor show <lesson> \[--answers\]\)/],
      [["demo", "5", "tcp-step-by-step", "x"], /too many arguments: 'x' \(usage: socket-tutor demo <lesson> \[<demo>\]/],
    ] as const) {
      const r = await runCli([...args], { env });
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, usage);
      assert.match(r.stderr, new RegExp(`Run 'node dist/src/cli\\.js ${args[0]} --help'`));
    }
    const help = await runCli(["hint", "--help"], { env });
    assert.match(help.stdout, /^Usage: socket-tutor hint <exercise> \[<file>\] \[--seen\]\n/, "--help shows the same syntax");
  });

  it("an unknown option exits 2 with the command's help pointer", async () => {
    const r = await runCli(["list", "--colour"], { env });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option '--colour'/);
    assert.match(r.stderr, /node dist\/src\/cli\.js list --help/);
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, "no stack trace");
  });

  it("an unknown lesson exits 2 and suggests the closest", async () => {
    const r = await runCli(["show", "what-is-a-sockt"], { env });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no lesson 'what-is-a-sockt'\. Did you mean 'what-is-a-socket'\?/);
    const missing = await runCli(["show"], { env });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /which lesson\?/);
  });

  it("list works without a terminal and shows status", async () => {
    const r = await runCli(["list"], { env });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Lessons \(\d+ of \d+ done\)/);
    assert.match(r.stdout, /what-is-a-socket +What a socket is +new/);
    assert.doesNotMatch(r.stdout, /\x1b\[/, "no colour when NO_COLOR is set");
  });

  it("show prints every step of a lesson, quiz answers only with --answers", async () => {
    const r = await runCli(["show", "1"], { env, timeoutMs: 15000 });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Lesson 1: What a socket is/);
    const steps = [...r.stdout.matchAll(/step (\d+) of (\d+)/g)];
    assert.ok(steps.length >= 2);
    assert.equal(steps.length, Number(steps[0]![2]), "every step is printed");
    assert.match(r.stdout, /\nQuiz\n/);
    assert.doesNotMatch(r.stdout, /\(correct\)/);
    const answers = await runCli(["show", "what-is-a-socket", "--answers"], { env, timeoutMs: 15000 });
    assert.match(answers.stdout, /\(correct\)/);
    assert.doesNotMatch(answers.stdout, /\x1b\[/);
    // Each choice on its line, its explanation on lines of its own under it, marked right or wrong.
    assert.match(answers.stdout, /\na\) [^\n]+\n {3}[✓✗] \S/);
    for (const line of answers.stdout.split("\n")) assert.doesNotMatch(line, /^[a-d]\) .*(?:Yes|No)\. /, `a choice runs into its explanation: ${line}`);
  });

  it("show wraps to a narrow terminal width", async () => {
    const r = await runCli(["show", "1"], { env: { ...env, COLUMNS: "50" }, timeoutMs: 15000 });
    const prose = r.stdout.split("\n").filter((l) => !l.startsWith("  ")); // code blocks are indented and not wrapped
    const long = prose.filter((l) => l.length > 50);
    assert.deepEqual(long, [], "prose lines fit in 50 columns");
  });

  it("start and lesson refuse without a terminal, pointing to list and show", async () => {
    for (const args of [["start"], ["lesson", "1"]]) {
      const r = await runCli(args, { env });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /needs an interactive terminal/);
      // socket-tutor is not on this PATH: the commands are printed in a form that runs from here.
      assert.match(r.stderr, /'node dist\/src\/cli\.js list'/);
      assert.match(r.stderr, /'node dist\/src\/cli\.js show <lesson>'/);
    }
  });

  it("a corrupt progress file is moved aside with a message, and the command still works", async () => {
    const h = tempHome();
    writeFileSync(path.join(h, "progress.json"), "{{{ not json");
    const r = await runCli(["list"], { env: { SOCKET_TUTOR_HOME: h } });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /note: Your progress file is not valid JSON\. It was moved to .*progress\.json\.corrupt-/);
    assert.ok(readdirSync(h).some((f) => f.startsWith("progress.json.corrupt-")));
    rmSync(h, { recursive: true, force: true });
  });

  it("reset of one lesson, and of everything with --yes; without a terminal it refuses to erase all", async () => {
    const h = tempHome();
    const file = path.join(h, "progress.json");
    const e = { SOCKET_TUTOR_HOME: h };
    writeFileSync(file, JSON.stringify({ version: 1, lessons: { "what-is-a-socket": { step: 2, completed: true, updatedAt: "" }, other: { step: 1, completed: false, updatedAt: "" } }, exercises: {}, settings: { runtime: "node" } }));
    const one = await runCli(["reset", "1"], { env: e });
    assert.equal(one.code, 0);
    let p = JSON.parse(readFileSync(file, "utf8")) as { lessons: Record<string, unknown>; settings: { runtime?: string } };
    assert.deepEqual(Object.keys(p.lessons), ["other"]);
    const refused = await runCli(["reset"], { env: e });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /needs a confirmation: run it in a terminal, or add --yes/);
    assert.deepEqual(Object.keys((JSON.parse(readFileSync(file, "utf8")) as { lessons: object }).lessons), ["other"]);
    const all = await runCli(["reset", "--yes"], { env: e });
    assert.equal(all.code, 0);
    p = JSON.parse(readFileSync(file, "utf8")) as typeof p;
    assert.deepEqual(p.lessons, {});
    assert.equal(p.settings.runtime, "node", "settings are kept");
    rmSync(h, { recursive: true, force: true });
  });

  it("progress reports lessons and where the file is", async () => {
    const r = await runCli(["progress"], { env });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Lessons: 0 of \d+ done\./);
    assert.ok(r.stdout.includes(path.join(home, "progress.json")));
  });

  it("a malformed lesson is reported as file:line and the others still load", async () => {
    const lessons = path.join(scratch, "lessons");
    mkdirSync(path.join(lessons, "01-good"), { recursive: true });
    mkdirSync(path.join(lessons, "02-bad"), { recursive: true });
    writeFileSync(path.join(lessons, "01-good", "lesson.md"), "---\nid: good\ntitle: Good\nchapter: C\norder: 1\nsummary: S\n---\n## One\nText\n");
    writeFileSync(path.join(lessons, "02-bad", "lesson.md"), "---\nid: bad\ntitle: Bad\nchapter: C\norder: 2\nsummary: S\n---\n## One\n::: quiz\nQ?\n- [x] a\n  why\n");
    const r = await runCli(["list"], { env: { ...env, SOCKET_TUTOR_LESSONS: lessons }, cwd: scratch });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /good +Good/);
    assert.doesNotMatch(r.stdout, /\bBad\b/);
    assert.match(r.stderr, /lessons\/02-bad\/lesson\.md:9: '::: quiz' is not closed/);
  });

  it("doctor reports the machine and exits 0 here", async () => {
    const r = await runCli(["doctor"], { env, timeoutMs: 15000 });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    for (const what of ["Node.js", "Python 3", "strace", "Socket table", "Loopback IPv4", "Loopback IPv6", "Unix sockets", "Terminal", "Progress"]) assert.match(r.stdout, new RegExp(`^\\S+ +${what.replace(".", "\\.")} `, "m"), what);
    assert.match(r.stdout, /Terminal +output is not a terminal/);
    // Private networks: available here (the suite's machine allows user namespaces), and off when asked.
    assert.match(r.stdout.replace(/\s+/g, " "), / ok Private networks each demo and check runs in a network and process tree of its own/);
    const off = await runCli(["doctor"], { env: { ...env, SOCKET_TUTOR_SANDBOX: "off" }, timeoutMs: 15000 });
    assert.match(off.stdout.replace(/\s+/g, " "), /Private networks not available \(.*\): runs share this machine's loopback/);
    // Linux with python3 (this machine): verify's subreaper still ends what leaves a program's group.
    assert.match(off.stdout.replace(/\s+/g, " "), /a check still ends the processes a program starts, even those that leave its process group/);
  });

  it("list, --help and --version load neither blessed nor inquirer nor marked-terminal", async () => {
    const preload = path.join(repoRoot, "test", "fixtures", "track-imports.mjs");
    for (const args of [["--version"], ["--help"], ["list"]]) {
      const log = path.join(scratch, `imports-${args[0]}.log`);
      const r = await runCli(args, { env: { ...env, NODE_OPTIONS: `--import=${preload}`, TRACK_IMPORTS_FILE: log } });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(existsSync(log), "the import tracker ran");
      const loaded = readFileSync(log, "utf8");
      assert.match(loaded, /dist\/src\/cli\.js/);
      for (const heavy of ["node_modules/blessed/", "node_modules/inquirer/", "node_modules/marked-terminal/", "node_modules/marked/"]) assert.ok(!loaded.includes(heavy), `${args.join(" ")} loaded ${heavy}`);
    }
  });
});
