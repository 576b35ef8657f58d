import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { promisify } from "node:util";
import { repoRoot, tempHome } from "../support/cli.js";
import { hasTmux, TmuxSession } from "../support/tmux.js";

/**
 * The README's two commands in a fresh checkout, with no socket-tutor on the PATH: every
 * command the tutor prints (its exercise screen, the lesson text, the goodbye, the
 * exercise command's next steps) is typed into the same shell exactly as printed, and runs.
 */

const run = promisify(execFile);
const skip = !hasTmux() ? "tmux is not installed" : process.platform !== "linux" ? "the exercise checks read /proc" : false;
const work = mkdtempSync(path.join(os.tmpdir(), "st-clone-"));
const home = tempHome();
after(() => rmSync(work, { recursive: true, force: true }));

/** The tracked files as they are now (a clone of this working tree: no dist/, no node_modules/, no progress). */
function freshCheckout(to: string): void {
  const files = execFileSync("git", ["ls-files", "-z"], { cwd: repoRoot, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const f of files) {
    mkdirSync(path.dirname(path.join(to, f)), { recursive: true });
    try {
      copyFileSync(path.join(repoRoot, f), path.join(to, f));
    } catch {
      // deleted in the working tree, not yet committed
    }
  }
  // `npm install` would fetch the same packages; this machine has them already.
  symlinkSync(path.join(repoRoot, "node_modules"), path.join(to, "node_modules"));
}

/** A shell whose PATH has node and npm but no socket-tutor, prompt "$ ", in `cwd`. */
async function shell(cwd: string): Promise<TmuxSession> {
  const bin = path.join(work, "bin");
  mkdirSync(bin, { recursive: true });
  for (const tool of ["node", "npm", "sh", "cat", "ls", "env", "sleep", "git", "printf"]) {
    const found = execFileSync("sh", ["-c", `command -v ${tool} || true`], { encoding: "utf8" }).trim();
    if (found) {
      try {
        symlinkSync(found, path.join(bin, tool));
      } catch {
        // already linked
      }
    }
  }
  // A clean environment, as a new terminal has: nothing inherited from the npm that runs this suite (INIT_CWD, npm_*).
  const clean = ["env", "-i", `PATH=${bin}:/usr/bin:/bin`, `HOME=${home}`, `SOCKET_TUTOR_HOME=${home}`, "TERM=xterm-256color", "PS1=$ ", "sh", "-i"];
  const t = await TmuxSession.start(clean, { width: 120, height: 40, cwd });
  await t.waitFor(/^\$\s*$/m);
  return t;
}

/** Types a command line and waits for its own end marker (a marker from an earlier line could still be on screen). */
let runs = 0;
async function typed(t: TmuxSession, line: string, timeoutMs: number): Promise<{ screen: string; status: number }> {
  const mark = `__STATUS${++runs}`;
  await t.type(`clear; ${line}; echo "${mark}:$?"\n`);
  const screen = await t.waitFor(new RegExp(`${mark}:\\d+`), timeoutMs);
  return { screen, status: Number(new RegExp(`${mark}:(\\d+)`).exec(screen)![1]) };
}

/** A command as printed on the screen (the pattern's first group). */
function printed(screen: string, pattern: RegExp): string {
  const m = pattern.exec(screen);
  assert.ok(m, `no command matching ${pattern} on the screen:\n${screen}`);
  return m[1]!.trim();
}

describe("a fresh clone, without a global install", { skip, timeout: 240_000 }, () => {
  const clone = path.join(work, "socket-tutor");

  it("builds as npm install does", async () => {
    freshCheckout(clone);
    await run(process.execPath, [path.join(clone, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], { cwd: clone, timeout: 180_000 });
  });

  it("npm start, then every command the tutor prints, typed as printed", async () => {
    const t = await shell(clone);
    try {
      assert.doesNotMatch(execFileSync("sh", ["-c", "command -v socket-tutor || echo none"], { env: { PATH: `${path.join(work, "bin")}:/usr/bin:/bin` }, encoding: "utf8" }), /socket-tutor$/m, "no socket-tutor on this PATH");
      await t.type("npm start\n");
      await t.waitFor("Choose a lesson", 30_000);
      // To the first exercise's screen, past its task's pages.
      const cursor = (s: string): string => s.split("\n").find((l) => l.includes("❯")) ?? "";
      for (let i = 0; i < 20 && !/A TCP echo server/.test(cursor(t.screen())); i++) {
        const before = cursor(t.screen());
        await t.keys("Down");
        await t.waitFor((s) => cursor(s) !== before, 5000);
      }
      await t.keys("Enter");
      let screen = "";
      for (let i = 0; i < 6; i++) {
        screen = await t.waitFor(/❯ (↓ Continue reading|▶ Check)/);
        if (/verify tcp-echo socket-tutor-exercises/.test(screen)) break;
        await t.keys("Enter");
      }
      // The task's own text says how to check from a shell: {{tutor}} as it runs here.
      const verify = printed(screen, /^ *((?:socket-tutor|node \S*cli\.js) verify tcp-echo socket-tutor-exercises\/tcp-echo\/tcp-echo\.py)$/m);
      await t.keys("C-c");
      screen = await t.waitFor(/' picks up where/, 10_000);
      const start = printed(screen, /'((?:socket-tutor|node \S*cli\.js) start)' picks up where/);
      assert.equal(start, "node dist/src/cli.js start", "inside the checkout: the short form, relative to the folder npm was started in");
      await t.waitFor(/^\$\s*$/m, 10_000);

      // As printed, from the same folder.
      let r = await typed(t, verify, 30_000);
      assert.match(r.screen, /Checking tcp-echo: A TCP echo server/);
      assert.equal(r.status, 1, "the starter does not pass yet: exit 1, not 127");
      assert.doesNotMatch(r.screen, /not found/);

      await t.type(`${start}\n`);
      await t.waitFor("Choose a lesson", 15_000);
      await t.keys("C-c");
      await t.waitFor(/' picks up where/);

      // The exercise command's next steps, each as printed.
      r = await typed(t, `${start.replace(/ start$/, "")} exercise udp-upper`, 15_000);
      assert.equal(r.status, 0);
      const next = printed(r.screen, /^ {2}((?:socket-tutor|node \S*cli\.js) verify udp-upper socket-tutor-exercises\/udp-upper\/udp-upper\.py)$/m);
      const hint = printed(r.screen, /Hints one at a time: ((?:socket-tutor|node \S*cli\.js) hint udp-upper)$/m);
      for (const [command, expect] of [
        [next, /Checking udp-upper/],
        [hint, /Hint 1 of \d+: /],
      ] as const) {
        r = await typed(t, command, 30_000);
        assert.match(r.screen, expect, `${command}:\n${r.screen}`);
        assert.notEqual(r.status, 127, command);
        assert.doesNotMatch(r.screen, /not found/, command);
      }

      // The lesson text's commands: a demo step says how to run it from a shell.
      r = await typed(t, `${start.replace(/ start$/, "")} show 7 | cat`, 15_000);
      // `show` prints the whole lesson; the command is in its scrollback.
      const history = t.tmux(["capture-pane", "-p", "-S", "-400", "-t", "0"]);
      const demo = printed(history, /Run it: ((?:socket-tutor|node \S*cli\.js) demo client-calls tcp-step-by-step)/);
      r = await typed(t, `${demo} --plain --runtime node`, 60_000);
      assert.equal(r.status, 0, `the demo ran:\n${r.screen}`);
      const screen2 = r.screen;
      assert.match(screen2, /connect/);
    } finally {
      t.close();
    }
  });
});
