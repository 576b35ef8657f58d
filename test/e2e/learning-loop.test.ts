import assert from "node:assert/strict";
import { copyFileSync, cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { cliPath, repoRoot, tempHome } from "../support/cli.js";
import { hasTmux, TmuxSession } from "../support/tmux.js";

/**
 * The learning loop in a real terminal: an exercise solved without leaving the tutor,
 * hints chosen by what failed, where the cursor goes, a resize, words never cut in two.
 */

const skip = !hasTmux() ? "tmux is not installed" : process.platform !== "linux" ? "the exercise checks read /proc" : false;
const fixtures = path.join(repoRoot, "test", "fixtures", "lessons");
const realLessons = path.join(repoRoot, "lessons");

function tmp(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The fixture lessons plus the real tcp-echo exercise: a short menu with one exercise at its end. */
function lessonsWithExercise(): string {
  const dir = tmp("st-lessons-");
  cpSync(fixtures, dir, { recursive: true });
  cpSync(path.join(realLessons, "exercises", "tcp-echo"), path.join(dir, "exercises", "tcp-echo"), { recursive: true });
  return dir;
}

async function session(args: string[], opts: { home: string; lessons: string; cwd?: string; width?: number; height?: number }): Promise<TmuxSession> {
  return TmuxSession.start([process.execPath, cliPath, ...args], {
    width: opts.width ?? 80,
    height: opts.height ?? 24,
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
    env: { SOCKET_TUTOR_HOME: opts.home, SOCKET_TUTOR_LESSONS: opts.lessons },
  });
}

const cursorLine = (screen: string): string => screen.split("\n").find((l) => l.includes("❯")) ?? "";

/** Down until the cursor's line matches, each key once the cursor has moved (bounded). */
async function downTo(t: TmuxSession, pattern: RegExp, max = 20): Promise<void> {
  for (let i = 0; i < max && !pattern.test(cursorLine(t.screen())); i++) {
    const before = cursorLine(t.screen());
    await t.keys("Down");
    await t.waitFor((s) => cursorLine(s) !== before, 5000);
  }
  await t.waitFor((s) => pattern.test(cursorLine(s)), 2000);
}

/** From the menu into the exercise, past its task's pages, to its prompt. */
async function openExerciseScreen(t: TmuxSession): Promise<string> {
  await t.waitFor("Choose a lesson");
  await downTo(t, /A TCP echo server/);
  await t.keys("Enter");
  for (let i = 0; i < 6; i++) {
    const screen = await t.waitFor(/❯ (↓ Continue reading|▶ Check)/);
    if (screen.includes("❯ ▶ Check")) return screen;
    await t.keys("Enter");
  }
  return t.waitFor("❯ ▶ Check");
}

const saved = (home: string): { exercises: Record<string, { passed: boolean; attempts: number; hintsSeen?: string[]; failedHints?: string[] }> } =>
  JSON.parse(readFileSync(path.join(home, "progress.json"), "utf8"));

/** An editor's save: a new file renamed over the old one. */
function save(file: string, from: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.swp`);
  writeFileSync(temp, readFileSync(from));
  renameSync(temp, file);
}

describe("the learning loop in a real terminal", { skip, concurrency: 2 }, () => {
  it("an exercise solved inside the tutor: starters in the learner's folder, Watch checks again on every save, then the solution", async () => {
    const home = tempHome();
    const lessons = lessonsWithExercise();
    const cwd = tmp("st-learner-");
    const t = await session(["start"], { home, lessons, cwd });
    try {
      let screen = await openExerciseScreen(t);
      const dir = path.join(cwd, "socket-tutor-exercises", "tcp-echo");
      assert.ok(readFileSync(path.join(dir, "tcp-echo.py"), "utf8").includes("TODO"), "the starter is in the learner's folder");
      await t.keys("Down"); // Watch
      await t.waitFor("❯ ⟳ Watch tcp-echo.py");
      await t.keys("Enter");
      screen = await t.waitFor("Waiting for you to save tcp-echo.py", 30_000);
      assert.match(screen, /Not yet: 0 of 5 checks passed\./);
      assert.match(screen, /✗ starts and listens on HOST:PORT/);

      save(path.join(dir, "tcp-echo.py"), path.join(realLessons, "exercises", "tcp-echo", "solution.py"));
      screen = await t.waitFor((s) => /Passed: all 5 checks\./.test(s) && /Waiting for you to save/.test(s), 30_000);
      assert.doesNotMatch(screen, /Not yet/, "each run on a fresh screen");
      assert.equal(screen.match(/Checking tcp-echo/g)?.length, 1);
      assert.match(screen, /Watching tcp-echo\.py: save it in your editor to check again\./);
      assert.match(screen, /❯ Stop watching/);
      assert.match(screen, /★ The reference solution/, "offered once passed");
      assert.equal(saved(home).exercises["tcp-echo"]!.passed, true);

      await t.keys("Up", "Enter");
      screen = await t.waitFor("── tcp-echo: solution.py (Python) ──");
      assert.match(screen.split("\n")[1]!, /✓ passed/, `the title and status stay at the top:\n${screen}`);
      for (let i = 0; i < 4 && !/❯ Back/.test(t.screen()); i++) {
        await t.waitFor(/❯ (↓ Continue reading|Back)/);
        if (t.screen().includes("❯ ↓ Continue reading")) await t.keys("Enter");
      }
      await t.waitFor("❯ Back");
      await t.keys("Enter");
      screen = await t.waitFor("Choose a lesson");
      assert.match(screen, /❯ ✓ A TCP echo server +· passed/, "back on the exercise just left, marked passed");
      await t.keys("C-c");
      assert.equal(await t.exitCode(), 130);
    } finally {
      t.close();
      for (const d of [home, lessons, cwd]) rmSync(d, { recursive: true, force: true });
    }
  });

  it("a failed 256 KiB check: the next hint is the recv() loop, not the first hint, in the file's language", async () => {
    const home = tempHome();
    const lessons = lessonsWithExercise();
    const cwd = tmp("st-learner-");
    const t = await session(["start"], { home, lessons, cwd });
    try {
      await openExerciseScreen(t);
      // A server that reads once: every check passes but the 256 KiB one.
      copyFileSync(path.join(repoRoot, "test", "fixtures", "exercises", "tcp-echo", "stops-at-128k.py"), path.join(cwd, "socket-tutor-exercises", "tcp-echo", "tcp-echo.py"));
      await t.keys("Enter"); // Check
      let screen = await t.waitFor("Not yet: 4 of 5 checks passed.", 30_000);
      assert.match(screen, /✗ echoes 256 KiB byte for byte, then closes/);
      assert.deepEqual(saved(home).exercises["tcp-echo"]!.failedHints, ["recv-loop"]);
      await downTo(t, /Next hint/);
      await t.keys("Enter");
      screen = await t.waitFor("Hint 1 of 3:");
      assert.match(screen, /Hint 1 of 3: One recv\(\) is not the message/);
      assert.match(screen, /conn\.sendall\(data\)/, "the Python part, for a .py file");
      assert.doesNotMatch(screen, /client\.write/);
      assert.match(screen, /This hint is about the first check that failed in your last run\./);
      await t.waitFor("❯ ▶ Check");
      // The next one: the others, in order.
      await downTo(t, /Next hint/);
      await t.keys("Enter");
      screen = await t.waitFor("Hint 2 of 3:");
      assert.match(screen, /Hint 2 of 3: The calls, in order/);
      assert.deepEqual(saved(home).exercises["tcp-echo"]!.hintsSeen, ["recv-loop", "calls"]);
    } finally {
      t.close();
      for (const d of [home, lessons, cwd]) rmSync(d, { recursive: true, force: true });
    }
  });

  it("back from a demo the cursor is on the way on; back at the menu, on the lesson just left", async () => {
    const home = tempHome();
    writeFileSync(path.join(home, "progress.json"), JSON.stringify({ version: 1, lessons: {}, exercises: {}, settings: { runtime: "node" } }));
    const t = await session(["start"], { home, lessons: fixtures, width: 120, height: 40 });
    try {
      await t.waitFor("Choose a lesson");
      await downTo(t, /3\. Gamma lesson/);
      await t.keys("Enter");
      let screen = await t.waitFor("❯ ▶ Run the live demo: fixture-ping");
      await t.keys("Enter");
      await t.waitFor(/Fixture ping .*STEP/, 15_000);
      await t.keys("q");
      screen = await t.waitFor("Run the live demo: fixture-ping");
      assert.match(cursorLine(screen), /Finish the lesson/, `the cursor is on Finish, not on the demo again:\n${screen}`);
      await downTo(t, /Menu \(your place is saved\)/);
      await t.keys("Enter");
      screen = await t.waitFor("Choose a lesson");
      assert.match(cursorLine(screen), /3\. Gamma lesson/, "on the lesson just left, not on the first unfinished one");
      await t.keys("C-c");
      assert.equal(await t.exitCode(), 130);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("a resize re-flows the step; the menu never cuts a word or a number in two", async () => {
    const home = tempHome();
    writeFileSync(path.join(home, "progress.json"), JSON.stringify({ version: 1, lessons: { addressing: { step: 0, completed: false, updatedAt: "" } }, exercises: {}, settings: {} }));
    const t = await session(["start"], { home, lessons: realLessons, width: 80, height: 24 });
    try {
      await t.waitFor("Choose a lesson");
      await downTo(t, /2\. Addressing a process/);
      let screen = await t.waitForWrapped("TCP 8000 and UDP 8000 are different");
      assert.doesNotMatch(screen, /800\n0/, `a number cut in two:\n${screen}`);
      await t.keys("Enter");
      screen = await t.waitFor("❯ Next:");
      assert.match(screen, /Inside one machine: the process ID/);
      const wide = screen.split("\n").filter((l) => l.length > 60).length;
      assert.ok(wide > 0, "at 80 columns the text uses them");
      await t.resize(60, 24);
      screen = await t.waitFor((s) => /❯ Next:/.test(s) && s.split("\n").every((l) => l.length <= 60) && /Lesson 2 · Addressing a process/.test(s.split("\n")[0]!), 5000);
      assert.equal(screen.match(/Inside one machine: the process ID/g)?.length, 1, "drawn once, at the new width");
      // Every line broken at a space: none starts with the rest of a word.
      for (const line of screen.split("\n")) assert.doesNotMatch(line, /^[a-z]{1,3}[,.]?$/, `a word cut in two: '${line}'`);
      await t.keys("C-c");
      assert.equal(await t.exitCode(), 130);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("Your progress keeps its title on screen", async () => {
    const home = tempHome();
    const lessons: Record<string, unknown> = {};
    for (const id of ["what-is-a-socket", "addressing", "address-families", "socket-types", "server-calls", "listen-backlog", "client-calls", "chat", "udp", "closing", "many-clients"]) {
      lessons[id] = { step: 1, completed: id < "d", updatedAt: "" };
    }
    writeFileSync(path.join(home, "progress.json"), JSON.stringify({ version: 1, lessons, exercises: { "tcp-echo": { passed: false, attempts: 3, hintsShown: 1 } }, settings: {} }));
    const t = await session(["start"], { home, lessons: realLessons, width: 80, height: 16 });
    try {
      await t.waitFor("Choose a lesson");
      await downTo(t, /Your progress/, 30);
      await t.keys("Enter");
      const screen = await t.waitFor(/❯ (↓ Continue reading|Back to the menu)/);
      assert.equal(screen.split("\n")[0], "Your progress", `the title on the first line:\n${screen}`);
      assert.match(screen, /Lessons: 5 of 11 done, 6 in progress\./);
      await t.keys("C-c");
      assert.equal(await t.exitCode(), 130);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("Look up a word from a lesson's prompt: type to filter, read it, back to the step", async () => {
    const home = tempHome();
    const t = await session(["lesson", "1"], { home, lessons: realLessons, width: 80, height: 24 });
    try {
      await t.waitFor("❯ Next:");
      await downTo(t, /Look up a word \(glossary\)/);
      await t.keys("Enter");
      await t.waitFor("Type a word, or choose one:");
      await t.type("time w");
      await t.waitFor("❯ TIME_WAIT");
      await t.keys("Enter");
      const screen = await t.waitFor("Back to the lesson");
      assert.match(screen, /^Glossary$/m);
      assert.match(screen.replace(/\s+/g, " "), /Shown in lesson 10, Closing a connection: step \d+, TIME_WAIT/);
      await t.keys("Enter");
      await t.waitFor("Where this tutorial comes from");
      assert.match(cursorLine(t.screen()), /Look up a word/, "back on the step, the cursor where it was");
      await t.keys("C-c");
      assert.equal(await t.exitCode(), 130);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
