import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { DemoSpecError, formatDemoProblem, listDemos, loadDemoFile, type DemoProblem } from "../../src/demo/load.js";

/** demo.json files and the programs they name, broken or hostile. */
const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function lessonRoot(): string {
  const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), "st-demofiles-")));
  roots.push(root);
  return root;
}

function demoIn(root: string, id: string, spec: unknown, programs: Record<string, string> = { "s.py": "", "s.mjs": "" }): string {
  const dir = path.join(root, "01-x", "demos", id);
  mkdirSync(dir, { recursive: true });
  if (spec !== undefined) writeFileSync(path.join(dir, "demo.json"), typeof spec === "string" ? spec : JSON.stringify(spec));
  for (const [name, text] of Object.entries(programs)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const spec = (id: string, proc: Record<string, unknown> = {}) => ({
  id,
  title: "T",
  summary: "S",
  processes: [{ name: "server", side: "left", python: "s.py", node: "s.mjs", ...proc }],
});

function problemsOf(file: string): DemoProblem[] {
  try {
    loadDemoFile(file);
  } catch (err) {
    if (err instanceof DemoSpecError) return err.problems;
    throw err;
  }
  return [];
}

const shown = (root: string, ps: DemoProblem[]): string[] => ps.map((p) => formatDemoProblem(p, root));

describe("demo programs stay inside their lesson folder", { concurrency: true }, () => {
  it("a program that is a link to a file outside the lesson folder is refused, by field", () => {
    const root = lessonRoot();
    const outside = path.join(lessonRoot(), "evil.py");
    writeFileSync(outside, "print('not the program shown')\n");
    const dir = demoIn(root, "leak", spec("leak"), { "s.mjs": "" });
    symlinkSync(outside, path.join(dir, "s.py"));
    assert.deepEqual(shown(root, problemsOf(path.join(dir, "demo.json"))), [`01-x/demos/leak/demo.json: processes[0].python: 's.py' is a link to ${outside}, outside the lesson folder`]);
  });

  it("a sibling demo's program of the same lesson is fine, even through a link inside the lesson", () => {
    const root = lessonRoot();
    demoIn(root, "many-clients", spec("many-clients"), { "s.py": "", "s.mjs": "", "client.py": "" });
    const dir = demoIn(root, "many-select", spec("many-select", { python: "../many-clients/client.py" }), { "s.mjs": "" });
    symlinkSync("../many-clients/s.py", path.join(dir, "linked.py"));
    assert.deepEqual(problemsOf(path.join(dir, "demo.json")), []);
    const linked = demoIn(root, "linked", spec("linked", { python: "../many-select/linked.py" }), { "s.mjs": "" });
    assert.deepEqual(problemsOf(path.join(linked, "demo.json")), []);
  });

  it("a program that is a folder or a link loop is named as such", () => {
    const root = lessonRoot();
    const dir = demoIn(root, "odd", spec("odd"), {});
    mkdirSync(path.join(dir, "s.py"));
    symlinkSync("s.mjs", path.join(dir, "s.mjs"));
    assert.deepEqual(shown(root, problemsOf(path.join(dir, "demo.json"))), [
      "01-x/demos/odd/demo.json: processes[0].python: 's.py' is a folder, not a file",
      "01-x/demos/odd/demo.json: processes[0].node: 's.mjs' is a symbolic link that loops",
    ]);
  });
});

describe("demo programs are text", () => {
  it("a program holding a terminal escape or a NUL byte is named with its line", () => {
    const root = lessonRoot();
    const dir = demoIn(root, "esc", spec("esc"), { "s.py": "print(1)\nprint('\x1b[2J')\n", "s.mjs": "x\0" });
    assert.deepEqual(shown(root, problemsOf(path.join(dir, "demo.json"))), [
      "01-x/demos/esc/demo.json: processes[0].python: 's.py' is not a text file: line 2 holds the control character U+001B",
      "01-x/demos/esc/demo.json: processes[0].node: 's.mjs' is not a text file: line 1 holds the control character U+0000",
    ]);
  });
});

describe("demo.json env", { concurrency: true }, () => {
  it("refuses variables that change how a loader or an interpreter runs the program", () => {
    const root = lessonRoot();
    const env = { LD_PRELOAD: "/tmp/x.so", DYLD_INSERT_LIBRARIES: "x", PYTHONPATH: "/tmp", PYTHONSTARTUP: "x", NODE_OPTIONS: "--require /tmp/x.js", NODE_PATH: "/tmp", PERL5OPT: "x", RUBYOPT: "x", BASH_ENV: "x", ENV: "x", PATH: "/tmp", HOME: "/tmp", GLIBC_TUNABLES: "x" };
    const dir = demoIn(root, "envy", spec("envy", { env }));
    const ps = problemsOf(path.join(dir, "demo.json"));
    assert.deepEqual(ps.map((p) => p.field).sort(), Object.keys(env).map((k) => `processes[0].env.${k}`).sort());
    for (const p of ps) assert.match(p.message, /is not allowed: a demo may set only/);
  });

  it("accepts a demo's own plain variables, and refuses a value with a NUL byte", () => {
    const root = lessonRoot();
    assert.deepEqual(problemsOf(path.join(demoIn(root, "plain", spec("plain", { env: { MESSAGE: "hello", NAME: "alice" } })), "demo.json")), []);
    const nul = problemsOf(path.join(demoIn(root, "nul", spec("nul", { env: { MESSAGE: "a\0b" }, args: ["x\0y"] })), "demo.json"));
    assert.deepEqual(nul.map((p) => p.field), ["processes[0].args", "processes[0].env.MESSAGE"]);
  });
});

describe("broken demo.json files", { concurrency: true }, () => {
  it("an array, a folder, a loop, binary or huge: each said in words, never a stack", () => {
    const root = lessonRoot();
    const arr = demoIn(root, "arr", "[1, 2]");
    const folder = demoIn(root, "folder", undefined);
    mkdirSync(path.join(folder, "demo.json"));
    const loop = demoIn(root, "loop", undefined);
    symlinkSync("demo.json", path.join(loop, "demo.json"));
    const huge = demoIn(root, "huge", JSON.stringify({ ...spec("huge"), summary: "x".repeat(300_000) }));
    demoIn(root, "bin", '{"id": "bin\u0000"}');
    const set = listDemos(root);
    assert.deepEqual(set.demos, []);
    assert.deepEqual(shown(root, set.problems), [
      "01-x/demos/arr/demo.json: must hold one JSON object { ... }, not a list",
      "01-x/demos/bin/demo.json:1: demo.json is not a text file: this line holds the control character U+0000",
      "01-x/demos/folder/demo.json: demo.json is a folder, not a file",
      // Sizes in the tutor's one unit system (text/units.ts): about 300,000 bytes, the limit 100 KiB.
      "01-x/demos/huge/demo.json: demo.json is too big (293.1 KiB; a demo.json may be at most 100 KiB)",
      "01-x/demos/loop/demo.json: demo.json is a symbolic link that loops",
    ]);
    for (const d of [arr, huge]) assert.ok(problemsOf(path.join(d, "demo.json")).length > 0);
  });
});
