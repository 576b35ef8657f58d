import assert from "node:assert/strict";
import { chmodSync, copyFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { loadChecker } from "../../src/check/checkers.js";
import { commandForFile } from "../../src/check/command.js";
import { runVerify } from "../../src/check/harness.js";
import { assertNothingLeft, exercisesDir, fixturesDir, scratch } from "./support.js";

/**
 * A learner's file name is data, never an option: `python3 -cprint('X')#.py` would run
 * the name as code, `node --eval=…` too. Each correct echo server below, whatever its
 * name, must run as the file it is and pass.
 */
const CASES: { name: string; from: string; executable?: boolean }[] = [
  { name: "-cprint('X')#.py", from: path.join(exercisesDir, "tcp-echo/solution.py") },
  { name: "--eval=process.exit(3),{}.js", from: path.join(exercisesDir, "tcp-echo/solution.mjs") },
  { name: "-e process.exit(4)||.mjs", from: path.join(exercisesDir, "tcp-echo/solution.mjs") },
  { name: "--eval=process.exit(5),{}.ts", from: path.join(fixturesDir, "tcp-echo/echo.ts") },
  { name: "-", from: path.join(exercisesDir, "tcp-echo/solution.py"), executable: true },
  { name: "my echo\nserver .py", from: path.join(exercisesDir, "tcp-echo/solution.py") },
];

describe("verify runs the learner's file whatever its name", { concurrency: 3 }, () => {
  for (const c of CASES) {
    it(`${JSON.stringify(c.name)} runs as a file and passes`, async () => {
      const dir = scratch("st-names-");
      const file = path.join(dir, c.name);
      if (c.executable) {
        writeFileSync(file, `#!/usr/bin/env python3\n${readFileSync(c.from, "utf8")}`);
        chmodSync(file, 0o755);
      } else copyFileSync(c.from, file);
      const command = commandForFile(file, dir);
      const checker = await loadChecker("tcp-echo");
      const report = await runVerify(checker!, { command });
      assertNothingLeft(report, dir);
      assert.equal(report.passed, true, JSON.stringify(report.checks, null, 2));
      for (const a of command.args) assert.ok(!a.startsWith("-") || a === "--import", `argument ${JSON.stringify(a)} reads as an option`);
    });
  }
});
