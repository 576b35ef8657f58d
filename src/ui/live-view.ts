/**
 * The full-screen live view of a demo (blessed): the server's pane on the left,
 * the clients' on the right, the kernel's socket table and the timeline below.
 * It renders `session.state` (the engine's DemoState) and turns keys into engine
 * calls; it holds no demo logic of its own.
 */
import type { Widgets } from "blessed";
import { appendFileSync } from "node:fs";
import type { DemoEvent, LoadedDemo } from "../demo/launcher.js";
import { demoSource, type LiveRun, type LiveSource } from "../demo/live-source.js";
import type { DemoRuntime } from "../demo/spec.js";
import type { DemoMode, DemoState, ProcView } from "../demo/state.js";
import { t } from "../text/catalog.js";
import { onCleanup } from "../util/cleanup.js";
import { colourEnabled } from "../util/style.js";
import { tutor } from "../util/invocation.js";
import { callsOf, paneLines, sides, tableLegend, tableLines, timelineLines } from "./live/format.js";
import { liveLayout, type BottomChoice, type Geometry, type Rect } from "./live/layout.js";
import { fit, lineWidth, sanitize, seg, toTags, wrapText, type Line } from "./live/paint.js";
import { shareKeypressDecoder } from "./keys.js";

export interface LiveViewOptions {
  runtime: DemoRuntime;
  mode?: DemoMode;
  /** Offer the runtime switch (python3 >= 3.8 is present). */
  pythonAvailable: boolean;
  /** strace can run here: the `y` key shows real system calls. A promise is waited for only when needed. */
  syscallsAvailable: boolean | Promise<boolean>;
  /** Start with the syscall view on. */
  syscalls?: boolean;
  /** Use this port instead of the demo's own (0: any free port). */
  port?: number;
  /** Shown with the demo's notes (why the runtime is not the one the learner chose). */
  note?: string;
}

export type { LiveRun, LiveSource } from "../demo/live-source.js";

/** "back": the learner left the view (q); "interrupt": Ctrl-C, the tutor should exit. */
export type LiveViewExit = "back" | "interrupt";

type Side = "left" | "right";

/** The minimum time between two redraws: events arriving in a burst are drawn together. */
const FRAME_MS = 16;

function runtimeName(runtime: DemoRuntime): string {
  return runtime === "python" ? t("live.runtime.python") : t("live.runtime.node");
}

export async function runLiveView(demo: LoadedDemo, options: LiveViewOptions): Promise<LiveViewExit> {
  return runLive(demoSource(demo, options.port), options);
}

export async function runLive(source: LiveSource, options: LiveViewOptions): Promise<LiveViewExit> {
  let straceOk = typeof options.syscallsAvailable === "boolean" ? options.syscallsAvailable : options.syscalls === true ? await options.syscallsAvailable : false;
  let runtime = options.runtime;
  let mode: DemoMode = source.steppable ? (options.mode ?? "step") : "run";
  let syscalls = options.syscalls === true && straceOk;
  // The first run starts before blessed loads: the programs boot while the screen is built.
  let deliver: (ev: DemoEvent) => void = () => undefined;
  const startRun = (): Promise<LiveRun | Error> => source.start({ runtime, mode, syscalls, onEvent: (ev) => deliver(ev) }).catch((err: unknown) => err as Error);
  const firstRun = startRun();
  const { default: blessed } = await import("blessed");
  shareKeypressDecoder();
  const colour = colourEnabled();
  // Box borders in Unicode, not the VT100 alternate character set: ACS shows up as
  // "lqqk" in tmux and some UTF-8 terminals. The env var is how blessed (like ncurses)
  // is told; it is restored at once so the demo processes do not inherit it.
  const acs = process.env.NCURSES_NO_UTF8_ACS;
  process.env.NCURSES_NO_UTF8_ACS = "1";
  const screen = blessed.screen({ smartCSR: true, fullUnicode: true, forceUnicode: true, warnings: false, title: `socket-tutor: ${sanitize(source.title)}`, autoPadding: false });
  if (acs === undefined) delete process.env.NCURSES_NO_UTF8_ACS;
  else process.env.NCURSES_NO_UTF8_ACS = acs;
  const box = (label?: string): Widgets.BoxElement =>
    // wrap: false: every line is already cut to the box (format.ts); blessed must not fold one again.
    blessed.box({ parent: screen, tags: true, wrap: false, border: label === undefined ? undefined : { type: "line" }, label, style: { border: { fg: "gray" }, label: { bold: true } } });
  const title = blessed.box({ parent: screen, tags: true, wrap: false });
  const left = box(t("live.box.server"));
  const right = box(t("live.box.client"));
  const table = box(t("live.box.table"));
  const timeline = box(t("live.box.timeline"));
  const status = blessed.box({ parent: screen, tags: true, wrap: false });
  const message = blessed.box({ parent: screen, tags: true, hidden: true, top: "center", left: "center", width: "90%", height: "shrink", border: { type: "line" }, padding: 1 });
  const help = blessed.box({ parent: screen, tags: true, hidden: true, top: "center", left: "center", width: "90%", height: "shrink", border: { type: "line" }, label: t("live.box.help"), padding: { left: 1, right: 1 } });

  let session: LiveRun | undefined;
  let focus: Side = "left";
  let bottom: BottomChoice = "table";
  let typing: string | undefined;
  let shownRight = 0;
  let lastRender = 0;
  let renderTimer: NodeJS.Timeout | undefined;
  let flash: string | undefined;
  let flashTimer: NodeJS.Timeout | undefined;
  let switching = false;
  const latencyLog = process.env.SOCKET_TUTOR_LATENCY_LOG;
  const unrendered: number[] = [];

  let finish: (exit: LiveViewExit) => void = () => undefined;
  const finished = new Promise<LiveViewExit>((resolve) => (finish = resolve));

  const destroy = (): void => {
    try {
      screen.destroy();
    } catch {
      // already gone
    }
  };
  const unregister = onCleanup(destroy);

  const place = (el: Widgets.BoxElement, r: Rect | undefined): void => {
    if (!r) {
      el.hide();
      return;
    }
    el.show();
    el.top = r.top;
    el.left = r.left;
    el.width = r.width;
    el.height = r.height;
  };

  const setLines = (el: Widgets.BoxElement, lines: Line[]): void => {
    el.setContent(lines.map((l) => toTags(l, colour)).join("\n"));
  };

  const say = (text: string): void => {
    flash = text;
    if (flashTimer) clearTimeout(flashTimer);
    flashTimer = setTimeout(() => {
      flash = undefined;
      schedule();
    }, 4000);
    schedule();
  };

  function noteLines(state: DemoState | undefined, width: number): string[] {
    if (!state) return [];
    const notes = [...(options.note ? [options.note] : []), ...(state.runtimeNote ? [state.runtimeNote] : []), ...state.notes.map((n) => n.text)];
    return notes.flatMap((n) => wrapText(n, width - 2)).slice(0, 3);
  }

  function waitingFor(p: ProcView): string | undefined {
    return source.waitingFor(p.name);
  }

  function render(): void {
    renderTimer = undefined;
    lastRender = Date.now();
    const state = session?.state;
    const cols = (screen.width as number) || 80;
    const rows = (screen.height as number) || 24;
    const notes = noteLines(state, cols);
    const oneSide = state !== undefined && !state.processes.some((p) => p.side === "right");
    const geo = liveLayout(cols, rows, { noteLines: notes.length, bottom, tableRows: state?.table?.rows.length ?? 1, oneSide });
    if ("tooSmall" in geo) {
      for (const el of [title, left, right, table, timeline, status]) el.hide();
      message.show();
      message.setContent(geo.tooSmall);
      screen.render();
      return;
    }
    message.hide();
    draw(geo, state, notes);
    screen.render();
    logLatency();
  }

  /**
   * `npm run bench` measures how long a traced call takes to reach the screen:
   * with SOCKET_TUTOR_LATENCY_LOG set, each render appends, per call event it
   * shows for the first time, the ms from the call in the traced process to now.
   */
  function logLatency(): void {
    if (!latencyLog || unrendered.length === 0) return;
    const now = performance.timeOrigin + performance.now();
    try {
      appendFileSync(latencyLog, unrendered.map((t) => (now - t).toFixed(2)).join("\n") + "\n");
    } catch {
      // a bench aid: never let it disturb the view
    }
    unrendered.length = 0;
  }

  function draw(geo: Geometry, state: DemoState | undefined, notes: string[]): void {
    place(title, geo.title);
    place(left, geo.left);
    place(right, geo.right.width > 0 ? geo.right : undefined);
    place(table, geo.table);
    place(timeline, geo.timeline);
    place(status, geo.status);

    const where = session && source.showsAddress ? (session.socketPath ? sanitize(session.socketPath) : `${session.host}:${session.port ?? "?"}`) : "";
    const over = state?.status === "done" || state?.status === "stopped";
    // While it runs, the title says how it runs; once over, how it ended (R runs it again).
    const runState: Line = over
      ? state.status === "stopped"
        ? [seg(t("live.state.stopped"), "dim")]
        : state.ok
          ? [seg(t("live.state.finished"), "green"), seg(t("live.state.finishedRestart", { label: source.restartLabel }), "dim")]
          : [seg(t("live.state.ended"), "red"), seg(state.reason ? t("live.state.endedReason", { reason: sanitize(state.reason) }) : t("live.state.endedNoReason"), "red")]
      : [seg(mode === "step" ? t("live.state.step") : mode === "slow" ? t("live.state.slow") : t("live.state.running"), mode === "step" ? "yellow" : "green")];
    const titleLine: Line = [seg(` ${sanitize(source.title)}`, "bold"), seg(`  ${runtimeName(runtime)} · ${where ? `${where} · ` : ""}`, "dim"), ...runState];
    setLines(title, [fit(titleLine, geo.title.width), ...notes.map((n) => [seg(` ${n}`, "yellow")])]);

    if (!state) {
      setLines(left, [[seg(t("live.starting"), "dim")]]);
      setLines(right, []);
    } else {
      const { left: lp, right: rp } = sides(state);
      drawPane(left, geo.left, "left", lp, state);
      drawPane(right, geo.right, "right", rp, state);
    }
    if (geo.table && state) {
      const inner = geo.table.height - 2;
      const legend = tableLegend(state, geo.table.width - 2);
      const body = tableLines(state, geo.table.width - 2, legend && inner > 3 ? inner - 1 : inner);
      setLines(table, legend && inner > 3 ? [...body, [seg(legend, "dim")]] : body);
      table.setLabel(state.table ? t("live.box.tableFrom", { source: state.table.source }) : t("live.box.table"));
    }
    if (geo.timeline && state) setLines(timeline, timelineLines(state, geo.timeline.width - 2, geo.timeline.height - 2));
    setLines(status, [fit(statusLine(state, geo), geo.status.width)]);
  }

  function drawPane(el: Widgets.BoxElement, r: Rect, side: Side, procs: ProcView[], state: DemoState): void {
    if (procs.length === 0) {
      setLines(el, [[seg(t("live.pane.empty"), "dim")]]);
      return;
    }
    const shown = side === "right" ? pickShown(procs, state) : procs[0]!;
    el.setLabel(procs.length > 1 ? t("live.pane.labelOfMany", { name: shown.name, index: procs.indexOf(shown) + 1, count: procs.length }) : t("live.pane.label", { name: shown.name }));
    el.style.border = { fg: focus === side ? (colour ? "cyan" : "white") : "gray" };
    const lines = paneLines({
      procs,
      shown,
      calls: callsOf(state, procs),
      width: r.width - 2,
      height: r.height - 2,
      syscalls,
      ...(typing !== undefined && focus === side ? { typing } : {}),
      ...(waitingFor(shown) ? { waitingFor: waitingFor(shown)! } : {}),
    });
    setLines(el, lines);
  }

  /** Several clients share the right pane: show the one the learner picked, else the one that is paused or busy. */
  function pickShown(procs: ProcView[], state: DemoState): ProcView {
    if (shownRight > 0) return procs[(shownRight - 1) % procs.length]!;
    const calls = callsOf(state, procs);
    const pending = calls.find((c) => c.status === "pending");
    const latest = pending ?? calls[calls.length - 1];
    return procs.find((p) => p.name === latest?.proc) ?? procs[0]!;
  }

  function statusLine(state: DemoState | undefined, geo: Geometry): Line {
    if (flash) return [seg(` ${flash}`, "yellow")];
    if (typing !== undefined) return [seg(t("live.typing.badge"), "inverse"), seg(t("live.typing.where", { side: focus }), "dim")];
    const waiting = state?.processes.find((p) => p.calls.some((c) => c.kind === "stdin" && c.status === "running"));
    const twoSides = (state?.processes.some((p) => p.side === "left") ?? true) && (state?.processes.some((p) => p.side === "right") ?? true);
    // Most useful first: when the line is too narrow, the last ones go (q always stays).
    const keys: [string, string][] = [];
    if (source.interactive || waiting) keys.push(["i", t("live.key.type")]);
    if (source.steppable) {
      keys.push(["space", t("live.key.nextCall")]);
      if (twoSides) keys.push(["←/→", t("live.key.stepSide")]);
      keys.push(["r", mode === "run" ? t("live.key.stepMode") : t("live.key.run")]);
    }
    keys.push(["R", source.restartLabel], ["?", t("live.key.help")]);
    if (geo.compact) keys.push(["t", bottom === "table" ? t("live.key.timeline") : t("live.key.table")]);
    if ((state?.processes.filter((p) => p.side === "right").length ?? 0) > 1) keys.push(["c", t("live.key.nextClient")]);
    if (options.pythonAvailable) keys.push(["p", runtimeName(runtime === "python" ? "node" : "python")]);
    if (straceOk) keys.push(["y", syscalls ? t("live.key.socketCalls") : t("live.key.syscalls")]);
    if (source.steppable) keys.push(["m", t("live.key.slow")]);
    if (twoSides) keys.push(["tab", t("live.key.side")]);
    const quit: Line = [seg(" q", "bold"), seg(t("live.key.back"), "dim")];
    const head: Line = waiting ? [seg(t("live.typing.waits", { name: waiting.name }), "inverse"), seg(" ")] : [];
    const line: Line = [...head];
    let used = lineWidth(head) + lineWidth(quit);
    for (const [k, what] of keys) {
      const item: Line = [seg(` ${k}`, "bold"), seg(` ${what} `, "dim")];
      const w = lineWidth(item);
      if (used + w > geo.status.width) continue;
      line.push(...item);
      used += w;
    }
    return [...line, ...quit];
  }

  /** What the panes mean, for a learner who has not met them before (the ? key). */
  function helpText(): Line[] {
    const h = (t: string): Line => [seg(t, "bold")];
    const p = (t: string): Line[] => wrapText(t, Math.max(40, Math.floor(((screen.width as number) || 80) * 0.9) - 4)).map((l) => [seg(l)]);
    return [
      h(t("live.help.seeTitle")),
      ...p(t("live.help.panes")),
      ...p(t("live.help.table")),
      ...p(t("live.help.timeline")),
      ...p(t("live.help.words", { command: tutor("glossary <word>") })),
      [],
      h(t("live.help.keysTitle")),
      ...p(source.steppable ? t("live.help.stepKeys") : t("live.help.checkKeys")),
      ...p(t("live.help.otherKeys")),
      ...p(t("live.help.leaveKeys")),
      [],
      [seg(t("live.help.close"), "dim")],
    ];
  }

  function schedule(): void {
    if (renderTimer) return;
    const wait = Math.max(0, FRAME_MS - (Date.now() - lastRender));
    renderTimer = setTimeout(render, wait);
  }

  function onEvent(ev: DemoEvent): void {
    spendCredit(ev);
    if (latencyLog && ev.type === "call") unrendered.push(ev.t);
    schedule();
  }

  async function launch(started?: Promise<LiveRun | Error>): Promise<void> {
    released.clear();
    credits.left.n = 0;
    credits.right.n = 0;
    const previous = session;
    session = undefined;
    if (previous) await previous.stop();
    schedule();
    const result = await (started ?? startRun());
    if (result instanceof Error) say(t("live.say.couldNotStart", { message: sanitize(result.message) }));
    else session = result;
    schedule();
  }

  function sideProcs(side: Side): ProcView[] {
    return session ? session.state.processes.filter((p) => p.side === side) : [];
  }

  /**
   * A step key pressed between two calls (the next one not reported yet) is kept
   * for a moment and spent on the next pause of that side, so three quick presses
   * make three calls, as the learner meant.
   */
  const credits: Record<Side, { n: number; t: number }> = { left: { n: 0, t: 0 }, right: { n: 0, t: 0 } };
  const CREDIT_MS = 400;

  /**
   * Calls already let go whose "running" event has not come back yet: a second key
   * press in that moment must go to the next pause, not to the same call again.
   */
  const released = new Set<string>();

  function releasable(p: ProcView): string | undefined {
    return p.pending.find((id) => !released.has(id));
  }

  function release(proc: string, id: string): void {
    released.add(id);
    session?.continue(proc, Number(id.slice(id.lastIndexOf("#") + 1)));
  }

  /** Lets the paused call of one side run: the shown client on the right, else any paused one there. */
  function stepSide(side: Side): void {
    if (!session) return;
    const state = session.state;
    const procs = sideProcs(side);
    const shown = side === "right" && procs.length ? pickShown(procs, state) : procs[0];
    const candidates = [shown, ...procs].filter((p): p is ProcView => p !== undefined);
    const target = candidates.find((p) => releasable(p) !== undefined);
    if (target) return release(target.name, releasable(target)!);
    if (mode !== "step") return say(t("live.say.runningFreely"));
    const busy = procs.some((p) => p.status === "running" && (p.pending.length > 0 || !callsOf(state, [p]).some((c) => c.status === "running")));
    if (busy) {
      credits[side] = { n: credits[side].n + 1, t: Date.now() };
      setTimeout(() => {
        if (credits[side].n > 0 && Date.now() - credits[side].t >= CREDIT_MS) {
          credits[side].n = 0;
          explainNothingPaused();
        }
      }, CREDIT_MS + 10).unref();
      return;
    }
    explainNothingPaused();
  }

  function explainNothingPaused(): void {
    const other = session?.state.processes.find((p) => p.pending.length > 0);
    say(other ? t("live.say.pausedElsewhere", { name: other.name, key: other.side === "left" ? "←" : "→" }) : t("live.say.nothingPaused"));
  }

  function spendCredit(ev: DemoEvent): void {
    if (ev.type !== "call" || ev.phase !== "pending" || !session) return;
    const side = session.state.processes.find((p) => p.name === ev.proc)?.side;
    if (!side) return;
    const c = credits[side];
    if (c.n > 0 && Date.now() - c.t < CREDIT_MS) {
      c.n--;
      release(ev.proc, `${ev.proc}#${ev.seq}`);
    } else c.n = 0;
  }

  function setMode(next: DemoMode): void {
    mode = next;
    session?.setMode(next);
    say(next === "step" ? t("live.say.stepMode") : next === "run" ? t("live.say.runMode") : t("live.say.slowMode"));
  }

  async function switchTo(action: () => Promise<void>): Promise<void> {
    if (switching) return;
    switching = true;
    try {
      await action();
    } finally {
      switching = false;
    }
  }

  function typedKey(ch: string | undefined, key: Widgets.Events.IKeyEventArg): void {
    if (key.full === "escape") typing = undefined;
    else if (key.full === "enter") {
      const target = focus === "right" ? pickShown(sideProcs("right"), session!.state) : sideProcs("left")[0];
      if (target && session) {
        if (!session.sendInput(target.name, typing ?? "")) {
          say(t("live.say.notRunning", { name: target.name }));
          typing = undefined;
          return schedule();
        }
      }
      typing = "";
    } else if (key.full === "backspace") typing = (typing ?? "").slice(0, -1);
    else if (key.full === "tab") focus = focus === "left" ? "right" : "left";
    else if (key.full === "C-c") return void leave("interrupt");
    else if (ch && !key.ctrl && !key.meta && ch >= " ") typing = (typing ?? "") + ch;
    schedule();
  }

  let leaving = false;
  async function leave(how: LiveViewExit): Promise<void> {
    if (leaving) return;
    leaving = true;
    if (renderTimer) clearTimeout(renderTimer);
    if (flashTimer) clearTimeout(flashTimer);
    await session?.stop();
    destroy();
    unregister();
    finish(how);
  }

  screen.on("keypress", (ch: string | undefined, raw: Widgets.Events.IKeyEventArg) => {
    if (leaving || !raw) return;
    // Node's keypress decoder (shared with inquirer, see keys.ts) reports a lone Esc as "M-escape".
    const key = raw.full === "M-escape" ? { ...raw, full: "escape", meta: false } : raw;
    // Blessed reports Enter twice, as "enter" and then "return": act on "enter" only
    // ("linefeed" where a terminal sends \n).
    if (key.full === "return") return;
    if (key.full === "linefeed") key.full = "enter";
    if (typing !== undefined) return typedKey(ch, key);
    if (!help.hidden) {
      // Any key closes the help; Ctrl-C still quits.
      help.hide();
      if (key.full === "C-c") return void leave("interrupt");
      return schedule();
    }
    if (!source.steppable && ["space", "enter", "left", "h", "right", "l", "r", "s", "m"].includes(key.full)) {
      return say(t("live.say.checksFullSpeed"));
    }
    switch (key.full) {
      case "space":
      case "enter":
        return stepSide(focus);
      case "left":
      case "h":
        return stepSide("left");
      case "right":
      case "l":
        return stepSide("right");
      case "tab":
      case "S-tab":
        focus = focus === "left" ? "right" : "left";
        return schedule();
      case "r":
        return setMode(mode === "run" ? "step" : "run");
      case "s":
        return setMode("step");
      case "m":
        return setMode(mode === "slow" ? "step" : "slow");
      case "S-r":
      case "R":
        return void switchTo(async () => {
          say(t("live.say.restarting"));
          await launch();
        });
      case "p":
        if (!options.pythonAvailable) return say(t("live.say.noPython"));
        return void switchTo(async () => {
          runtime = runtime === "python" ? "node" : "python";
          say(t("live.say.switching", { runtime: runtimeName(runtime) }));
          await launch();
        });
      case "y":
        if (!straceOk) return say(t("live.say.noStrace"));
        return void switchTo(async () => {
          syscalls = !syscalls;
          say(syscalls ? t("live.say.syscallsOn") : t("live.say.syscallsOff"));
          await launch();
        });
      case "t":
        bottom = bottom === "table" ? "timeline" : "table";
        return schedule();
      case "c":
        shownRight = (shownRight % Math.max(1, sideProcs("right").length)) + 1;
        return schedule();
      case "i":
        typing = "";
        return schedule();
      case "?":
      case "S-/":
        help.setContent(toTags([seg("")], colour) + helpText().map((l) => toTags(l, colour)).join("\n"));
        help.show();
        help.setFront();
        return screen.render();
      case "q":
      case "escape":
        return void leave("back");
      case "C-c":
        return void leave("interrupt");
    }
  });
  screen.on("resize", () => schedule());
  if (typeof options.syscallsAvailable !== "boolean") {
    void options.syscallsAvailable.then((ok) => {
      straceOk = ok;
      schedule();
    });
  }

  deliver = onEvent;
  await launch(firstRun);
  return finished;
}
