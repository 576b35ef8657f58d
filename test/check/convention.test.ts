import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { loadChecker } from "../../src/check/checkers.js";
import { loadExercises } from "../../src/exercises/catalog.js";
import { checkerModuleIds, checkerProblems } from "../../src/exercises/checker-modules.js";
import { formatProblem } from "../../src/lessons/load.js";
import { UserError } from "../../src/util/errors.js";
import { repoRoot, runCli, tempHome } from "../support/cli.js";

/**
 * Exercises are found by convention: a folder lessons/exercises/<id>/ and a checker module
 * src/check/exercises/<id>.ts exporting `checker`. One without the other is an author's
 * mistake, said in words; checker modules load only when their exercise is verified.
 */

const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function temp(): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), "st-convention-")));
  roots.push(dir);
  return dir;
}

const shipped = path.join(repoRoot, "lessons", "exercises");

describe("exercises by convention", { concurrency: true }, () => {
  it("an exercise folder without a checker module is reported by the loader and by list, and verify names the missing module", async () => {
    const root = temp();
    const ex = path.join(root, "exercises", "new-thing");
    cpSync(path.join(shipped, "tcp-echo"), ex, { recursive: true });
    const task = path.join(ex, "task.md");
    writeFileSync(task, readFileSync(task, "utf8").replace(/^id: tcp-echo$/m, "id: new-thing"));
    const { exercises, problems } = loadExercises(path.join(root, "exercises"));
    assert.deepEqual(exercises.map((e) => e.id), ["new-thing"]);
    assert.deepEqual(problems.map((p) => formatProblem(p, root)), ["exercises/new-thing: this exercise has no checker: add src/check/exercises/new-thing.ts, exporting 'checker' (see CONTRIBUTING.md)"]);
    const env = { SOCKET_TUTOR_HOME: tempHome(), SOCKET_TUTOR_LESSONS: root };
    const list = await runCli(["list"], { env, cwd: root });
    assert.match(list.stderr, /exercises\/new-thing: this exercise has no checker: add src\/check\/exercises\/new-thing\.ts/);
    const verify = await runCli(["verify", "new-thing", path.join(ex, "solution.py")], { env, cwd: root });
    assert.equal(verify.code, 1, verify.stderr);
    assert.match(verify.stderr, /the exercise 'new-thing' has no checker: src\/check\/exercises\/new-thing\.ts is missing/);
    assert.doesNotMatch(verify.stderr, /unexpected error|at .*\.js:\d+/);
  });

  it("a checker module without an exercise folder is reported; a stale compiled file with no source is not a checker", () => {
    const source = temp();
    const built = temp();
    for (const id of ["tcp-echo", "orphan"]) writeFileSync(path.join(source, `${id}.ts`), "export const checker = {};\n");
    writeFileSync(path.join(source, "types.d.ts"), "");
    // tsc never deletes dist/…/stream.js after stream.ts moved away.
    for (const id of ["tcp-echo", "orphan", "stream"]) writeFileSync(path.join(built, `${id}.js`), "");
    const dirs = { source, built };
    assert.deepEqual(checkerModuleIds(dirs), ["orphan", "tcp-echo"]);
    const problems = checkerProblems([{ id: "tcp-echo", dir: path.join(shipped, "tcp-echo") }], ["tcp-echo"], dirs);
    assert.deepEqual(problems.map((p) => formatProblem(p, source)), ["orphan.ts: this checker has no exercise folder lessons/exercises/orphan/: add the folder, or move a helper shared by checkers to src/check/common/"]);
    // Only the tutor's own lessons are held to "every module has a folder": an author's folder may hold one exercise.
    assert.deepEqual(checkerProblems([{ id: "tcp-echo", dir: "x" }], undefined, dirs), []);
    // An installed package has no sources: the compiled modules decide.
    assert.deepEqual(checkerModuleIds({ source: path.join(source, "missing"), built }), ["orphan", "stream", "tcp-echo"]);
  });

  it("the shipped tree keeps the convention: no problems, and every checker module exports the checker of its own id", async () => {
    assert.deepEqual(checkerProblems(readdirSync(shipped).map((id) => ({ id, dir: path.join(shipped, id) })), readdirSync(shipped)), []);
    for (const id of checkerModuleIds()) assert.equal((await loadChecker(id))?.id, id);
  });

  it("a module that cannot serve says why: not compiled, no 'checker' export, another exercise's checker", async () => {
    const source = temp();
    const built = temp();
    for (const id of ["not-built", "no-export", "wrong-id"]) writeFileSync(path.join(source, `${id}.ts`), "");
    writeFileSync(path.join(built, "no-export.js"), "export const check = 1;\n");
    writeFileSync(path.join(built, "wrong-id.js"), "export const checker = { id: 'tcp-echo', prepare() {}, checks() { return []; } };\n");
    const dirs = { source, built };
    await assert.rejects(loadChecker("not-built", dirs), (e: unknown) => e instanceof UserError && /src\/check\/exercises\/not-built\.ts is not compiled yet: run 'npm run build'/.test(e.message));
    await assert.rejects(loadChecker("no-export", dirs), (e: unknown) => e instanceof UserError && /no-export\.ts does not export 'checker'/.test(e.message));
    await assert.rejects(loadChecker("wrong-id", dirs), (e: unknown) => e instanceof UserError && /wrong-id\.ts exports a checker for 'tcp-echo'/.test(e.message));
    // Not a module name: never imported, whatever is on disk.
    mkdirSync(path.join(built, "sub"));
    assert.equal(await loadChecker("../checkers", dirs), undefined);
    assert.equal(await loadChecker("missing", dirs), undefined);
  });

  it("checker modules are loaded lazily: no module outside src/check/exercises/ imports one, only checkers.ts finds them by name", () => {
    const src = path.join(repoRoot, "src");
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith(".ts") && path.dirname(p) !== path.join(src, "check", "exercises")) {
          for (const m of readFileSync(p, "utf8").matchAll(/(?:from|import\()\s*"([^"]+)"/g)) {
            const target = path.resolve(path.dirname(p), m[1]!);
            if (target.startsWith(path.join(src, "check", "exercises") + path.sep)) offenders.push(`${path.relative(repoRoot, p)} imports ${m[1]}`);
          }
        }
      }
    };
    walk(src);
    assert.deepEqual(offenders, []);
  });
});
