import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { CHECKER_IDS, loadChecker } from "../../src/check/checkers.js";
import { loadExercises } from "../../src/exercises/catalog.js";
import { readHints, solutionFiles, starterFiles } from "../../src/exercises/files.js";
import { exercisesDir, verifyProgram } from "./support.js";

const IDS = ["tcp-echo", "tcp-client", "udp-upper", "chat-bye", "ipv6-echo", "unix-echo", "concurrent-echo", "udp-kv", "udp-retry", "proxy"];
const TAUGHT_BY: Record<string, string> = {
  "tcp-echo": "server-calls",
  "tcp-client": "client-calls",
  "udp-upper": "udp",
  "chat-bye": "chat",
  "ipv6-echo": "address-families",
  "unix-echo": "address-families",
  "concurrent-echo": "many-clients",
  "udp-kv": "udp-protocol",
  "udp-retry": "udp-protocol",
  proxy: "things-go-wrong",
};

describe("the exercise catalog", { concurrency: 4 }, () => {
  const { exercises, problems } = loadExercises();

  it("has the seven exercises, each placed in the lesson that teaches it, with a checker", async () => {
    assert.deepEqual(problems, []);
    assert.deepEqual([...exercises.map((e) => e.id)].sort(), [...IDS].sort());
    assert.deepEqual([...CHECKER_IDS].sort(), [...IDS].sort());
    for (const e of exercises) {
      assert.equal(e.lesson, TAUGHT_BY[e.id], e.id);
      assert.ok(await loadChecker(e.id), e.id);
    }
  });

  it("every exercise has a task that states the contract, hints, and starters and solutions in both languages", () => {
    for (const e of exercises) {
      const vars = e.id === "unix-echo" ? ["SOCKET_PATH"] : e.id === "tcp-client" ? ["HOST", "PORT", "MESSAGE"] : ["HOST", "PORT"];
      for (const v of vars) assert.match(e.task, new RegExp(`\\b${v}\\b`), `${e.id}: the task names ${v}`);
      assert.match(e.task, /process group/, `${e.id}: the task says how the program is run`);
      assert.match(e.task, /\[your program\]/, `${e.id}: the task says how output is shown`);
      assert.match(e.task, new RegExp(`\\{\\{tutor\\}\\} verify ${e.id} socket-tutor-exercises/${e.id}/${e.id}\\.py\\n`), `${e.id}: the task says how to check it, as the command runs here`);
      assert.ok(readHints(e).length >= 3, `${e.id}: at least three hints`);
      assert.deepEqual(starterFiles(e).map((f) => f.name), ["starter.py", "starter.mjs"], e.id);
      assert.deepEqual(solutionFiles(e).map((f) => f.name), ["solution.py", "solution.mjs"], e.id);
      for (const s of starterFiles(e)) {
        assert.match(s.text, /TODO/, `${e.id}/${s.name} leaves the work to the learner`);
        assert.match(s.text, /lesson \d+/, `${e.id}/${s.name} points to a lesson`);
      }
    }
  });

  // Honest skeletons: run as they are, every starter fails (at its first check), none passes.
  for (const id of IDS) {
    for (const ext of ["py", "mjs"]) {
      it(`the ${id} starter.${ext} runs and fails its first check`, async () => {
        const report = await verifyProgram(id, path.join(exercisesDir, id, `starter.${ext}`));
        assert.equal(report.passed, false);
        assert.equal(report.checks[0]!.passed, false);
        assert.match(report.checks[0]!.detail, /exited with code 0/);
      });
    }
  }
});
