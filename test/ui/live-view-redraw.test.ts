/**
 * The blessed adapter, driven on a fake run in a child process (live-view-harness.ts):
 * change-only redraw, and a layout that does not move as the table grows.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";

interface Counts {
  renders: number;
  setContent: number;
  draws: number;
}
interface Report {
  paused: Counts;
  oneChange: Counts;
  boxesSmallTable: string;
  boxesBigTable: string;
}

const dir = mkdtempSync(path.join(os.tmpdir(), "st-redraw-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let report: Report;

before(async () => {
  const harness = path.join(path.dirname(fileURLToPath(import.meta.url)), "live-view-harness.js");
  const file = path.join(dir, "report.json");
  const child = spawn(process.execPath, [harness, file], { stdio: ["pipe", "ignore", "pipe"], env: { ...process.env, TERM: "xterm-256color", SOCKET_TUTOR_HOME: dir } });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const code = await new Promise<number | null>((r) => child.on("exit", r));
  clearTimeout(timer);
  assert.equal(code, 0, `the harness failed: ${stderr}`);
  report = JSON.parse(readFileSync(file, "utf8")) as Report;
});

describe("the live view's blessed adapter", () => {
  it("a paused run whose table readings repeat renders but sets no box and draws nothing", () => {
    assert.ok(report.paused.renders >= 5, `the view was asked to render (${report.paused.renders} renders)`);
    assert.equal(report.paused.setContent, 0, "no box set again");
    assert.equal(report.paused.draws, 0, "the screen was not drawn");
  });

  it("one change (a line of output) sets only the box that shows it, and draws once", () => {
    assert.equal(report.oneChange.setContent, 1, JSON.stringify(report.oneChange));
    assert.equal(report.oneChange.draws, 1, JSON.stringify(report.oneChange));
  });

  it("at 80x24 the boxes stay where they are when the table grows from 2 rows to 13", () => {
    assert.notEqual(report.boxesSmallTable, "[]");
    assert.equal(report.boxesBigTable, report.boxesSmallTable);
  });
});
