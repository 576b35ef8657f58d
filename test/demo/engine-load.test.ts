import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { DemoSpecError, findDemo, listDemos, loadDemoFile, validateDemo } from "../../src/demo/load.js";
import { runCli, tempHome } from "../support/cli.js";

const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function demoDir(id: string, files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "st-demos-"));
  roots.push(root);
  const dir = path.join(root, "01-x", "demos", id);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const good = {
  id: "ok-demo",
  title: "T",
  summary: "S",
  port: 8000,
  processes: [
    { name: "server", side: "left", python: "s.py", node: "s.mjs" },
    { name: "client", side: "right", python: "c.py", node: "c.mjs", after: { process: "server", call: "listen" }, input: [{ text: "hi", after: { call: "connect" } }] },
  ],
};

describe("demo.json loading", { concurrency: true }, () => {
  it("a valid demo.json loads, with its folder and lesson", () => {
    const dir = demoDir("ok-demo", { "demo.json": JSON.stringify(good), "s.py": "", "s.mjs": "", "c.py": "", "c.mjs": "" });
    const demo = loadDemoFile(path.join(dir, "demo.json"));
    assert.equal(demo.spec.id, "ok-demo");
    assert.equal(demo.dir, dir);
    assert.equal(demo.lessonFolder, "01-x");
    assert.equal(findDemo("ok-demo", path.dirname(path.dirname(path.dirname(dir))))?.spec.title, "T");
  });

  it("every problem is named by field, in one pass", () => {
    const dir = demoDir("bad-demo", { "s.py": "" });
    const bad = {
      id: "Bad_Demo",
      title: "",
      port: 70000,
      family: "ipx",
      colour: "red",
      processes: [
        { name: "server", side: "middle", python: "s.py", node: "missing.mjs", env: { PORT: "1" } },
        { name: "server", side: "right", python: "../x.py", node: "s.mjs", after: { process: "sever", call: "listen" }, input: [{ text: "a\nb" }] },
      ],
    };
    const { spec, problems } = validateDemo(bad, path.join(dir, "demo.json"), dir);
    assert.equal(spec, undefined);
    const fields = problems.map((p) => p.field);
    for (const f of ["colour", "id", "title", "summary", "port", "family", "processes[0].side", "processes[0].node", "processes[0].env.PORT", "processes[1].name", "processes[1].python", "processes[1].after.process", "processes[1].input[0].text"]) {
      assert.ok(fields.includes(f), `a problem for ${f}: ${JSON.stringify(problems, null, 1)}`);
    }
    assert.match(problems.find((p) => p.field === "processes[1].after.process")!.message, /'sever' is not a process of this demo \(server, server\)/);
    assert.match(problems.find((p) => p.field === "processes[0].node")!.message, /'missing\.mjs' does not exist/);
  });

  it("a demo may run a sibling demo's program of the same lesson, nothing outside it", () => {
    const shared = demoDir("shared-demo", { "c.py": "", "c.mjs": "" });
    const lessonDemos = path.dirname(shared);
    const dir = path.join(lessonDemos, "variant");
    mkdirSync(dir);
    for (const f of ["s.py", "s.mjs"]) writeFileSync(path.join(dir, f), "");
    const spec = {
      id: "variant",
      title: "T",
      summary: "S",
      processes: [
        { name: "server", side: "left", python: "s.py", node: "s.mjs" },
        { name: "client", side: "right", python: "../shared-demo/c.py", node: "../shared-demo/c.mjs" },
      ],
    };
    assert.deepEqual(validateDemo(spec, path.join(dir, "demo.json"), dir).problems, []);
    const escaping = { ...spec, processes: [spec.processes[0]!, { ...spec.processes[1]!, python: "../../../etc/passwd" }] };
    const problems = validateDemo(escaping, path.join(dir, "demo.json"), dir).problems;
    assert.match(problems.find((p) => p.field === "processes[1].python")?.message ?? "", /must be a file beside demo\.json or in another demo of this lesson/);
  });

  it("ports is a small whole number; privateNetworkOnly goes with neither noPrivateNetwork nor an unprivileged process", () => {
    const dir = demoDir("netonly", { "s.py": "", "s.mjs": "" });
    const base = { id: "netonly", title: "T", summary: "S", processes: [{ name: "server", side: "left", python: "s.py", node: "s.mjs" }] };
    assert.deepEqual(validateDemo({ ...base, ports: 2, privateNetworkOnly: "It binds ::." }, path.join(dir, "demo.json"), dir).problems, []);
    const problems = (json: object) => validateDemo(json, path.join(dir, "demo.json"), dir).problems;
    assert.match(problems({ ...base, ports: 9 }).find((p) => p.field === "ports")?.message ?? "", /from 1 to 4/);
    assert.match(problems({ ...base, privateNetworkOnly: "x", noPrivateNetwork: "y" }).find((p) => p.field === "privateNetworkOnly")?.message ?? "", /cannot be set with noPrivateNetwork/);
    const unprivileged = { ...base, privateNetworkOnly: "x", processes: [{ ...base.processes[0]!, unprivileged: true }] };
    assert.match(problems(unprivileged).find((p) => p.field === "privateNetworkOnly")?.message ?? "", /unprivileged process/);
  });

  it("a broken file says which file and why; after cycles are caught", () => {
    const dir = demoDir("cyc", { "demo.json": "{ not json", "a.py": "", "a.mjs": "" });
    assert.throws(() => loadDemoFile(path.join(dir, "demo.json")), (err: unknown) => err instanceof DemoSpecError && /demo\.json: is not valid JSON/.test(err.message));
    const cyc = {
      id: "cyc",
      title: "T",
      summary: "S",
      processes: [
        { name: "a", side: "left", python: "a.py", node: "a.mjs", after: { process: "b", call: "listen" } },
        { name: "b", side: "right", python: "a.py", node: "a.mjs", after: { process: "a", call: "listen" } },
      ],
    };
    const { problems } = validateDemo(cyc, path.join(dir, "demo.json"), dir);
    assert.ok(problems.some((p) => /cycle/.test(p.message)), JSON.stringify(problems));
  });

  it("every demo shipped in lessons/ is valid and has both programs", () => {
    const { demos, problems } = listDemos();
    assert.deepEqual(problems, []);
    assert.ok(demos.some((d) => d.spec.id === "tcp-step-by-step"));
  });
});

describe("socket-tutor demo", { concurrency: true }, () => {
  const env = { SOCKET_TUTOR_HOME: tempHome() };

  it("--plain runs the demo to its end: calls, output, timeline, table; exit 0", async () => {
    const r = await runCli(["demo", "tcp-step-by-step", "--plain", "--runtime", "python", "--port", "0"], { env, timeoutMs: 20_000 });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /server\s+socket\(AF_INET, SOCK_STREAM\) → fd 3\s+server\.py:9/);
    assert.match(r.stdout, /client\s+connect\(fd 3, \('127\.0\.0\.1', \d+\)\) → ok/);
    assert.match(r.stdout, /server\s+\| reply: bye\s+\(typed\)/);
    assert.match(r.stdout, /Timeline\n\s+server\s+client/);
    assert.match(r.stdout, /◀──connect─/);
    // The last table is printed before the verdict, and nothing after it.
    assert.match(r.stdout, /The demo ran as designed(\.|: [\s\S]+)\n$/);
    assert.match(r.stdout, /Kernel table at the end\n(  .*\n)+\nThe demo ran/);
  });

  it("--plain without ss: a listener's backlog shows as '?' with the reason, never as 0", async () => {
    // An empty PATH: no ss (nor python3: the Node variant, run by this very Node).
    const r = await runCli(["demo", "first-socket", "--plain", "--runtime", "node", "--port", "0"], { env: { ...env, PATH: "" }, timeoutMs: 20_000 });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /LISTEN +127\.0\.0\.1:\d+ +0\.0\.0\.0:\* +accept queue 0\/\? +server fd \d+/);
    assert.doesNotMatch(r.stdout, /accept queue \d+\/0/);
    assert.match(r.stdout, /\? = not known here: \/proc\/net does not show it and ss is not installed/);
  });

  it("--runtime python without a usable python3 says so and runs nothing; a saved Python choice falls back to Node.js with a note", async () => {
    const noPython = { SOCKET_TUTOR_PYTHON: path.join(tempHome(), "no-such-python3") };
    const asked = await runCli(["demo", "first-socket", "--plain", "--runtime", "python", "--port", "0"], { env: { ...env, ...noPython }, timeoutMs: 20_000 });
    assert.equal(asked.code, 1, asked.stdout + asked.stderr);
    assert.equal(asked.stdout, "", "no demo ran");
    assert.match(asked.stderr, /^socket-tutor: you asked for the Python version of this demo, but SOCKET_TUTOR_PYTHON \(.*no-such-python3\) is not Python 3\.8 or newer\./);
    assert.match(asked.stderr.replace(/\s+/g, " "), /--runtime node/);
    assert.doesNotMatch(asked.stderr, /\bat .*\.js:\d+/, "no stack trace");

    // Not asked on the command line: the language chosen earlier in a lesson.
    const home = tempHome();
    writeFileSync(path.join(home, "progress.json"), JSON.stringify({ version: 1, lessons: {}, exercises: {}, settings: { runtime: "python" } }));
    const saved = await runCli(["demo", "first-socket", "--plain", "--port", "0"], { env: { SOCKET_TUTOR_HOME: home, ...noPython }, timeoutMs: 20_000 });
    assert.equal(saved.code, 0, saved.stdout + saved.stderr);
    assert.match(saved.stdout, /\(first-socket, node, /);
    assert.match(saved.stdout, /note: .*is not Python 3\.8 or newer, so this demo runs its Node\.js programs/);
  });

  it("a lesson number with one demo runs it; an unknown name gets the closest ones; a bad option is a usage error", async () => {
    const unknown = await runCli(["demo", "tcp-step-by-stp", "--plain"], { env });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no lesson or demo 'tcp-step-by-stp'\. Did you mean 'tcp-step-by-step'/);
    const wrongDemo = await runCli(["demo", "5", "chatt", "--plain"], { env });
    assert.equal(wrongDemo.code, 2);
    assert.match(wrongDemo.stderr, /lesson '5' has no demo 'chatt'.*Its demos: tcp-step-by-step\./);
    const runtime = await runCli(["demo", "5", "--runtime", "ruby"], { env });
    assert.equal(runtime.code, 2);
    assert.match(runtime.stderr, /--runtime must be 'python' or 'node'/);
  });

  it("a lesson with several demos lists them", async () => {
    const r = await runCli(["demo", "3", "--plain"], { env });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stdout, /has \d+ demos:/);
    assert.match(r.stdout, /echo-ipv4/);
    assert.match(r.stdout, /Run one with: node dist\/src\/cli\.js demo 3 <demo>/, "a command that runs as printed from here");
  });
});
