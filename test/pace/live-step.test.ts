/**
 * Every demo, in both runtimes, stepped in the live view (tmux, 80x24) at a reader's
 * pace ends FINISHED, which the view shows only when the lesson's outcome (demo.json)
 * was seen: a key every 0.7 s for the side whose call is paused (← or →, as a learner
 * would), and for the chat, whose learner types, a line every 0.7 s.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, it } from "node:test";
import { listDemos, type LoadedDemo } from "../../src/demo/launcher.js";
import type { DemoRuntime } from "../../src/demo/spec.js";
import { pythonSkip } from "../demo/lesson-demo-helpers.js";
import { cliPath, repoRoot } from "../support/cli.js";
import { hasTmux, TmuxSession } from "../support/tmux.js";
import { PACE_MS, QUICK_PACE_MS, timingOf, warmHome } from "./pace.js";

const skip = !hasTmux() ? "tmux is not installed" : false;
const COLS = 80;
const ROWS = 24;
const DEADLINE_MS = 150_000;

/**
 * The sides with a paused call: a "‖" in that half of the screen, in a pane (its call,
 * or its source line: "‖25") or in the timeline (shown in the bottom box: its left
 * column is the left side's, its right column the right side's). At 80x24 a pane of
 * a side with several processes may be too short to list the paused call (the side's
 * kept calls fill it), but the timeline shows every paused call.
 */
function pausedSides(screen: string): Array<"left" | "right"> {
  const half = COLS / 2;
  const sides = new Set<"left" | "right">();
  for (const row of screen.split("\n").slice(1)) {
    const chars = [...row];
    chars.forEach((ch, x) => {
      if (ch === "‖") sides.add(x < half ? "left" : "right");
    });
  }
  return (["left", "right"] as const).filter((s) => sides.has(s));
}

const title = (screen: string): string => screen.split("\n")[0] ?? "";

async function stepLive(demo: LoadedDemo, runtime: DemoRuntime): Promise<void> {
  const home = warmHome();
  const t = await TmuxSession.start([process.execPath, cliPath, "demo", demo.spec.id, "--runtime", runtime, "--port", "0"], { width: COLS, height: ROWS, cwd: repoRoot, env: { SOCKET_TUTOR_HOME: home } });
  const timing = timingOf(demo, runtime);
  const pace = timing.length === 0 ? QUICK_PACE_MS : PACE_MS;
  let screen = "";
  let keys = 0;
  let turn = 0;
  try {
    screen = await t.waitFor(/ · (STEP|RUNNING)/, 20_000);
    // The timeline in the bottom box: it lists every paused call, whatever the panes have room for.
    await t.keys("t");
    const deadline = Date.now() + DEADLINE_MS;
    while (Date.now() < deadline) {
      await sleep(pace);
      screen = t.screen();
      if (/FINISHED|ENDED|STOPPED/.test(title(screen))) break;
      const sides = pausedSides(screen);
      if (sides.length === 0) continue;
      // Both sides paused: take turns, as a learner reading both panes would.
      const side = sides[turn++ % sides.length]!;
      await t.keys(side === "left" ? "Left" : "Right");
      keys++;
    }
    screen = t.screen();
    assert.match(title(screen), /FINISHED/, `${demo.spec.id} (${runtime}) after ${keys} keys:\n${screen}`);
    await t.keys("q");
  } finally {
    t.close();
    rmSync(home, { recursive: true, force: true });
  }
}

/** The chat: the learner types each side's line when that side waits, a line every 0.7 s, until bye. */
async function chatLive(runtime: DemoRuntime): Promise<void> {
  const home = warmHome();
  const t = await TmuxSession.start([process.execPath, cliPath, "demo", "chat", "--runtime", runtime, "--port", "0"], { width: COLS, height: ROWS, cwd: repoRoot, env: { SOCKET_TUTOR_HOME: home } });
  try {
    await t.waitFor(/ · RUNNING/, 20_000);
    // Python takes turns (the client first); Node does not, so the same order works for both.
    const lines: Array<["client" | "server", string]> = [["client", "hello"], ["server", "hi there"], ["client", "what is a socket?"], ["server", "bye"]];
    await t.waitFor(runtime === "python" ? /client waits for you to type/ : /connected to/, 20_000);
    await t.keys("i");
    for (const [who, text] of lines) {
      await sleep(PACE_MS);
      const screen = await t.waitFor(/TYPING {2}to (client|server)/);
      if (!screen.includes(`TYPING  to ${who}`)) {
        await t.keys("Tab");
        await t.waitFor(`TYPING  to ${who}`);
      }
      await t.type(text);
      await t.keys("Enter");
      // The other side prints what arrived: "client: hello".
      await t.waitFor(`${who}: ${text}`, 20_000);
    }
    const screen = await t.waitFor(/ · (FINISHED|ENDED)/, 20_000);
    assert.match(title(screen), /FINISHED/, screen);
    await t.keys("q");
  } finally {
    t.close();
    rmSync(home, { recursive: true, force: true });
  }
}

/**
 * The live view over a representative set, not every demo: the demo clock lives in the
 * engine (the session and the tracers), which plain-step.test.ts runs for every demo in
 * both runtimes; what the live view adds is its own way of stepping (a key per side, the
 * typing box). All 42 runs in tmux took over 3 minutes on this 2-core machine (the
 * partial-send run alone is some 200 paused calls), so the set is the demos whose
 * outcome a reader's pace used to change, one per kind of wait the clock covers:
 * - udp-two-clients: a socket timeout on recvfrom (Python settimeout, Node setTimeout);
 * - backlog: a sleep (Python time.sleep, Node Atomics.wait), connect() timeouts
 *   (settimeout, Socket#setTimeout) and the kernel's SYN retries;
 * - many-clients-select: a selector's select(timeout=5);
 * - time-wait: a restart timed against TIME_WAIT, a kernel timer;
 * - chat: the learner types (Node's stdin read that holds the event loop).
 */
const LIVE_SET = ["udp-two-clients", "backlog", "many-clients-select", "time-wait", "chat"];

describe("the live view stepped at 0.7 s a key ends FINISHED (the lesson's outcome)", { skip, concurrency: 2 * LIVE_SET.length }, () => {
  const demos = listDemos().demos;
  it("the set names demos that exist", () => assert.deepEqual(LIVE_SET.filter((id) => !demos.some((d) => d.spec.id === id)), []));
  for (const demo of demos.filter((d) => LIVE_SET.includes(d.spec.id))) {
    for (const runtime of ["python", "node"] as const) {
      it(`${demo.spec.id} (${runtime})`, { skip: runtime === "python" && pythonSkip }, () => (demo.spec.interactive ? chatLive(runtime) : stepLive(demo, runtime)));
    }
  }
});
