import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { isTerminalSafe } from "../../src/text/escape.js";
import { displayWidth } from "../../src/text/width.js";
import { cliPath } from "../support/cli.js";
import { fixturesDir, scratch } from "./support.js";

/**
 * Everything from the learner's program (its output, its stderr in a check's detail,
 * its file name) reaches verify's stdout and stderr escaped, in every view: no byte a
 * terminal would act on, and valid UTF-8 only.
 */

const HOSTILE_NAME = "evil\x1b]0;NAME-TITLE\x07\u009b2J\u202eyp.py";

interface Run {
  code: number | null;
  stdout: Buffer;
  stderr: Buffer;
}

/** Runs the CLI with raw byte capture; `until` (on stdout so far) ends it with SIGINT. */
function runRaw(args: string[], cwd: string, env: NodeJS.ProcessEnv, opts: { until?: RegExp; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd, env: { ...process.env, NO_COLOR: "1", SOCKET_TUTOR_HOME: scratch("st-home-"), ...env }, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let sent = false;
    child.stdout.on("data", (d: Buffer) => {
      out.push(d);
      if (opts.until && !sent && opts.until.test(Buffer.concat(out).toString("utf8"))) {
        sent = true;
        child.kill("SIGINT");
      }
    });
    child.stderr.on("data", (d: Buffer) => err.push(d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`verify did not finish; stdout:\n${Buffer.concat(out).toString("utf8").slice(-3000)}`));
    }, opts.timeoutMs ?? 30_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err) });
    });
  });
}

/** Fails with the first character a terminal would act on (or the first invalid UTF-8). */
export function assertTerminalSafe(buf: Buffer, what: string): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(buf);
  } catch {
    assert.fail(`${what} is not valid UTF-8`);
  }
  if (!isTerminalSafe(text, { keepNewlines: true, tabs: "keep" })) {
    const lines = text.split("\n");
    const bad = lines.find((l) => !isTerminalSafe(l, { tabs: "keep" }))!;
    assert.fail(`${what} holds a raw control character in this line: ${JSON.stringify(bad)}`);
  }
  return text;
}

function hostileCopy(): { dir: string; name: string } {
  const dir = scratch("st-out-");
  copyFileSync(path.join(fixturesDir, "common/hostile-output.py"), path.join(dir, HOSTILE_NAME));
  return { dir, name: HOSTILE_NAME };
}

describe("verify shows the program's text escaped", { concurrency: 4 }, () => {
  it("plain verify: output lines, the crash's stderr excerpt (after more than 200 lines) and the file name", async () => {
    const { dir, name } = hostileCopy();
    const r = await runRaw(["verify", "tcp-echo", name], dir, { HOSTILE: "crash", COLUMNS: "200" });
    assert.equal(r.code, 1);
    const out = assertTerminalSafe(r.stdout, "stdout");
    assertTerminalSafe(r.stderr, "stderr");
    assert.match(out, /Running python3 evil\\x1b\]0;NAME-TITLE\\x07\\x9b2J\\u202eyp\.py in /, "the file name, escaped");
    assert.match(out, /\[your program\] \\x1b\[2J\\x1b\]0;PWNED-TITLE\\x07/, "an output line, escaped");
    assert.match(out, /\\x9d\\x9b31m bidi:\\u202egnp\.exe\\u202c bell:\\x07 bs:\\x08 cr:\\r end invalid:\\xff\\xfe\\xc3\( \\xe2\\x82/, "C1, bidi, C0 and invalid UTF-8, escaped");
    assert.match(out, /\[your program\] split:中!/, "a character split across two writes arrives whole");
    assert.match(out, /Its stderr( \(last 12 lines\))?:\n +\| /, "the excerpt is printed: more than 200 lines were shown");
    assert.match(out, / {2}\| RuntimeError: crashed: \\x1b\[2J\\x1b\]0;PWNED-TITLE\\x07/, "the excerpt, escaped");
  });

  it("usage errors quote a hostile file or exercise name escaped", async () => {
    const dir = scratch("st-out-");
    for (const args of [["verify", "tcp-echo", "\x1b]0;X\x07\u202emissing.py"], ["verify", "\x1b[2Jtcp-echo", "x.py"], ["verify", "tcp-echo", "a.py", "\x1b[2J"]]) {
      const r = await runRaw(args, dir, {});
      assert.equal(r.code, 2, r.stderr.toString());
      assert.match(assertTerminalSafe(r.stderr, `stderr of ${JSON.stringify(args)}`), /\\x1b/);
    }
  });

  it("--json: no raw control character in the data either", async () => {
    const { dir, name } = hostileCopy();
    const r = await runRaw(["verify", "tcp-echo", name, "--json"], dir, { HOSTILE: "crash" });
    assert.equal(r.code, 1);
    const text = assertTerminalSafe(r.stdout, "the JSON report");
    const report = JSON.parse(text) as { checks: { detail: string }[] };
    assert.match(report.checks[0]!.detail, /RuntimeError: crashed: \\x1b\[2J/);
    assert.doesNotMatch(report.checks[0]!.detail, /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/);
  });

  it("--watch: the program's output while it passes", async () => {
    const { dir, name } = hostileCopy();
    const r = await runRaw(["verify", "tcp-echo", name, "--watch"], dir, {}, { until: /Watching /, timeoutMs: 40_000 });
    assert.equal(r.code, 130);
    const out = assertTerminalSafe(r.stdout, "stdout");
    assertTerminalSafe(r.stderr, "stderr");
    assert.match(out, /Passed: all 5 checks/);
    assert.match(out, /\[your program\] \\x1b\[2J/);
    assert.match(out, /Watching evil\\x1b\]0;NAME-TITLE\\x07\\x9b2J\\u202eyp\.py: save it/);
  });

  it("a 100 MB line without a newline is one line, cut by width, saying how many bytes were left out", async () => {
    const dir = scratch("st-out-");
    copyFileSync(path.join(fixturesDir, "tcp-echo/long-line.py"), path.join(dir, "long.py"));
    const r = await runRaw(["verify", "tcp-echo", "long.py"], dir, {}, { timeoutMs: 60_000 });
    const out = assertTerminalSafe(r.stdout, "stdout");
    assert.equal(r.code, 0, out.slice(-2000));
    const lines = out.split("\n").filter((l) => l.startsWith("[your program]"));
    assert.equal(lines.length, 1, `one line, not ${lines.length}`);
    const m = /^\[your program\] ((?:ab中)+(?:ab?)?) … \((\d+) more bytes\)$/.exec(lines[0]!);
    assert.ok(m, `cut with a count: ${lines[0]!.slice(0, 80)}…${lines[0]!.slice(-80)}`);
    assert.ok(displayWidth(lines[0]!.slice("[your program] ".length)) <= 400, "at most 400 columns");
    assert.ok(displayWidth(m[1]!) >= 350, "but most of them used");
    assert.equal(Number(m[2]), 100_000_000 - Buffer.byteLength(m[1]!), "the exact count of bytes left out");
    assert.doesNotMatch(out, /more output not shown/, "the cut bytes are counted in the line, not again");
  });
});
