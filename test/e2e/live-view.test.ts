import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, it } from "node:test";
import { sweepStaleTempDirs } from "../../src/demo/session.js";
import { OWNER_FILE, parseOwnerRecord } from "../../src/sandbox/temp-dirs.js";
import { cliPath, repoRoot, tempHome } from "../support/cli.js";
import { hasTmux, TmuxSession } from "../support/tmux.js";

const fixtures = path.join(repoRoot, "test", "fixtures", "lessons");
const skip = !hasTmux() ? "tmux is not installed" : process.platform !== "linux" ? "the kernel table checks read /proc" : false;

/**
 * Processes running the fixture demo's programs for one test: tests run side by
 * side, so each is told apart by its private SOCKET_TUTOR_HOME, which the demo
 * processes inherit from the tutor.
 */
function demoProcesses(home: string): number[] {
  const out: number[] = [];
  for (const entry of readdirProc()) {
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("fixture-ping")) continue;
      if (readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(`SOCKET_TUTOR_HOME=${home}`)) out.push(Number(entry));
    } catch {
      // gone
    }
  }
  return out;
}
function readdirProc(): string[] {
  return readdirSync("/proc").filter((e) => /^\d+$/.test(e));
}

/** Demo temp dirs that name this tutor as their owner. */
function tempDirsOf(tutor: number): string[] {
  return readdirSync(os.tmpdir())
    .filter((n) => n.startsWith("socket-tutor-demo-"))
    .filter((n) => {
      try {
        return parseOwnerRecord(readFileSync(path.join(os.tmpdir(), n, OWNER_FILE), "utf8"))?.pid === tutor;
      } catch {
        return false;
      }
    });
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await sleep(50);
  }
  return check();
}

async function openDemo(home: string, runtime: "python" | "node" = "python"): Promise<TmuxSession> {
  // The progress file sets the learner's language, which the demo follows.
  writeFileSync(path.join(home, "progress.json"), JSON.stringify({ version: 1, lessons: {}, exercises: {}, settings: { runtime } }));
  const t = await TmuxSession.start([process.execPath, cliPath, "lesson", "gamma"], { env: { SOCKET_TUTOR_HOME: home, SOCKET_TUTOR_LESSONS: fixtures } });
  try {
    await t.waitFor("▶ Run the live demo: fixture-ping", 10_000);
    await t.keys("Enter");
    await t.waitFor("socket(AF_INET, SOCK_STREAM)  paused before this call", 10_000);
  } catch (err) {
    t.close(); // the caller's finally never sees a session that failed to open
    throw err;
  }
  return t;
}

/** What the fixture demo's panes show at each pause of the Python programs. */
const PAUSED = {
  // On a 60-column pane the long "paused before this call" does not fit after bind(): the short "‖ paused" does.
  bind: /‖ bind\(fd 3, \('127\.0\.0\.1', \d+\)\) +paused/,
  listen: "‖ listen(fd 3, 1)  paused before this call",
  accept: "‖ accept(fd 3)  paused before this call",
  /** The client's pane is the right one: its lines start after the two borders "││". */
  clientSocket: "││‖ socket(AF_INET, SOCK_STREAM)  paused before this call",
};

const squashed = (s: string): string => s.replace(/[\s│]+/g, " ");

/** Presses one step key and waits until the next pause is on screen. */
async function stepTo(t: TmuxSession, key: string, paused: RegExp | string): Promise<string> {
  await t.keys(key);
  return t.waitFor(paused);
}

describe("the live view in a real terminal", { skip, concurrency: 3 }, () => {
  it("opens from a lesson, steps both sides, shows the kernel's view, and comes back", async () => {
    const home = tempHome();
    const t = await openDemo(home);
    try {
      let screen = t.screen();
      assert.match(screen, /Fixture ping +Python · STEP/, "no address in the title: the fixture demo names no port");
      assert.match(screen, /─ server · server\.py/);
      assert.match(screen, /─ client · client\.py/);
      assert.match(screen, /not started yet: starts after server's listen\(\)/);

      // One key per pause, each pressed once the pause is on screen: a key pressed while a
      // call is still on its way is only kept for a moment, which a busy machine can outlast.
      await stepTo(t, "space", PAUSED.bind);
      screen = await stepTo(t, "space", PAUSED.listen);
      assert.match(screen, /bind\(fd 3, \('127\.0\.0\.1', \d+\)\) → ok/);
      await t.keys("space");
      screen = await t.waitFor(/tcp +127\.0\.0\.1:\d+ +0\.0\.0\.0:\* +LISTEN +0 +1 +server \d+ fd 3/);
      // The server now waits before accept(); the client runs up to its connect().
      screen = await t.waitFor(PAUSED.accept);
      await t.waitFor(PAUSED.clientSocket);
      await t.keys("Right");
      await t.waitFor(/‖ connect\(fd 3, \('127\.0\.0\.1', \d+\)\) +paused/);
      await t.keys("Right");
      screen = await t.waitFor(/connect\(fd 3, \('127\.0\.0\.1', \d+\)\) → ok/);
      // connect() has returned while accept() has not been called: the connection waits in the queue.
      screen = await t.waitFor(/LISTEN +1 +1 +server/);
      assert.match(screen, /ESTABLISHED/);
      assert.match(screen, /‖ accept\(fd 3\) {2}paused before this call/, "the server is still paused");

      await t.keys("r"); // run freely to the end
      await t.waitFor((s) => (s.match(/■ exited \(status 0\)/g) ?? []).length === 2, 10_000);
      screen = await t.waitFor(/Fixture ping .* · FINISHED · R: restart/);
      assert.match(screen, /got pong/);
      assert.match(screen, /got ping/);
      // As a call's arrow, or (where the run's packets are captured) as the packet that carried them.
      // With packets the timeline has more rows than its box (how many ACKs the kernel sends
      // varies), so the bytes may be above its window: Tab to the timeline and scroll it back.
      const bytes = /◀─+ 4 B ─+│|│─+ 4 B ─+▶|◀─+ PSH\+ACK 4 ─+│|│─+ PSH\+ACK 4 ─+▶/;
      for (let i = 0; i < 4 && !bytes.test(screen) && !/newer calls \(↓\)/.test(screen); i++) {
        await t.keys("Tab", "Up");
        await new Promise((r) => setTimeout(r, 200));
        screen = t.screen();
      }
      for (let i = 0; i < 20 && !bytes.test(screen); i++) {
        await t.keys("Up");
        await new Promise((r) => setTimeout(r, 100));
        screen = t.screen();
      }
      assert.match(screen, bytes, "the timeline draws the 4 bytes of ping or pong");

      await t.keys("q");
      screen = await t.waitFor("▶ Run the live demo: fixture-ping");
      assert.deepEqual(demoProcesses(home), [], "no demo process is left");
      await t.keys("Down", "Down", "Enter"); // Finish the lesson
      await t.waitFor("Choose a lesson");
      await t.keys("C-c");
      assert.equal(await t.exitCode(), 130);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("the chat: the learner types into both panes until bye", async () => {
    const home = tempHome();
    const t = await TmuxSession.start([process.execPath, cliPath, "demo", "chat", "--runtime", "python", "--port", "0"], { env: { SOCKET_TUTOR_HOME: home } });
    try {
      // Interactive demos open running: no stepping before the learner can type.
      // The pane and the key bar are drawn in one frame, but tmux may show the frame half written: wait for both.
      await t.waitFor((s) => s.includes("input('you: ')  waiting for you to type") && /client waits for you to type \(i\)/.test(s), 10_000);
      // i types into the side that waits (the client), wherever the focus is.
      await t.keys("i");
      await t.waitFor("TYPING  to client (right pane)");
      await t.type("hello server");
      await t.keys("Enter");
      await t.waitFor("client: hello server");
      await t.keys("Tab");
      await t.waitFor("TYPING  to server (left pane)");
      await t.type("hello client");
      await t.keys("Enter");
      await t.waitFor("server: hello client");
      await t.keys("Tab");
      await t.type("bye");
      await t.keys("Enter");
      const screen = await t.waitFor(/The two-window chat, until bye .* · FINISHED/, 10_000);
      assert.match(screen, /sendall\(fd \d+, b'bye\\n'\) → ok/);
      // One Enter sends one line: no empty message went out after any of them.
      assert.doesNotMatch(screen, /sendall\(fd \d+, b'\\n'\)/);
      assert.doesNotMatch(screen, /(client|server): *│/, "no empty line arrived on either side");
      // Typing ended with the programs: q leaves at once.
      await t.waitFor((s) => !s.includes("TYPING  to"), 3000);
      await t.keys("q");
      assert.equal(await t.exitCode(), 0);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("? explains the panes and keys; ? closes it; p switches the runtime to Node.js", async () => {
    const home = tempHome();
    const t = await openDemo(home);
    try {
      await t.keys("?");
      const help = await t.waitFor("What you see");
      assert.match(help.replace(/[\s│]+/g, " "), /Recv-Q and Send-Q \(on a LISTEN row: connections waiting for accept\(\) and the backlog limit\)/);
      // The glossary is one command away, named as it runs here.
      assert.match(help.replace(/[\s│]+/g, " "), /so does (socket-tutor|node \S+cli\.js) glossary <word>/);
      await t.keys("x");
      await sleep(200);
      assert.match(t.screen(), /What you see/, "another key does not close the help");
      await t.keys("?");
      await t.waitFor((s) => !s.includes("What you see"));
      await t.keys("p");
      await t.waitFor(/Fixture ping +Node\.js/, 10_000);
      await t.waitFor("server.mjs", 10_000);
      await t.waitFor(/‖ listen\(/, 10_000);
      await t.keys("q");
      await t.waitFor("▶ Run the live demo");
      assert.deepEqual(demoProcesses(home), []);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("the chat: Tab, then R i Enter at once (a restart while typing starts) does not crash; the new run works", async () => {
    const home = tempHome();
    const t = await TmuxSession.start([process.execPath, cliPath, "demo", "chat", "--runtime", "python", "--port", "0"], { env: { SOCKET_TUTOR_HOME: home } });
    try {
      const before = await t.waitFor("input('you: ')  waiting for you to type", 10_000);
      const pidOf = (screen: string): string | undefined => /client · client\.py {2}pid (\d+)/.exec(screen)?.[1];
      const oldPid = pidOf(before);
      await t.keys("Tab");
      // No waiting between these: the crash came from Enter reaching a run that was being replaced.
      t.tmux(["send-keys", "-t", "0", "R", "i", "Enter"]);
      // The new run's client (another pid) waits for input again.
      const screen = await t.waitFor((s) => s.includes("input('you: ')  waiting for you to type") && pidOf(s) !== undefined && pidOf(s) !== oldPid, 10_000);
      assert.doesNotMatch(screen, /unexpected error|Cannot read properties/);
      await t.keys("i");
      await t.waitFor("TYPING  to client");
      await t.type("still here");
      await t.keys("Enter");
      await t.waitFor("client: still here");
      // Esc then q at once would be read as Alt-q: wait for typing to end first.
      await t.keys("Escape");
      await t.waitFor((s) => !s.includes("TYPING  to"), 3000);
      await t.keys("q");
      assert.equal(await t.exitCode(), 0);
      assert.doesNotMatch(t.screen(), /unexpected error/);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("at 80x24 the help scrolls to its last line, and q closes it without leaving the view", async () => {
    const home = tempHome();
    const t = await TmuxSession.start([process.execPath, cliPath, "demo", "tcp-step-by-step", "--runtime", "python", "--port", "0"], { width: 80, height: 24, env: { SOCKET_TUTOR_HOME: home } });
    try {
      await t.waitFor((s) => /‖ socket\(AF_INET, SOCK_STREAM\) paused/.test(squashed(s)), 10_000);
      await t.keys("?");
      let screen = await t.waitFor(/help · lines 1–\d+ of \d+/);
      assert.match(screen, /What to look at/);
      assert.doesNotMatch(screen, /Keys shown dim do nothing right now/, "the end is below the box");
      await t.keys("End");
      screen = await t.waitFor("Keys shown dim do nothing right now.");
      const [, to, total] = /help · lines \d+–(\d+) of (\d+)/.exec(screen)!;
      assert.equal(to, total, "scrolled to the last line");
      await t.keys("q");
      screen = await t.waitFor((s) => !s.includes("What you see") && !s.includes("Keys shown dim"));
      assert.match(screen, /A TCP server and client, call by call/, "q closed the help only");
      await t.keys("q");
      assert.equal(await t.exitCode(), 0);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("↑ selects a call and o opens it in full; o closes it", async () => {
    const home = tempHome();
    const t = await openDemo(home);
    try {
      await stepTo(t, "space", PAUSED.bind);
      await stepTo(t, "space", PAUSED.listen);
      await t.keys("Up", "Up");
      await t.keys("o");
      const screen = await t.waitFor("the call in full");
      assert.match(squashed(screen), /bind\(fd 3, \('127\.0\.0\.1', \d+\)\) → ok/);
      assert.match(screen, /server\.py:\d+/, "where the call was made");
      await t.keys("o");
      await t.waitFor((s) => !s.includes("the call in full"));
      await t.keys("q");
      await t.waitFor("▶ Run the live demo");
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("the mouse wheel: up over a pane selects its calls (o then opens the one selected), down over the help scrolls it", async () => {
    const home = tempHome();
    const t = await openDemo(home);
    // An SGR mouse report, as a terminal sends it for the wheel (button 64 up, 65 down) at a column and row (1-based).
    const wheel = (button: 64 | 65, col: number, row: number): string => t.tmux(["send-keys", "-t", "0", "-l", `\x1b[<${button};${col};${row}M`]);
    try {
      await stepTo(t, "space", PAUSED.bind);
      await stepTo(t, "space", PAUSED.listen);
      // A call drawn selected (inverse) on screen; each wheel report waits for its effect, as a hand on a wheel would.
      const selected = (call: RegExp) => () => t.screenWithEscapes().split("\n").some((l) => call.test(l) && /\x1b\[(?:[0-9;]*;)?7(?:;[0-9;]*)?m/.test(l));
      // Over the server's pane (the left half), twice: the newest call, then the one before it (bind).
      wheel(64, 20, 10);
      assert.ok(await until(selected(/listen\(fd 3, 1\)/), 10_000), `the wheel selected the newest call:\n${t.screen()}`);
      wheel(64, 20, 10);
      assert.ok(await until(selected(/bind\(fd 3, /), 10_000), `the wheel selected the call before:\n${t.screen()}`);
      await t.keys("o");
      let screen = await t.waitFor("the call in full");
      // The box's own lines (the panes behind it list bind() too).
      const lines = screen.split("\n");
      const top = lines.findIndex((l) => l.includes("the call in full"));
      const col = [...lines[top]!].indexOf("┌");
      const right = [...lines[top]!].indexOf("┐", col);
      const inBox = lines.slice(top + 1, top + 5).map((l) => [...l].slice(col, right + 1).join("")).join("\n");
      assert.match(squashed(inBox), /bind\(fd 3, \('127\.0\.0\.1', \d+\)\) → ok/, `the call the wheel selected, not the newest:\n${screen}`);
      assert.doesNotMatch(inBox, /listen\(/);
      await t.keys("o");
      await t.waitFor((x) => !x.includes("the call in full"));
      // At 80x24 the help is longer than its box.
      await t.resize(80, 24);
      await t.keys("?");
      screen = await t.waitFor(/help · lines 1–\d+ of \d+/);
      wheel(65, 40, 12);
      screen = await t.waitFor(/help · lines 3–\d+ of \d+/);
      wheel(64, 40, 12);
      await t.waitFor(/help · lines 1–\d+ of \d+/);
      await t.keys("q");
      await t.waitFor((x) => !x.includes("help · lines"));
      await t.keys("q");
      await t.waitFor("▶ Run the live demo");
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  for (const how of ["SIGTERM", "SIGHUP", "SIGKILL"] as const) {
    it(`${how} of the tutor while the view is open leaves no demo process behind`, async () => {
      const home = tempHome();
      const t = await openDemo(home);
      try {
        await stepTo(t, "space", PAUSED.bind);
        await stepTo(t, "space", PAUSED.listen);
        await stepTo(t, "space", PAUSED.accept);
        assert.ok(demoProcesses(home).length >= 1, "the demo is running");
        const shell = t.panePid();
        const tutor = Number(readFileSync(`/proc/${shell}/task/${shell}/children`, "utf8").trim().split(/\s+/)[0]);
        process.kill(tutor, how);
        assert.ok(await until(() => demoProcesses(home).length === 0, 3000), `demo processes still running after ${how}: ${demoProcesses(home).join(", ")}`);
        const code = await t.exitCode();
        assert.equal(code, { SIGTERM: 143, SIGHUP: 129, SIGKILL: 137 }[how]);
        // A tutor killed with -9 cannot remove its temp dir; the next demo's sweep does.
        if (how === "SIGKILL") sweepStaleTempDirs();
        assert.deepEqual(tempDirsOf(tutor), [], "the tutor's private temp dir is gone");
        if (how !== "SIGKILL") {
          const stty = t.ttySettings();
          assert.match(stty, /(^|\s)icanon(\s|$)/, "the terminal is back in canonical mode");
          assert.doesNotMatch(t.screen(), /─ server · /, "the full-screen view is gone");
        }
      } finally {
        t.close();
        rmSync(home, { recursive: true, force: true });
      }
    });
  }

  it("a terminal too small for the view says so, and a resize redraws it", async () => {
    const home = tempHome();
    const t = await openDemo(home);
    try {
      await t.resize(50, 16);
      await t.waitForWrapped("This terminal is 50x16; the live view needs at least 60x20");
      await t.resize(120, 40);
      const screen = await t.waitFor("─ server · ");
      assert.match(screen, /paused before this call/);
      await t.keys("q");
      await t.waitFor("▶ Run the live demo");
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
