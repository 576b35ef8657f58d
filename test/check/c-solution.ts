/**
 * A C reference solution, built with cc and verified as an executable (verify runs an
 * executable file directly). Skipped where no C compiler is installed.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { it } from "node:test";
import { which } from "../../src/util/which.js";
import { exercisesDir, scratch, verifyProgram } from "./support.js";

const cc = which("cc");

export function cSolutionPasses(id: string): void {
  it("the reference solution.c, built with cc, passes, and nothing is left running", { skip: cc ? false : "no C compiler (cc) here" }, async () => {
    const exe = path.join(scratch("st-c-"), id);
    const built = spawnSync(cc!, ["-std=c11", "-Wall", "-Wextra", "-O2", "-o", exe, path.join(exercisesDir, id, "solution.c")], { encoding: "utf8", timeout: 60_000 });
    assert.equal(built.status, 0, built.stderr);
    assert.equal(built.stderr, "", "no warnings");
    const report = await verifyProgram(id, exe);
    assert.equal(report.passed, true, JSON.stringify(report.checks, null, 2));
  });
}
