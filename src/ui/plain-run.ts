/**
 * A demo as text, from start to end (the --plain view; also what a terminal the
 * full-screen view cannot drive gets): a header, each event as it happens, a summary.
 */
import readline from "node:readline";
import type { DemoSession } from "../demo/session.js";
import type { DemoMode } from "../demo/state.js";
import { colourEnabled, makeStyle, terminalWidth } from "../util/style.js";
import { PlainView } from "./plain-view.js";

/** `packets`: print every captured packet among the calls (demo --plain --packets). */
export async function runPlain(session: DemoSession, mode: DemoMode, packets = false): Promise<number> {
  const style = makeStyle(colourEnabled(process.stdout));
  const width = process.stdout.isTTY ? terminalWidth() : 120;
  const view = new PlainView(session, { write: (t) => process.stdout.write(t), style, width, stepHint: mode === "step", packets });
  let headed = false;
  session.onEvent((ev) => {
    if (!headed && ev.type === "status" && ev.status === "running") {
      headed = true;
      view.header();
      return;
    }
    // Notes before the header (port, user) are printed in it.
    if (!headed && ev.type === "note") return;
    view.onEvent(ev);
  });
  const keys = mode === "step" ? stepKeys(session) : undefined;
  try {
    await session.launch();
    const state = await session.done();
    view.summary();
    return state.status === "done" && state.ok ? 0 : 1;
  } finally {
    keys?.close();
    await session.stop();
  }
}

/** --plain --step: Enter continues the call paused longest; "r" runs freely; "s" steps again; "q" stops. End of input runs freely. */
function stepKeys(session: DemoSession): readline.Interface {
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  rl.on("line", (line) => {
    const cmd = line.trim().toLowerCase();
    if (cmd === "" || cmd === "c") session.continue();
    else if (cmd === "r") session.setMode("run");
    else if (cmd === "s") session.setMode("step");
    else if (cmd === "q") void session.stop();
  });
  rl.on("close", () => {
    if (session.state.status === "running") session.setMode("run");
  });
  return rl;
}

