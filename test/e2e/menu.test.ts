import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { cliPath, repoRoot, tempHome } from "../support/cli.js";
import { hasTmux, TmuxSession } from "../support/tmux.js";

const fixtures = path.join(repoRoot, "test", "fixtures", "lessons");
const skip = hasTmux() ? false : "tmux is not installed";

interface Saved {
  lessons: Record<string, { step: number; completed: boolean }>;
}
const saved = (home: string): Saved => JSON.parse(readFileSync(path.join(home, "progress.json"), "utf8")) as Saved;

async function session(args: string[], opts: { home: string; width?: number; height?: number; env?: Record<string, string>; lessons?: string; cwd?: string }): Promise<TmuxSession> {
  return TmuxSession.start([process.execPath, cliPath, ...args], {
    ...(opts.width ? { width: opts.width } : {}),
    ...(opts.height ? { height: opts.height } : {}),
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
    env: { SOCKET_TUTOR_HOME: opts.home, SOCKET_TUTOR_LESSONS: opts.lessons ?? fixtures, ...opts.env },
  });
}

/** After the tutor exits the tty must be back in cooked mode with echo. */
function assertTerminalRestored(t: TmuxSession): void {
  const stty = t.ttySettings();
  assert.match(stty, /(^|\s)icanon(\s|$)/, `canonical mode restored:\n${stty}`);
  assert.match(stty, /(^|\s)echo(\s|$)/, `echo restored:\n${stty}`);
}

describe("interactive menu in a real terminal", { skip, concurrency: 3 }, () => {
  it("start → menu → lesson → next → quiz → finish → quit, with progress saved", async () => {
    const home = tempHome();
    const t = await session(["start"], { home });
    try {
      let screen = await t.waitFor("Choose a lesson");
      assert.match(screen, /socket-tutor · learn sockets by watching real ones work/);
      assert.match(screen, /── Fixture chapter ──/);
      assert.match(screen, /❯ +1\. Alpha lesson +· new/);
      assert.match(screen, /2\. Beta lesson +· new/);
      assert.match(screen, /A fixture lesson for end-to-end tests\./, "the summary of the selected lesson");

      await t.keys("Enter");
      // Wait for the prompt, which is drawn after the step's text.
      screen = await t.waitFor("❯ Next: Second step");
      assert.match(screen, /Alpha text of the first step/);
      assert.match(screen, /Lesson 1 · Alpha lesson +step 1 of 3/);
      assert.equal(saved(home).lessons["alpha"]!.step, 0);

      await t.keys("Enter");
      screen = await t.waitFor("❯ a) 80");
      assert.match(screen, /Which port does the classic article use\?/);
      assert.match(screen, /step 2 of 3/);
      await t.keys("Down", "Enter");
      screen = await t.waitFor("❯ Next: Third step");
      assert.match(screen, /✓ Right: b\) 8000\n {3}The article binds 127\.0\.0\.1:8000\./);
      assert.doesNotMatch(screen, /✔/, "the prompt's own answered line is cleared");
      assert.equal(saved(home).lessons["alpha"]!.step, 1);

      await t.keys("Enter");
      screen = await t.waitFor("❯ Finish the lesson");
      assert.match(screen, /Alpha text of the last step/);
      await t.keys("Enter");
      // The summary: what the lesson showed, the quiz score, the course so far, what is next.
      screen = await t.waitFor("What now?");
      assert.match(screen, /✓ Lesson 1, Alpha lesson, is done\./);
      assert.match(screen, /Quiz: 1 of 1 right at the first try\./);
      assert.match(screen, /Course: ▰▱▱ 1\/3 lessons done\./);
      assert.match(screen, /❯ ▶ Next lesson: 2\. Beta lesson/);
      await t.keys("Down", "Enter"); // Back to the menu
      screen = await t.waitFor("Choose a lesson");
      assert.match(screen, /✓ +1\. Alpha lesson +· done/);
      assert.match(screen, /❯ ✓ +1\. Alpha lesson/, "the cursor is on the lesson just left");
      assert.match(screen, /▰▱▱ 1\/3 lessons done/, "the menu shows the course's progress");
      assert.deepEqual(saved(home).lessons["alpha"], { ...saved(home).lessons["alpha"], completed: true });

      await t.keys("Down", "Down", "Down", "Down", "Down", "Enter"); // past Beta, Gamma, "Your progress" and the language to "Quit"
      assert.equal(await t.exitCode(), 0);
      assert.match(t.screen(), /Bye\. Your place in each lesson is saved/);
      assertTerminalRestored(t);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("a wrong quiz answer says why that choice is wrong, then the learner tries again; the score is kept", async () => {
    const home = tempHome();
    const t = await session(["lesson", "alpha"], { home, width: 80, height: 24 });
    try {
      await t.waitFor("❯ Next: Second step");
      await t.keys("Enter");
      await t.waitFor("❯ a) 80");
      await t.keys("Enter");
      let screen = await t.waitFor("Try again:");
      assert.match(screen, /✗ Not right: a\) 80\n {3}80 is HTTP's well-known port\./);
      assert.doesNotMatch(screen, /✔|✓|Not quite|No:/, "no tick above a wrong answer, no doubled verdict");
      assert.match(screen, /❯ b\) 8000\n {2}c\) 22\n {2}Show me the answer/, "the choices left, and a way out");
      await t.keys("Enter");
      screen = await t.waitFor("❯ Next: Third step");
      assert.match(screen, /✗ Not right: a\) 80/, "the wrong answer stays above");
      assert.match(screen, /✓ Right: b\) 8000\n {3}The article binds 127\.0\.0\.1:8000\./);
      const quizzes = (saved(home).lessons["alpha"] as unknown as { quizzes?: Record<string, number> }).quizzes;
      assert.deepEqual(quizzes, { "1": 2 }, "right at the second try");
      await t.keys("Enter");
      await t.waitFor("❯ Finish the lesson");
      await t.keys("Enter");
      screen = await t.waitFor("What now?");
      assert.match(screen, /Quiz: 0 of 1 right at the first try\./);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("leaving a lesson and coming back resumes at the same step", async () => {
    const home = tempHome();
    let t = await session(["start"], { home });
    try {
      await t.waitFor("Choose a lesson");
      await t.keys("Enter");
      await t.waitFor("❯ Next: Second step");
      await t.keys("Enter");
      await t.waitFor("❯ a) 80");
      await t.keys("Down", "Enter");
      await t.waitFor("Menu (your place is saved)");
      await t.keys("Down", "Down", "Enter"); // Next, Back, Menu (the fixture lessons have no glossary)
      const menu = await t.waitFor("Choose a lesson");
      assert.match(menu, /▸ +1\. Alpha lesson +· in progress, step 2 of 3/);
      await t.keys("C-c");
      assert.equal(await t.exitCode(), 130);
      assertTerminalRestored(t);
    } finally {
      t.close();
    }
    t = await session(["start"], { home });
    try {
      await t.waitFor("Choose a lesson");
      await t.keys("Enter");
      const screen = await t.waitFor("❯ a) 80");
      assert.match(screen, /step 2 of 3/);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("a step longer than the screen is shown a screenful at a time", async () => {
    const home = tempHome();
    const t = await session(["lesson", "beta"], { home, height: 24 });
    try {
      await t.waitFor("❯ Next: Long step");
      await t.keys("Enter");
      let screen = await t.waitFor("More of this step below");
      assert.match(screen, /listing line 1\n/);
      assert.doesNotMatch(screen, /listing line 50/);
      assert.match(screen, /Lesson 2 · Beta lesson +step 2 of 2/);
      const lastShown = Math.max(...[...screen.matchAll(/listing line (\d+)/g)].map((m) => Number(m[1])));
      await t.keys("Enter");
      screen = await t.waitFor(`listing line ${lastShown + 1}\n`);
      assert.match(screen, /Long step {2}\(continued\)/);
      assert.doesNotMatch(screen, new RegExp(`listing line ${lastShown}\\n`), "the next page starts where the last one stopped");
      for (let i = 0; i < 4 && !t.screen().includes("❯ Finish the lesson"); i++) {
        await t.waitFor(/❯ (↓ Continue reading|Finish the lesson)/);
        if (t.screen().includes("❯ ↓ Continue reading")) await t.keys("Enter");
      }
      screen = await t.waitFor("❯ Finish the lesson");
      assert.match(screen, /The end of the long step\./);
      for (const line of screen.split("\n")) assert.ok(line.length <= 120);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("NO_COLOR removes colour; a narrow terminal wraps", async () => {
    const home = tempHome();
    const t = await session(["start"], { home, width: 50, env: { NO_COLOR: "1" } });
    try {
      const screen = await t.waitFor("Choose a lesson");
      assert.doesNotMatch(t.screenWithEscapes(), /\x1b\[[0-9;]*[1-9][0-9;]*m/, "no SGR colour codes");
      for (const line of screen.split("\n")) assert.ok(line.length <= 50, line);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("a terminal too small gets a clear message", async () => {
    const home = tempHome();
    const t = await session(["start"], { home, width: 30, height: 8 });
    try {
      assert.equal(await t.exitCode(), 1);
      const screen = t.screen();
      // Eight rows: the message's first words may have scrolled off the top.
      assert.match(screen.replace(/\s+/g, " "), /30x8; socket-tutor needs at least 40x12/);
      for (const line of screen.split("\n")) assert.ok(line.length <= 30, `wrapped at word boundaries: '${line}'`);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  for (const signal of ["SIGTERM", "SIGHUP"] as const) {
    it(`${signal} while the menu waits exits, restores the terminal, leaves nothing running`, async () => {
      const home = tempHome();
      const t = await session(["start"], { home });
      try {
        await t.waitFor("Choose a lesson");
        const pid = tutorPid(t);
        process.kill(pid, signal);
        const code = await t.exitCode();
        assert.equal(code, signal === "SIGTERM" ? 143 : 129);
        assertTerminalRestored(t);
        assert.equal(alive(pid), false);
      } finally {
        t.close();
        rmSync(home, { recursive: true, force: true });
      }
    });
  }

  it("an exercise whose starter files cannot be written says why on its screen; Back returns to the menu", async () => {
    const home = tempHome();
    const lessons = mkdtempSync(path.join(os.tmpdir(), "st-lessons-"));
    const cwd = mkdtempSync(path.join(os.tmpdir(), "st-cwd-"));
    cpSync(fixtures, lessons, { recursive: true });
    cpSync(path.join(repoRoot, "lessons", "exercises", "tcp-echo"), path.join(lessons, "exercises", "tcp-echo"), { recursive: true });
    // A regular file where the starters' folder would go: the write fails, for root too.
    const blocker = path.join(cwd, "socket-tutor-exercises");
    writeFileSync(blocker, "not a folder\n");
    const t = await session(["start"], { home, lessons, cwd, height: 60 });
    try {
      await t.waitFor("Choose a lesson");
      const onExercise = (screen: string): boolean => /❯ .*A TCP echo server/.test(screen);
      // Down to the exercise, below the lessons (separators are skipped); bounded. Each key
      // waits until the cursor has moved, so a slow redraw never lets keys run past the exercise.
      const cursorLine = (screen: string): string => screen.split("\n").find((l) => l.includes("❯")) ?? "";
      for (let i = 0; i < 8 && !onExercise(t.screen()); i++) {
        const before = cursorLine(t.screen());
        await t.keys("Down");
        await t.waitFor((screen) => cursorLine(screen) !== before, 5000);
      }
      await t.waitFor(onExercise, 2000);
      await t.keys("Enter");
      const screen = await t.waitFor("❯ Back");
      assert.match(screen, /Exercise: A TCP echo server/);
      assert.match(screen, /Write a TCP server/, "the task is shown");
      assert.match(screen, /The starter files were not written:/);
      await t.waitForWrapped(`cannot write to ${cwd}: socket-tutor-exercises is there already and is not a folder`, 2000);
      assert.doesNotMatch(screen, /__EXIT:/, "the session goes on");
      await t.keys("Enter");
      await t.waitFor("Choose a lesson");
      await t.keys("C-c");
      assert.equal(await t.exitCode(), 130);
      assert.ok(statSync(blocker).isFile(), "the file in the way is left as it was");
      assertTerminalRestored(t);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
      rmSync(lessons, { recursive: true, force: true });
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it("the real lessons open from the menu", async () => {
    const home = tempHome();
    const t = await session(["start"], { home, lessons: path.join(repoRoot, "lessons") });
    try {
      const menu = await t.waitFor("Choose a lesson");
      assert.match(menu, /1\. What a socket is/);
      await t.keys("Enter");
      const screen = await t.waitFor("step 1 of");
      assert.match(screen, /Lesson 1 · What a socket is/);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});

function tutorPid(t: TmuxSession): number {
  const shell = t.panePid();
  const out = readFileSync(`/proc/${shell}/task/${shell}/children`, "utf8").trim().split(/\s+/).map(Number);
  const pid = out.find((p) => readFileSync(`/proc/${p}/cmdline`, "utf8").includes("cli.js"));
  assert.ok(pid, "the tutor process is a child of the pane's shell");
  return pid;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
