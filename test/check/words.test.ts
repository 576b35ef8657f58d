/**
 * The checker's words come from the catalog: sizes in the shared units (one byte,
 * KiB without a stray ".0"), commands the learner can run as printed, and a stderr
 * excerpt recognised by its shape rather than by its English heading.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { showBytes, size } from "../../src/check/bytes.js";
import { displayLine } from "../../src/check/output.js";
import { formatCheck, formatSummary } from "../../src/check/report.js";
import type { VerifyReport } from "../../src/check/types.js";
import { learnerCwd, tutorCommand } from "../../src/util/invocation.js";
import { makeStyle } from "../../src/util/style.js";
import { tempHome } from "../support/cli.js";

const s = makeStyle(false);

function report(over: Partial<VerifyReport>): VerifyReport {
  return {
    exercise: "tcp-echo",
    passed: false,
    checks: [{ name: "starts", passed: false, detail: "nothing", ms: 0 }],
    seeds: [1],
    notes: [],
    command: { file: "python3", args: ["x.py"], cwd: "/tmp", display: "python3 x.py" },
    env: {},
    pids: [],
    exits: [],
    hiddenOutputBytes: 0,
    ms: 0,
    cancelled: false,
    ...over,
  };
}

describe("the checker's words", () => {
  it("says one byte, not 1 bytes", () => {
    assert.equal(size(1), "1 byte");
    assert.equal(size(1400), "1400 bytes");
    assert.equal(size(262144), "262144 bytes (256 KiB)");
    assert.equal(showBytes(Buffer.alloc(49, 0x61), 48), `b'${"a".repeat(48)}'… (49 bytes)`);
    assert.equal(displayLine(Buffer.from("abc"), 4), "abc … (1 more byte)");
  });

  it("sizes hidden output with the shared units", () => {
    assert.match(formatSummary(report({ hiddenOutputBytes: 1 }), s, 200, false), /^\[your program\] … 1 byte more output not shown$/m);
    assert.match(formatSummary(report({ hiddenOutputBytes: 5 * 1024 * 1024 }), s, 200, false), /^\[your program\] … 5 MiB more output not shown$/m);
  });

  it("prints hint and solution commands that run as printed", () => {
    const failed = formatSummary(report({}), s, 1000, false);
    const stuck = /Stuck\? (.+ hint tcp-echo) gives the hint for the first failure\.$/m.exec(failed);
    assert.ok(stuck, failed);
    assert.equal(stuck[1], `${tutorCommand()} hint tcp-echo`);
    const passed = formatSummary(report({ passed: true, checks: [{ name: "starts", passed: true, detail: "", ms: 0 }] }), s, 1000, true);
    const compare = /reference solutions: (.+ solution tcp-echo)$/m.exec(passed);
    assert.ok(compare, passed);
    // Run as printed (with --help, so nothing is shown or recorded): the shell finds it and it is the tutor.
    for (const command of [stuck[1], compare[1]]) {
      const r = spawnSync("sh", ["-c", `${command} --help`], { cwd: learnerCwd(), env: { ...process.env, SOCKET_TUTOR_HOME: tempHome() }, encoding: "utf8", timeout: 10_000 });
      assert.equal(r.status, 0, `${command}: ${r.stderr}`);
      assert.match(r.stdout, /^Usage: socket-tutor (hint|solution) /);
    }
  });

  it("knows a stderr excerpt by its shape, whatever its heading says", () => {
    const check = { name: "echoes", passed: false, detail: "got nothing\nSes erreurs :\n  | Traceback\n  | Boom\nthen more", ms: 0 };
    const shown = formatCheck(check, s, 100, { stderrShownAbove: true });
    assert.doesNotMatch(shown, /Traceback|Ses erreurs/);
    assert.match(shown, /Its stderr is shown above \(the \[your program\] lines\)\.\n {4}then more$/);
  });
});
