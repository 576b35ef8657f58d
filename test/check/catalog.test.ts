import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { loadChecker } from "../../src/check/checkers.js";
import { findCompiler } from "../../src/check/compiler.js";
import { loadExercises } from "../../src/exercises/catalog.js";
import { checkerModuleIds } from "../../src/exercises/checker-modules.js";
import { loadLessons } from "../../src/lessons/load.js";
import { readHints, solutionFiles, starterFiles } from "../../src/exercises/files.js";
import { exercisesDir, verifyProgram } from "./support.js";

// Found by convention (one folder + one checker module): these tests iterate what exists.
const { exercises, problems } = loadExercises();
const IDS = exercises.map((e) => e.id);

describe("the exercise catalog", { concurrency: 4 }, () => {
  it("every exercise folder has a checker and every checker a folder; each names a lesson, and a lesson opens it", async () => {
    assert.deepEqual(problems, []);
    assert.ok(IDS.length >= 7, `the exercises found: ${IDS.join(", ")}`);
    assert.deepEqual(checkerModuleIds(), [...IDS].sort());
    const lessons = loadLessons().lessons;
    for (const e of exercises) {
      const lesson = lessons.find((l) => l.meta.id === e.lesson);
      assert.ok(lesson, `${e.id}: its lesson '${e.lesson}' exists`);
      const opened = lessons.some((l) => l.steps.some((s) => s.blocks.some((b) => b.kind === "exercise" && b.exercise === e.id)));
      assert.ok(opened, `${e.id}: some lesson has a '::: exercise ${e.id}' step`);
      const checker = await loadChecker(e.id);
      assert.equal(checker?.id, e.id);
    }
  });

  it("every exercise has a task that states the contract, hints, and starters and solutions in Python, JavaScript and C", () => {
    for (const e of exercises) {
      const vars = e.id === "unix-echo" ? ["SOCKET_PATH"] : e.id === "tcp-client" ? ["HOST", "PORT", "MESSAGE"] : ["HOST", "PORT"];
      for (const v of vars) assert.match(e.task, new RegExp(`\\b${v}\\b`), `${e.id}: the task names ${v}`);
      assert.match(e.task, /process group/, `${e.id}: the task says how the program is run`);
      assert.match(e.task, /\[your program\]/, `${e.id}: the task says how output is shown`);
      assert.match(e.task, new RegExp(`\\{\\{tutor\\}\\} verify ${e.id} socket-tutor-exercises/${e.id}/${e.id}\\.py\\n`), `${e.id}: the task says how to check it, as the command runs here`);
      assert.ok(readHints(e).length >= 3, `${e.id}: at least three hints`);
      assert.deepEqual(starterFiles(e).map((f) => f.name), ["starter.py", "starter.mjs", "starter.c"], e.id);
      assert.deepEqual(solutionFiles(e).map((f) => f.name), ["solution.py", "solution.mjs", "solution.c"], e.id);
      for (const s of starterFiles(e)) {
        assert.match(s.text, /TODO/, `${e.id}/${s.name} leaves the work to the learner`);
        assert.match(s.text, /lesson \d+/, `${e.id}/${s.name} points to a lesson`);
      }
    }
  });

  // Honest skeletons: run as they are, every starter fails (at its first check), none passes.
  for (const id of IDS) {
    for (const ext of ["py", "mjs", "c"]) {
      it(`the ${id} starter.${ext} runs and fails its first check`, { skip: ext === "c" && !findCompiler() ? "no C compiler on PATH to build starter.c" : false }, async () => {
        const report = await verifyProgram(id, path.join(exercisesDir, id, `starter.${ext}`));
        assert.equal(report.passed, false);
        assert.equal(report.checks[0]!.passed, false);
        assert.match(report.checks[0]!.detail, /exited with code 0/);
      });
    }
  }
});
