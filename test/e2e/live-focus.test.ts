/**
 * Every demo's moment, on an ordinary terminal: each demo.json names what its
 * lesson points at (`focus`: table rows, calls, output); this drives the real
 * view in tmux at 80x24 (and the named lessons' demos at 120x40 too), in both
 * runtimes, to that moment, and checks that each named thing is on screen. Every
 * key is followed by a wait for the screen it causes, never a fixed sleep.
 */
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, it } from "node:test";
import { listDemos } from "../../src/demo/launcher.js";
import type { DemoFocus, DemoFocusReach, DemoRuntime, DemoSpec } from "../../src/demo/spec.js";
import { cliPath, tempHome } from "../support/cli.js";
import { hasTmux, TmuxSession } from "../support/tmux.js";
import { pythonSkip } from "../demo/lesson-demo-helpers.js";

const skip = !hasTmux() ? "tmux is not installed" : process.platform !== "linux" ? "the kernel table checks read /proc" : false;

/** The screen split into the two panes' columns and the rest (lines below the panes). */
function regions(screen: string, cols: number): { left: string; right: string; bottom: string; whole: string } {
  const lines = screen.split("\n");
  const half = Math.floor(cols / 2);
  const paneEnd = lines.findIndex((l, i) => i > 1 && /^└/.test(l));
  const panes = lines.slice(0, paneEnd < 0 ? lines.length : paneEnd + 1);
  return {
    left: panes.map((l) => [...l].slice(0, half).join("")).join("\n"),
    right: panes.map((l) => [...l].slice(half).join("")).join("\n"),
    bottom: lines.slice(paneEnd + 1).join("\n"),
    whole: panes.join("\n"),
  };
}

const squash = (s: string): string => s.replace(/[\s│]+/g, " ");

/** What of the focus is not on screen yet (empty: all of it is). */
export function missing(screen: string, focus: DemoFocus, spec: DemoSpec, cols: number, runtime: DemoRuntime): string[] {
  const r = regions(screen, cols);
  const sideOf = (proc: string): "left" | "right" => spec.processes.find((p) => p.name === proc)?.side ?? "left";
  // A demo with no process on the right gives the left pane the whole width.
  const oneSide = !spec.processes.some((p) => p.side === "right") || !spec.processes.some((p) => p.side === "left");
  const pane = (proc: string): string => (oneSide ? r.whole : r[sideOf(proc)]);
  const out: string[] = [];
  const tableLines = r.bottom.split("\n").filter((l) => /^│(tcp|udp|unix)/.test(l));
  const mine = <T extends { runtime?: DemoRuntime }>(list: T[] | undefined): T[] => (list ?? []).filter((x) => x.runtime === undefined || x.runtime === runtime);
  for (const row of mine(focus.rows)) {
    const ok = tableLines.some((l) => {
      if (row.state && !new RegExp(`\\s${row.state}\\s`).test(l)) return false;
      if (row.proto && !l.startsWith(`│${row.proto}`)) return false;
      if (row.owner === "queue" && !l.includes("accept queue")) return false;
      if (row.owner === "none" && !/no process|accept queue/.test(l)) return false;
      if (row.owner && row.owner !== "queue" && row.owner !== "none" && !l.includes(row.owner)) return false;
      return true;
    });
    if (!ok) out.push(`table row ${JSON.stringify(row)}`);
  }
  for (const c of mine(focus.calls)) {
    const text = squash(pane(c.process));
    const ok = (c.errno ? text.includes(c.errno) : text.includes(`${c.call}(`)) && (c.result === undefined || text.includes(squash(c.result)));
    if (!ok) out.push(`call ${c.process}: ${c.call}${c.errno ? ` ${c.errno}` : ""}${c.result ? ` ${c.result}` : ""}`);
  }
  for (const o of mine(focus.output)) if (!squash(pane(o.process)).includes(squash(o.text))) out.push(`output ${o.process}: ${o.text}`);
  return out;
}

function reachFor(focus: DemoFocus, runtime: DemoRuntime): DemoFocusReach {
  const r = focus.reach;
  if (r && typeof r === "object" && ("python" in r || "node" in r)) return (r as Record<DemoRuntime, DemoFocusReach | undefined>)[runtime] ?? {};
  return (r as DemoFocusReach | undefined) ?? {};
}

/** Which sides show a paused call now (a call line starting with ‖, not the source line). */
function pausedSides(screen: string, cols: number): Array<"left" | "right"> {
  const r = regions(screen, cols);
  const paused = (text: string): boolean => text.split("\n").some((l) => /^│‖ \S/.test(l.replace(/^│?/, "│")));
  return (["left", "right"] as const).filter((s) => paused(r[s]));
}

/** The paused call line of a side, with the lines around it (a call's seq is not on screen; its neighbours tell two pauses apart). */
function pausedLine(screen: string, cols: number, side: "left" | "right"): string | undefined {
  const lines = regions(screen, cols)[side].split("\n");
  const i = lines.findIndex((l) => /^│‖ \S/.test(l.replace(/^│?/, "│")));
  return i < 0 ? undefined : lines.slice(Math.max(0, i - 2), i + 1).join("\n");
}

async function changed(t: TmuxSession, from: string, ms: number): Promise<string> {
  try {
    return await t.waitFor((s) => s !== from, ms);
  } catch {
    return t.screen();
  }
}

async function reachMoment(id: string, spec: DemoSpec, focus: DemoFocus, runtime: DemoRuntime, cols: number, rows: number): Promise<void> {
  const home = tempHome();
  const t = await TmuxSession.start([process.execPath, cliPath, "demo", id, "--runtime", runtime, "--port", "0"], { width: cols, height: rows, env: { SOCKET_TUTOR_HOME: home } });
  const reach = reachFor(focus, runtime);
  const hold = reach === "end" || reach === "run" ? {} : (reach.hold ?? {});
  // A side is held once its held process shows its call paused ("‖ accept(").
  const held = (screen: string, side: "left" | "right"): boolean =>
    spec.processes.some((p) => p.side === side && hold[p.name] !== undefined && regions(screen, cols)[side].split("\n").some((l) => l.includes(`‖ ${hold[p.name]}(`)));
  let screen = "";
  try {
    // A demo that makes no socket call (raw-eperm in Node: dgram refuses "raw" before the
    // kernel is asked) has nothing to pause at and may be over before the first screen.
    screen = await t.waitFor(/ · (STEP|RUNNING|FINISHED|ENDED)/, 15_000);
    if (reach === "end" || reach === "run") {
      if (!spec.interactive) {
        await t.keys("r");
        screen = await t.waitFor(/ · RUNNING|FINISHED|ENDED/, 10_000);
      }
      const deadline = Date.now() + 30_000;
      for (;;) {
        screen = t.screen();
        const over = /FINISHED|ENDED/.test(screen.split("\n")[0]!);
        if ((reach === "run" || over) && missing(screen, focus, spec, cols, runtime).length === 0) return keep(id, runtime, cols, rows, screen);
        if ((over && reach === "end") || Date.now() > deadline) break;
        await sleep(30);
      }
    } else {
      // Step every side that is paused, except a process the lesson leaves paused.
      const deadline = Date.now() + 40_000;
      let steps = 0;
      for (;;) {
        screen = t.screen();
        if (missing(screen, focus, spec, cols, runtime).length === 0) return keep(id, runtime, cols, rows, screen);
        if (Date.now() > deadline || steps > 120) break;
        const side = pausedSides(screen, cols).find((s) => !held(screen, s));
        if (side) {
          // Wait for this side's paused call to change, not for any change (a table reading): a
          // second key while the call is on its way would be kept and spent on the next pause.
          const before = pausedLine(screen, cols, side);
          await t.keys(side === "left" ? "Left" : "Right");
          steps++;
          try {
            screen = await t.waitFor((s) => pausedLine(s, cols, side) !== before, 5000);
          } catch {
            screen = t.screen();
          }
        } else {
          if (/FINISHED|ENDED/.test(screen.split("\n")[0]!)) break;
          screen = await changed(t, screen, 3000);
        }
      }
    }
    assert.fail(`not on screen at ${cols}x${rows}: ${missing(screen, focus, spec, cols, runtime).join("; ")}\n${screen}`);
  } finally {
    t.close();
    rmSync(home, { recursive: true, force: true });
  }
}

/** With SOCKET_TUTOR_CAPTURE_DIR set, each moment's screen is saved there (for reviews and reports). */
function keep(id: string, runtime: DemoRuntime, cols: number, rows: number, screen: string): void {
  const dir = process.env.SOCKET_TUTOR_CAPTURE_DIR;
  if (dir) writeFileSync(path.join(dir, `${id}.${runtime}.${cols}x${rows}.txt`), screen);
}

/** The lessons the issue names (5, 6, 8, 9): their demos are checked at 120x40 too. */
const WIDE = new Set(["05-server-calls", "06-listen-backlog", "08-chat", "09-udp"]);

describe("each demo's moment is on screen", { skip, concurrency: 2 }, () => {
  const { demos } = listDemos();
  it("every demo names its moment (focus)", () => {
    const without = demos.filter((d) => !d.spec.focus).map((d) => d.spec.id);
    assert.deepEqual(without, []);
  });
  for (const d of demos) {
    const focus = d.spec.focus;
    if (!focus) continue;
    for (const runtime of ["python", "node"] as const) {
      const sizes: Array<[number, number]> = WIDE.has(d.lessonFolder) ? [[80, 24], [120, 40]] : [[80, 24]];
      for (const [cols, rows] of sizes) {
        it(`${d.spec.id} (${runtime}) at ${cols}x${rows}`, { skip: runtime === "python" && pythonSkip }, () => reachMoment(d.spec.id, d.spec, focus, runtime, cols, rows));
      }
    }
  }
});
