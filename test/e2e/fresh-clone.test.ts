import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
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
  const t = await TmuxSession.start(["sh", "-i"], { width: 120, height: 40, cwd, env: { PATH: `${bin}:/usr/bin:/bin`, SOCKET_TUTOR_HOME: home, PS1: "$ ", ENV: "" } });
  await t.waitFor(/^\$\s*$/m);
  return t;
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
      screen = await t.waitFor(/picks up where you left off/, 10_000);
      const start = printed(screen, /'((?:socket-tutor|node \S*cli\.js) start)' picks up where you left off/);
      await t.waitFor(/^\$\s*$/m, 10_000);

      // As printed, from the same folder.
      await t.type("clear\n");
      await t.type(`${verify}; echo "__STATUS:$?"\n`);
      screen = await t.waitFor(/__STATUS:\d+/, 30_000);
      assert.match(screen, /Checking tcp-echo: A TCP echo server/);
      assert.match(screen, /__STATUS:1/, "the starter does not pass yet: exit 1, not 127");
      assert.doesNotMatch(screen, /not found/);

      await t.type(`${start}\n`);
      await t.waitFor("Choose a lesson", 15_000);
      await t.keys("C-c");
      await t.waitFor(/picks up where you left off/);

      // The exercise command's next steps, each as printed.
      await t.type("clear\n");
      await t.type(`${start.replace(/ start$/, "")} exercise udp-upper; echo "__STATUS:$?"\n`);
      screen = await t.waitFor(/__STATUS:\d+/, 15_000);
      assert.match(screen, /__STATUS:0/);
      const next = printed(screen, /^ {2}((?:socket-tutor|node \S*cli\.js) verify udp-upper socket-tutor-exercises\/udp-upper\/udp-upper\.py)$/m);
      const hint = printed(screen, /Hints one at a time: ((?:socket-tutor|node \S*cli\.js) hint udp-upper)$/m);
      for (const [command, expect] of [
        [next, /Checking udp-upper/],
        [hint, /Hint 1 of \d+: /],
      ] as const) {
        await t.type("clear\n");
        await t.type(`${command}; echo "__STATUS:$?"\n`);
        screen = await t.waitFor(/__STATUS:\d+/, 30_000);
        assert.match(screen, expect, `${command}:\n${screen}`);
        assert.doesNotMatch(screen, /__STATUS:127|not found/, command);
      }

      // The lesson text's commands: a demo step says how to run it from a shell.
      await t.type("clear\n");
      await t.type(`${start.replace(/ start$/, "")} show 7 | cat; echo "__STATUS:$?"\n`);
      screen = await t.waitFor(/__STATUS:\d+/, 15_000);
      // `show` prints the whole lesson; the command is in its scrollback.
      const history = t.tmux(["capture-pane", "-p", "-S", "-400", "-t", "0"]);
      const demo = printed(history, /Run it: ((?:socket-tutor|node \S*cli\.js) demo client-calls tcp-step-by-step)/);
      await t.type("clear\n");
      await t.type(`${demo} --plain --runtime node; echo "__STATUS:$?"\n`);
      screen = await t.waitFor(/__STATUS:\d+/, 60_000);
      assert.match(screen, /__STATUS:0/, `the demo ran:\n${screen}`);
      writeFileSync(path.join(work, "last-screen.txt"), screen);
    } finally {
      t.close();
    }
  });
});
