/**
 * The full-screen live view of a demo (blessed): the server's pane on the left,
 * the clients' on the right, the kernel's socket table and the timeline below.
 * A thin screen adapter: what to draw comes from live/frame.ts, what keys do from
 * live/controller.ts (both without blessed); this file places boxes, sets their
 * lines when they changed, and feeds keys and the mouse wheel to the controller.
 */
import type { Widgets } from "blessed";
import { appendFileSync } from "node:fs";
import type { DemoEvent, LoadedDemo } from "../demo/launcher.js";
import { demoSource, type LiveSource } from "../demo/live-source.js";
import type { DemoRuntime } from "../demo/spec.js";
import type { DemoMode } from "../demo/state.js";
import { onCleanup } from "../util/cleanup.js";
import { colourEnabled } from "../util/style.js";
import { LiveController, type LiveViewExit } from "./live/controller.js";
import { detailLines, frame, helpLines, noteLines, runNotes, type FrameInput } from "./live/frame.js";
import { normalizeKey } from "./live/keys.js";
import { liveLayout, type Rect } from "./live/layout.js";
import { RedrawScheduler } from "./live/redraw.js";
import { sanitize, toTags, type Line, type TagStyle } from "./live/paint.js";
import { liveTerminalProblem, liveTerminalStyle, rewriteDimSgr } from "./live/terminal.js";
import { shareKeypressDecoder } from "./keys.js";
import { t } from "../text/catalog.js";

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
export type { LiveViewExit } from "./live/controller.js";

export async function runLiveView(demo: LoadedDemo, options: LiveViewOptions): Promise<LiveViewExit> {
  const problem = liveTerminalProblem();
  if (problem) {
    // A terminal blessed cannot drive (TERM=dumb): the demo as text, with one line saying why.
    process.stdout.write(t("demo.cmd.plainTerminal", { term: problem }) + "\n");
    const { createDemo } = await import("../demo/launcher.js");
    const { runPlain } = await import("./plain-run.js");
    const session = await createDemo(demo, { runtime: options.runtime, mode: "run", syscalls: options.syscalls === true, ...(options.port !== undefined ? { port: options.port } : {}) });
    await runPlain(session, "run");
    return "back";
  }
  return runLive(demoSource(demo, options.port), options);
}

export async function runLive(source: LiveSource, options: LiveViewOptions): Promise<LiveViewExit> {
  const straceOk = typeof options.syscallsAvailable === "boolean" ? options.syscallsAvailable : options.syscalls === true ? await options.syscallsAvailable : false;
  let schedule: () => void = () => undefined;
  let finish: (exit: LiveViewExit) => void = () => undefined;
  const finished = new Promise<LiveViewExit>((resolve) => (finish = resolve));
  let onLeft: (how: LiveViewExit) => void = () => undefined;
  const controller = new LiveController(source, { runtime: options.runtime, ...(options.mode ? { mode: options.mode } : {}), pythonAvailable: options.pythonAvailable, straceAvailable: straceOk, ...(options.syscalls ? { syscalls: true } : {}) }, { render: () => schedule(), left: (how) => onLeft(how) });
  const latencyLog = process.env.SOCKET_TUTOR_LATENCY_LOG;
  const unrendered: number[] = [];
  const unrenderedPackets: number[] = [];
  const deliver = (ev: DemoEvent): void => {
    if (latencyLog && ev.type === "call") unrendered.push(ev.t);
    if (latencyLog && ev.type === "packet") unrenderedPackets.push(ev.t);
    controller.onEvent(ev);
  };
  // The first run starts before blessed loads: the programs boot while the screen is built.
  const firstRun = source.start(controller.startOptions(deliver)).catch((err: unknown) => err as Error);
  const { default: blessed } = await import("blessed");
  shareKeypressDecoder();
  const style: TagStyle = liveTerminalStyle(colourEnabled());
  // Box borders in Unicode, not the VT100 alternate character set: ACS shows up as
  // "lqqk" in tmux and some UTF-8 terminals. The env var is how blessed (like ncurses)
  // is told; it is restored at once so the demo processes do not inherit it.
  const acs = process.env.NCURSES_NO_UTF8_ACS;
  process.env.NCURSES_NO_UTF8_ACS = "1";
  const screen = blessed.screen({ smartCSR: true, fullUnicode: true, forceUnicode: true, warnings: false, title: `socket-tutor: ${sanitize(source.title)}`, autoPadding: false });
  if (acs === undefined) delete process.env.NCURSES_NO_UTF8_ACS;
  else process.env.NCURSES_NO_UTF8_ACS = acs;
  // blessed has no dim attribute: the dim tone is drawn with its blink flag, and the
  // blink code rewritten to dim (SGR 2) on the way out (live/terminal.ts says why).
  const program = screen.program as unknown as { _owrite: (text: string) => unknown };
  const write = program._owrite.bind(screen.program);
  program._owrite = (text: string) => write(rewriteDimSgr(text));
  // The mouse wheel scrolls the box under it (blessed reports it only with the mouse on).
  screen.program.enableMouse();

  // No fixed colours: borders in the terminal's own colour, the focused one bold (and cyan with colour).
  const box = (extra: Widgets.BoxOptions = {}): Widgets.BoxElement =>
    // wrap: false: every line is already cut to the box (format.ts); blessed must not fold one again.
    blessed.box({ parent: screen, tags: true, wrap: false, border: { type: "line" }, style: { border: {}, label: { bold: true } }, ...extra });
  const title = blessed.box({ parent: screen, tags: true, wrap: false });
  const left = box();
  const right = box();
  const bottom = box();
  const timeline = box();
  const status = blessed.box({ parent: screen, tags: true, wrap: false });
  const message = blessed.box({ parent: screen, tags: true, hidden: true, top: "center", left: "center", width: "90%", height: "shrink", border: { type: "line" }, padding: 1 });
  const help = box({ hidden: true, label: t("live.box.help") });
  const detail = box({ hidden: true, label: t("live.detail.title") });

  let unregister: () => void = () => undefined;
  const destroy = (): void => {
    try {
      screen.destroy();
    } catch {
      // already gone
    }
  };
  unregister = onCleanup(destroy);
  onLeft = (how) => {
    redraw.cancel();
    destroy();
    unregister();
    finish(how);
  };

  // What each box showed last: a box is set (and the screen drawn) only when it changed.
  const shown = new Map<Widgets.BoxElement, string>();
  let changed = false;
  const setLines = (el: Widgets.BoxElement, lines: Line[]): void => {
    const content = lines.map((l) => toTags(l, style)).join("\n");
    if (shown.get(el) === content) return;
    shown.set(el, content);
    el.setContent(content);
    changed = true;
  };
  const setLabel = (el: Widgets.BoxElement, label: string): void => {
    const key = `label:${label}`;
    const prev = (el as unknown as { _stLabel?: string })._stLabel;
    if (prev === key) return;
    (el as unknown as { _stLabel?: string })._stLabel = key;
    el.setLabel(label);
    changed = true;
  };
  const place = (el: Widgets.BoxElement, r: Rect | undefined): void => {
    if (!r) {
      if (!el.hidden) {
        el.hide();
        changed = true;
      }
      return;
    }
    if (el.hidden) {
      el.show();
      changed = true;
    }
    if (el.top !== r.top || el.left !== r.left || el.width !== r.width || el.height !== r.height) {
      el.top = r.top;
      el.left = r.left;
      el.width = r.width;
      el.height = r.height;
      changed = true;
    }
  };
  const focusBorder = (el: Widgets.BoxElement, focused: boolean): void => {
    const want = focused ? (style.colour ? "cyan" : "bold") : "none";
    const el2 = el as unknown as { _stBorder?: string; style: { border: Record<string, unknown> } };
    if (el2._stBorder === want) return;
    el2._stBorder = want;
    el2.style.border = want === "cyan" ? { fg: "cyan", bold: true } : want === "bold" ? { bold: true } : {};
    changed = true;
  };

  // Events in a burst (packets above all) are drawn together, once a frame at most (live/redraw.ts).
  const redraw = new RedrawScheduler(render);
  function render(): void {
    if (controller.isLeaving) return;
    const run = controller.run;
    const state = run?.state;
    const cols = (screen.width as number) || 80;
    const rows = (screen.height as number) || 24;
    const notesAll = runNotes(state, options.note);
    // On a short terminal one line of notes (the help has them whole): the rows go to the table and the calls.
    const notes = noteLines(notesAll, cols, rows < 30 ? 1 : 3);
    // A demo with processes on one side only (a server alone, a client alone) gives that side the whole width.
    const onlyLeft = state !== undefined && !state.processes.some((p) => p.side === "right");
    const onlyRight = state !== undefined && !state.processes.some((p) => p.side === "left");
    const oneSide = onlyLeft || onlyRight;
    const laid = liveLayout(cols, rows, { noteLines: notes.length, bottom: controller.view.bottom, tableRows: source.focus?.tableRows ?? 4, oneSide });
    const geo = "tooSmall" in laid || !onlyRight ? laid : { ...laid, right: laid.left, left: { ...laid.left, width: 0 } };
    if ("tooSmall" in geo) {
      for (const el of [title, left, right, bottom, timeline, status, help, detail]) place(el, undefined);
      message.show();
      message.setContent(geo.tooSmall);
      screen.render();
      return;
    }
    if (!message.hidden) {
      message.hide();
      changed = true;
    }
    controller.setGeometry({ compact: geo.compact, pageRows: Math.max(2, geo.left.height - 4) });
    const where = run && source.showsAddress ? (run.socketPath ? sanitize(run.socketPath) : `${run.host}:${run.port ?? "?"}`) : "";
    // The focus items of this runtime (a demo may point at different rows in Python and Node).
    const rt = controller.view.runtime;
    const mine = <T extends { runtime?: DemoRuntime }>(list: T[] | undefined): T[] | undefined => list?.filter((x) => x.runtime === undefined || x.runtime === rt);
    const focusRows = mine(source.focus?.rows);
    const focusCalls = mine(source.focus?.calls);
    const focusOutput = mine(source.focus?.output);
    const input: FrameInput = { source, controller, state, where, notes, ...(focusRows ? { focusRows } : {}), ...(focusCalls ? { focusCalls } : {}), ...(focusOutput ? { focusOutput } : {}) };
    const f = frame(input, geo);
    const was = controller.view.scroll;
    controller.settle({ output: { left: f.scroll.output.left ?? was.output.left, right: f.scroll.output.right ?? was.output.right }, bottom: f.scroll.bottom ?? was.bottom, lower: f.scroll.lower ?? was.lower });
    place(title, geo.title);
    place(left, geo.left.width > 0 ? geo.left : undefined);
    place(right, geo.right.width > 0 ? geo.right : undefined);
    place(status, geo.status);
    setLines(title, f.title);
    setLabel(left, f.left.label);
    setLines(left, f.left.lines);
    focusBorder(left, f.left.focused);
    setLabel(right, f.right.label);
    setLines(right, f.right.lines);
    focusBorder(right, f.right.focused);
    const bottomRect = geo.compact ? (geo.table ?? geo.timeline) : geo.table;
    place(bottom, f.bottom ? bottomRect : undefined);
    if (f.bottom) {
      setLabel(bottom, f.bottom.label);
      setLines(bottom, f.bottom.lines);
      focusBorder(bottom, f.bottom.focused);
    }
    place(timeline, f.timeline ? geo.timeline : undefined);
    if (f.timeline) {
      setLabel(timeline, f.timeline.label);
      setLines(timeline, f.timeline.lines);
      focusBorder(timeline, f.timeline.focused);
    }
    setLines(status, [f.status]);
    drawOverlay(help, controller.view.help, (w) => helpLines(input, w, controller.keyContext(), notesAll, source.focus?.what), "help", cols, rows);
    drawOverlay(detail, controller.view.detail !== undefined, (w) => detailLines(input, w), "detail", cols, rows);
    if (changed) screen.render();
    changed = false;
    logLatency();
  }

  /** The help or the opened call: a box over the panes, scrolled by the controller, clamped here. */
  function drawOverlay(el: Widgets.BoxElement, open: boolean, content: (width: number) => Line[], which: "help" | "detail", cols: number, rows: number): void {
    if (!open) return place(el, undefined);
    const width = Math.min(cols, Math.max(40, Math.floor(cols * 0.9)));
    const inner = width - 4;
    const lines = content(inner);
    const height = Math.min(rows - 2, lines.length + 2);
    const room = height - 2;
    const max = Math.max(0, lines.length - room);
    const scroll = Math.min(controller.view.scroll[which], max);
    controller.settle({ [which]: scroll });
    const visible = lines.slice(scroll, scroll + room).map((l) => [{ text: " " }, ...l]);
    place(el, { top: Math.max(0, Math.floor((rows - height) / 2)), left: Math.floor((cols - width) / 2), width, height });
    // Where in the text the box is, when it does not all fit.
    const title = which === "help" ? t("live.box.help") : t("live.detail.title");
    setLabel(el, max > 0 ? `${title}${t("live.box.position", { from: scroll + 1, to: Math.min(lines.length, scroll + room), total: lines.length })}` : title);
    setLines(el, visible);
    el.setFront();
  }

  /**
   * `npm run bench` measures how long a traced call takes to reach the screen:
   * with SOCKET_TUTOR_LATENCY_LOG set, each render appends, per call event it
   * shows for the first time, the ms from the call in the traced process to now
   * (and per packet, from the kernel's stamp to now, to the file + ".packets").
   */
  function logLatency(): void {
    if (!latencyLog) return;
    const now = performance.timeOrigin + performance.now();
    // Packets (stamped by the kernel, on the calls' clock) go to a file of their own.
    for (const [file, list] of [[latencyLog, unrendered], [`${latencyLog}.packets`, unrenderedPackets]] as const) {
      if (list.length === 0) continue;
      try {
        appendFileSync(file, list.map((x) => (now - x).toFixed(2)).join("\n") + "\n");
      } catch {
        // a bench aid: never let it disturb the view
      }
      list.length = 0;
    }
  }

  schedule = (): void => redraw.request();

  screen.on("keypress", (ch: string | undefined, raw: Widgets.Events.IKeyEventArg) => {
    if (!raw) return;
    const key = normalizeKey(raw.full);
    if (key === undefined) return;
    controller.key(key, ch);
  });
  const wheel = (el: Widgets.BoxElement, over: "left" | "right" | "bottom" | "lower" | "help" | "detail"): void => {
    el.on("wheelup", () => controller.wheel(over, -1));
    el.on("wheeldown", () => controller.wheel(over, 1));
  };
  wheel(left, "left");
  wheel(right, "right");
  wheel(bottom, "bottom");
  wheel(timeline, "lower");
  wheel(help, "help");
  wheel(detail, "detail");
  screen.on("resize", () => {
    // Every box is placed again at the new size.
    shown.clear();
    changed = true;
    schedule();
  });
  if (typeof options.syscallsAvailable !== "boolean") void options.syscallsAvailable.then((ok) => controller.setStraceAvailable(ok));

  await controller.launch(firstRun);
  return finished;
}
