/**
 * The live view's behaviour without a screen: keys in, actions on the run out,
 * and a `view` of what the learner is doing (focus, typing, scroll positions,
 * help, the opened call, the bottom tab, step credits, the mode). The blessed
 * adapter (ui/live-view.ts) only draws `view` and the run's state, and feeds keys
 * and mouse wheel here, so all of this is tested without a terminal.
 */
import type { DemoEvent } from "../../demo/events.js";
import type { LiveRun, LiveSource } from "../../demo/live-source.js";
import type { DemoRuntime } from "../../demo/spec.js";
import type { DemoMode, DemoState, ProcView } from "../../demo/state.js";
import { t } from "../../text/catalog.js";
import { callsOf, paneItems, sides } from "./format.js";
import { entryFor, type KeyContext } from "./keys.js";
import { sanitize } from "./paint.js";

export type Side = "left" | "right";
/** A pane, the bottom box (the table, or the tab shown on a small screen), or the wide layout's lower box (timeline or wire). */
export type Focus = Side | "bottom" | "lower";
export type BottomTab = "table" | "timeline" | "wire";
export type LiveViewExit = "back" | "interrupt";

/** The bottom tab after `tab` (t on a small screen). */
export function nextTab(tab: BottomTab): BottomTab {
  return tab === "table" ? "timeline" : tab === "timeline" ? "wire" : "table";
}

export interface ControllerOptions {
  runtime: DemoRuntime;
  mode?: DemoMode;
  pythonAvailable: boolean;
  /** strace can run here (the y key). */
  straceAvailable: boolean;
  syscalls?: boolean;
  /** How long a step key pressed between two calls is kept for the next pause (ms). */
  creditMs?: number;
  /** How long a flash message stays (ms). */
  flashMs?: number;
}

/** What the screen adapter provides. */
export interface ControllerHost {
  /** Something in `view` or the run's state changed: draw again (soon). */
  render(): void;
  /** Leave the view: the adapter destroys the screen once the run has stopped. */
  left(how: LiveViewExit): void;
}

/** Scroll positions, as asked for; the frame clamps them to what there is and reports back (settle). */
export interface Scrolls {
  /** Output lines up from the newest, per pane (0: follow the newest). */
  output: Record<Side, number>;
  /** Table rows down from the first / timeline rows up from the newest. */
  bottom: number;
  /** The wide layout's lower box (timeline or wire): rows up from the newest. */
  lower: number;
  help: number;
  detail: number;
}

export interface ViewState {
  focus: Focus;
  /** The pane whose paused call space runs (the last pane focused). */
  side: Side;
  bottom: BottomTab;
  /** The tab the wire view (w) replaced: w again goes back to it. */
  beforeWire: Exclude<BottomTab, "wire">;
  mode: DemoMode;
  runtime: DemoRuntime;
  syscalls: boolean;
  /** Typing a line for `target` (a process name). */
  typing?: { text: string; target: string };
  /** The call or syscall selected in each pane (an item key); undefined: the list follows the newest. */
  selected: Record<Side, string | undefined>;
  /** The client the learner picked with c (a name), else undefined: the view picks. */
  pickedClient?: string;
  help: boolean;
  /** The call or syscall opened in full (an item key and its pane). */
  detail?: { side: Side; key: string };
  scroll: Scrolls;
  flash?: string;
  /** The geometry's facts the keys depend on. */
  compact: boolean;
  /** Rows a page-key moves. */
  pageRows: number;
}

export class LiveController {
  readonly view: ViewState;
  run: LiveRun | undefined;
  private straceOk: boolean;
  private switching = false;
  private leaving = false;
  private flashTimer?: NodeJS.Timeout;
  private readonly credits: Record<Side, { n: number; t: number }> = { left: { n: 0, t: 0 }, right: { n: 0, t: 0 } };
  /** Calls let go whose "running" event has not come back yet: a second key goes to the next pause. */
  private readonly released = new Set<string>();
  /** The client the view showed last in run mode: it stays until it ends (no flipping). */
  private stickyClient?: string;
  private readonly creditMs: number;
  private readonly flashMs: number;

  constructor(
    private readonly source: LiveSource,
    private readonly options: ControllerOptions,
    private readonly host: ControllerHost,
  ) {
    this.straceOk = options.straceAvailable;
    const syscalls = options.syscalls === true && this.straceOk;
    this.view = {
      focus: "left",
      side: "left",
      bottom: "table",
      beforeWire: "table",
      mode: source.steppable ? (options.mode ?? "step") : "run",
      runtime: options.runtime,
      syscalls,
      selected: { left: undefined, right: undefined },
      help: false,
      scroll: { output: { left: 0, right: 0 }, bottom: 0, lower: 0, help: 0, detail: 0 },
      compact: false,
      pageRows: 5,
    };
    this.creditMs = options.creditMs ?? 400;
    this.flashMs = options.flashMs ?? 4000;
  }

  // ---- the run ----

  /** Options for source.start: the adapter's first start is made before blessed loads. */
  startOptions(onEvent: (ev: DemoEvent) => void): Parameters<LiveSource["start"]>[0] {
    return { runtime: this.view.runtime, mode: this.view.mode, syscalls: this.view.syscalls, onEvent };
  }

  /** Stops the current run (if any) and starts a new one (or takes the one already starting). */
  launch(started: Promise<LiveRun | Error>): Promise<void> {
    const p = this.doLaunch(started);
    this.launching = p;
    return p.finally(() => {
      if (this.launching === p) this.launching = undefined;
    });
  }

  /** A launch in flight: leaving waits for it, so the run it starts is stopped before the view is gone. */
  private launching?: Promise<void>;

  private async doLaunch(started: Promise<LiveRun | Error>): Promise<void> {
    this.released.clear();
    this.credits.left.n = 0;
    this.credits.right.n = 0;
    // A relaunch ends typing, the opened call and every selection: they named the old run's processes and calls.
    this.view.typing = undefined;
    this.view.detail = undefined;
    this.view.selected = { left: undefined, right: undefined };
    this.view.scroll.output = { left: 0, right: 0 };
    this.stickyClient = undefined;
    const previous = this.run;
    this.run = undefined;
    this.host.render();
    if (previous) await previous.stop();
    const result = await started;
    if (this.leaving) {
      if (!(result instanceof Error)) await result.stop();
      return;
    }
    if (result instanceof Error) this.say(t("live.say.couldNotStart", { message: sanitize(result.message) }));
    else {
      this.run = result;
      // The learner may have switched modes (r) while the run was starting: it started in the old one.
      if (result.state.mode !== this.view.mode) result.setMode(this.view.mode);
    }
    this.host.render();
  }

  /** The run's events arrive here (after they are applied to its state). */
  onEvent(ev: DemoEvent): void {
    this.spendCredit(ev);
    const state = this.run?.state;
    // A demo whose processes are all on the right (a client alone): the focus starts there.
    if (state && this.view.focus === "left" && !state.processes.some((p) => p.side === "left")) {
      this.view.focus = "right";
      this.view.side = "right";
    }
    // Typing ends when the program it types into ends.
    if (this.view.typing && state && ev.type === "exit" && ev.proc === this.view.typing.target) {
      this.say(t("live.say.typingEnded", { name: this.view.typing.target }));
      this.view.typing = undefined;
    }
    this.host.render();
  }

  setStraceAvailable(ok: boolean): void {
    this.straceOk = ok;
    this.host.render();
  }

  /** The adapter reports the layout's facts the keys depend on. */
  setGeometry(g: { compact: boolean; pageRows: number }): void {
    this.view.compact = g.compact;
    this.view.pageRows = Math.max(1, g.pageRows);
    // Gone on a small screen: its view is the bottom tab there.
    if (g.compact && this.view.focus === "lower") this.view.focus = "bottom";
  }

  /** The frame clamped the scroll positions to what there is: keep those, so the next key moves at once. */
  settle(s: Partial<Scrolls>): void {
    Object.assign(this.view.scroll, s);
  }

  // ---- what the view shows ----

  /** The process shown in a pane: the left's only one; on the right, the client picked, else a stable choice. */
  shown(side: Side, state: DemoState): ProcView | undefined {
    const procs = sides(state)[side];
    if (procs.length <= 1) return procs[0];
    const picked = procs.find((p) => p.name === this.view.pickedClient);
    if (picked) return picked;
    const calls = callsOf(state, procs);
    const paused = calls.find((c) => c.status === "pending");
    // Step mode: the one paused, which the step keys run. Run mode: the one shown stays while it runs.
    if (this.view.mode === "step" && paused) return procs.find((p) => p.name === paused.proc);
    const sticky = procs.find((p) => p.name === this.stickyClient);
    if (sticky && sticky.status === "running") return sticky;
    const active = procs.find((p) => p.status === "running") ?? procs.find((p) => p.name === calls[calls.length - 1]?.proc) ?? procs[0];
    this.stickyClient = active?.name;
    return active;
  }

  /** Who a typed line goes to: the process waiting for input (the focused side's first), else the focused side's. */
  typingTarget(state: DemoState): string | undefined {
    const waiting = state.processes.filter((p) => p.status === "running" && p.calls.some((c) => c.kind === "stdin" && c.status === "running"));
    const side = this.view.side;
    const onSide = waiting.find((p) => p.side === side);
    if (onSide ?? waiting[0]) return (onSide ?? waiting[0])!.name;
    const shown = this.shown(side, state) ?? this.shown(side === "left" ? "right" : "left", state);
    return shown?.status === "running" ? shown.name : undefined;
  }

  keyContext(): KeyContext {
    const state = this.run?.state;
    const over = state === undefined ? false : state.status === "done" || state.status === "stopped";
    const s = state ? sides(state) : { left: [], right: [] };
    const waiting = state?.processes.some((p) => p.status === "running" && p.calls.some((c) => c.kind === "stdin" && c.status === "running")) ?? false;
    const side = this.view.focus === "bottom" || this.view.focus === "lower" ? this.view.side : this.view.focus;
    return {
      steppable: this.source.steppable,
      over,
      mode: this.view.mode,
      canType: state !== undefined && state.status === "running" && (this.source.interactive || waiting),
      twoSides: s.left.length > 0 && s.right.length > 0,
      compact: this.view.compact,
      clients: s.right.length > 1,
      pythonAvailable: this.options.pythonAvailable,
      straceAvailable: this.straceOk,
      syscalls: this.view.syscalls,
      runtime: this.view.runtime,
      bottom: this.view.bottom,
      hasCalls: state !== undefined && paneItems(state, s[side], this.view.syscalls).length > 0,
      restartLabel: this.source.restartLabel,
    };
  }

  // ---- keys ----

  /** One key (already normalized, see keys.ts normalizeKey); `ch` is the character typed. */
  key(key: string, ch?: string): void {
    if (this.leaving) return;
    if (key === "C-c") return this.leave("interrupt");
    if (this.view.typing) return this.typedKey(key, ch);
    if (this.view.help) return this.helpKey(key);
    if (this.view.detail) return this.detailKey(key);
    const entry = entryFor(key);
    if (!entry) return;
    const c = this.keyContext();
    if (!this.source.steppable && ["step", "stepLeft", "stepRight", "runMode", "slow"].includes(entry.action)) return this.say(this.source.noStepping?.say ?? t("live.say.checksFullSpeed"));
    switch (entry.action) {
      case "step":
        if (c.over) return this.say(t("live.say.over", { label: this.source.restartLabel }));
        return this.stepSide(this.view.side);
      case "stepLeft":
        if (c.over) return this.say(t("live.say.over", { label: this.source.restartLabel }));
        return this.stepSide("left");
      case "stepRight":
        if (c.over) return this.say(t("live.say.over", { label: this.source.restartLabel }));
        return this.stepSide("right");
      case "runMode":
        if (c.over) return this.say(t("live.say.over", { label: this.source.restartLabel }));
        return this.setMode(key === "s" ? "step" : this.view.mode === "run" ? "step" : "run");
      case "slow":
        if (c.over) return this.say(t("live.say.over", { label: this.source.restartLabel }));
        return this.setMode(this.view.mode === "slow" ? "step" : "slow");
      case "type":
        return this.startTyping();
      case "restart":
        return this.relaunch(t("live.say.restarting"));
      case "runtime":
        if (!this.options.pythonAvailable) return this.say(t("live.say.noPython"));
        return this.relaunch(undefined, () => {
          this.view.runtime = this.view.runtime === "python" ? "node" : "python";
          this.say(t("live.say.switching", { runtime: this.view.runtime === "python" ? t("live.runtime.python") : t("live.runtime.node") }));
        });
      case "syscalls":
        if (!this.straceOk) return this.say(t("live.say.noStrace"));
        return this.relaunch(undefined, () => {
          this.view.syscalls = !this.view.syscalls;
          this.say(this.view.syscalls ? t("live.say.syscallsOn") : t("live.say.syscallsOff"));
        });
      case "bottom":
        // The tabs in turn: table, timeline, wire.
        this.view.bottom = nextTab(this.view.bottom);
        this.view.scroll.bottom = 0;
        this.view.scroll.lower = 0;
        return this.host.render();
      case "wire":
        // The wire takes the bottom tab (the timeline's box on a wide screen); w again gives it back.
        if (this.view.bottom === "wire") this.view.bottom = this.view.beforeWire;
        else {
          this.view.beforeWire = this.view.bottom;
          this.view.bottom = "wire";
        }
        this.view.scroll.bottom = this.view.compact ? 0 : this.view.scroll.bottom;
        this.view.scroll.lower = 0;
        return this.host.render();
      case "client":
        return this.nextClient();
      case "focus":
        return this.cycleFocus(key === "S-tab" ? -1 : 1);
      case "select":
        return this.move(key === "up" || key === "k" ? -1 : 1);
      case "page":
        return this.page(key === "pageup" ? -1 : 1);
      case "open":
        return this.open();
      case "help":
        this.view.help = true;
        this.view.scroll.help = 0;
        return this.host.render();
      case "back":
        return this.leave("back");
      case "quit":
        return this.leave("interrupt");
    }
  }

  /** The mouse wheel over a box: the help, the opened call, a pane's calls, or the bottom view. */
  wheel(over: Focus | "help" | "detail", direction: -1 | 1): void {
    if (this.view.help || over === "help") return this.scrollBy("help", direction * 2);
    if (this.view.detail || over === "detail") return this.scrollBy("detail", direction * 2);
    if (over === "bottom") return this.scrollBottom(direction * 2);
    if (over === "lower") return this.scrollLower(direction * 2);
    this.moveIn(over, direction);
  }

  private helpKey(key: string): void {
    if (key === "?" || key === "S-/" || key === "q" || key === "escape") {
      this.view.help = false;
      return this.host.render();
    }
    this.scrollKey("help", key);
  }

  private detailKey(key: string): void {
    if (key === "o" || key === "q" || key === "escape" || key === "enter") {
      this.view.detail = undefined;
      return this.host.render();
    }
    this.scrollKey("detail", key);
  }

  private scrollKey(which: "help" | "detail", key: string): void {
    const page = Math.max(1, this.view.pageRows);
    const by: Record<string, number> = { up: -1, k: -1, down: 1, j: 1, pageup: -page, pagedown: page, space: page, home: -1e6, end: 1e6, g: -1e6, "S-g": 1e6 };
    if (by[key] !== undefined) this.scrollBy(which, by[key]!);
  }

  private scrollBy(which: "help" | "detail", n: number): void {
    this.view.scroll[which] = Math.max(0, this.view.scroll[which] + n);
    this.host.render();
  }

  private cycleFocus(dir: 1 | -1): void {
    const state = this.run?.state;
    const s = state ? sides(state) : undefined;
    const order: Focus[] = ["left", ...(s && s.right.length > 0 && s.left.length > 0 ? (["right"] as const) : []), "bottom", ...(this.view.compact ? [] : (["lower"] as const))];
    // A demo with its processes on the right only starts there.
    if (s && s.left.length === 0) order.splice(0, 1, "right");
    const i = order.indexOf(this.view.focus);
    this.view.focus = order[(i + dir + order.length) % order.length]!;
    if (this.view.focus !== "bottom" && this.view.focus !== "lower") this.view.side = this.view.focus;
    this.host.render();
  }

  private move(dir: -1 | 1): void {
    if (this.view.focus === "bottom") return this.scrollBottom(dir);
    if (this.view.focus === "lower") return this.scrollLower(dir);
    this.moveIn(this.view.focus, dir);
  }

  /** ↑/↓ in a pane: select the call before/after the selected one; past the newest, follow the newest again. */
  private moveIn(side: Side, dir: -1 | 1): void {
    const state = this.run?.state;
    if (!state) return;
    const items = paneItems(state, sides(state)[side], this.view.syscalls);
    if (items.length === 0) return this.host.render();
    const cur = this.view.selected[side];
    const at = cur === undefined ? -1 : items.findIndex((i) => i.key === cur);
    let next: number | undefined;
    if (at < 0) next = dir < 0 ? items.length - 1 : undefined;
    else next = at + dir;
    if (next !== undefined && next >= items.length) next = undefined;
    if (next !== undefined) next = Math.max(0, next);
    this.view.selected[side] = next === undefined ? undefined : items[next]!.key;
    this.host.render();
  }

  /** n > 0: down (↓, PgDn, the wheel down). The table counts rows down from its first, the timeline rows up from its newest. */
  private scrollBottom(n: number): void {
    // The table counts rows down from its first; the timeline and the wire count rows back
    // from the newest (they follow the newest), so ↑ adds there. On a wide screen the
    // bottom box is the table whatever the tab.
    const back = this.view.compact && this.view.bottom !== "table";
    this.view.scroll.bottom = Math.max(0, this.view.scroll.bottom + (back ? -n : n));
    this.host.render();
  }

  /** n > 0: down, to newer rows, in the wide layout's timeline or wire (they count rows back from the newest). */
  private scrollLower(n: number): void {
    this.view.scroll.lower = Math.max(0, this.view.scroll.lower - n);
    this.host.render();
  }

  /** PgUp/PgDn: the focused pane's output, or the bottom view, a page at a time. */
  private page(dir: -1 | 1): void {
    const rows = Math.max(1, this.view.pageRows);
    if (this.view.focus === "bottom") return this.scrollBottom(dir * rows);
    if (this.view.focus === "lower") return this.scrollLower(dir * rows);
    const side = this.view.focus;
    this.view.scroll.output[side] = Math.max(0, this.view.scroll.output[side] - dir * rows);
    this.host.render();
  }

  private open(): void {
    const state = this.run?.state;
    if (!state) return;
    const side = this.view.focus === "bottom" || this.view.focus === "lower" ? this.view.side : this.view.focus;
    const items = paneItems(state, sides(state)[side], this.view.syscalls);
    const key = this.view.selected[side] ?? items[items.length - 1]?.key;
    if (!key) return this.say(t("live.say.noCallYet"));
    this.view.detail = { side, key };
    this.view.scroll.detail = 0;
    this.host.render();
  }

  private nextClient(): void {
    const state = this.run?.state;
    if (!state) return;
    const right = sides(state).right;
    if (right.length < 2) return;
    const cur = this.shown("right", state);
    const i = right.findIndex((p) => p.name === cur?.name);
    this.view.pickedClient = right[(i + 1) % right.length]!.name;
    this.host.render();
  }

  // ---- typing ----

  private startTyping(): void {
    const state = this.run?.state;
    if (!state) return this.say(t("live.say.stillStarting"));
    const c = this.keyContext();
    if (c.over) return this.say(t("live.say.over", { label: this.source.restartLabel }));
    const target = this.typingTarget(state);
    if (!target) return this.say(t("live.say.nobodyReads"));
    this.view.typing = { text: "", target };
    this.host.render();
  }

  private typedKey(key: string, ch: string | undefined): void {
    const typing = this.view.typing!;
    if (key === "escape") this.view.typing = undefined;
    else if (key === "enter") {
      const run = this.run;
      // No run (a restart is starting): the line stays; typing ends when the run is replaced.
      if (!run) return this.say(t("live.say.stillStarting"));
      if (!run.sendInput(typing.target, typing.text)) {
        this.say(t("live.say.notRunning", { name: typing.target }));
        this.view.typing = undefined;
      } else typing.text = "";
    } else if (key === "backspace") typing.text = [...typing.text].slice(0, -1).join("");
    else if (key === "tab" || key === "S-tab") this.switchTypingTarget();
    else if (ch && key !== "escape" && !key.startsWith("C-") && !key.startsWith("M-") && ch >= " " && ch !== "\x7f") typing.text += ch;
    this.host.render();
  }

  /** Tab while typing: the other side's program, when it takes lines too. */
  private switchTypingTarget(): void {
    const state = this.run?.state;
    const typing = this.view.typing;
    if (!state || !typing) return;
    const current = state.processes.find((p) => p.name === typing.target);
    const otherSide: Side = current?.side === "left" ? "right" : "left";
    const other = this.shown(otherSide, state);
    if (other && other.status === "running") {
      typing.target = other.name;
      this.view.side = otherSide;
      this.view.focus = otherSide;
    }
  }

  // ---- stepping ----

  private releasable(p: ProcView): string | undefined {
    return p.pending.find((id) => !this.released.has(id));
  }

  private release(proc: string, id: string): void {
    this.released.add(id);
    this.run?.continue(proc, Number(id.slice(id.lastIndexOf("#") + 1)));
  }

  /** Lets the paused call of one side run: the shown client on the right, else any paused one there. */
  private stepSide(side: Side): void {
    const run = this.run;
    if (!run) return this.say(t("live.say.stillStarting"));
    const state = run.state;
    // A demo with processes on one side only: space steps that side, whichever pane was focused.
    if (sides(state)[side].length === 0) side = side === "left" ? "right" : "left";
    const procs = sides(state)[side];
    const shown = this.shown(side, state);
    const candidates = [shown, ...procs].filter((p): p is ProcView => p !== undefined);
    const target = candidates.find((p) => this.releasable(p) !== undefined);
    if (target) return this.release(target.name, this.releasable(target)!);
    if (this.view.mode !== "step") return this.say(t("live.say.runningFreely"));
    const busy = procs.some((p) => p.status === "running" && (p.pending.length > 0 || !callsOf(state, [p]).some((c) => c.status === "running")));
    if (busy) {
      // A key pressed between two calls (the next one not reported yet) is kept for a
      // moment and spent on the next pause of that side: three quick presses, three calls.
      this.credits[side] = { n: this.credits[side].n + 1, t: Date.now() };
      setTimeout(() => {
        if (this.credits[side].n > 0 && Date.now() - this.credits[side].t >= this.creditMs) {
          this.credits[side].n = 0;
          this.explainNothingPaused();
        }
      }, this.creditMs + 10).unref();
      return;
    }
    this.explainNothingPaused();
  }

  private explainNothingPaused(): void {
    const other = this.run?.state.processes.find((p) => p.pending.length > 0);
    this.say(other ? t("live.say.pausedElsewhere", { name: other.name, key: other.side === "left" ? "←" : "→" }) : t("live.say.nothingPaused"));
  }

  private spendCredit(ev: DemoEvent): void {
    if (ev.type !== "call" || ev.phase !== "pending" || !this.run) return;
    const side = this.run.state.processes.find((p) => p.name === ev.proc)?.side;
    if (!side) return;
    const c = this.credits[side];
    if (c.n > 0 && Date.now() - c.t < this.creditMs) {
      c.n--;
      this.release(ev.proc, `${ev.proc}#${ev.seq}`);
    } else c.n = 0;
  }

  private setMode(next: DemoMode): void {
    this.view.mode = next;
    this.run?.setMode(next);
    this.say(next === "step" ? t("live.say.stepMode") : next === "run" ? t("live.say.runMode") : t("live.say.slowMode"));
  }

  // ---- restarting and leaving ----

  /** Stops the run and starts a new one; `change` alters what the next run is (runtime, syscalls) first. */
  private relaunch(message: string | undefined, change?: () => void): void {
    if (this.switching) return this.say(t("live.say.stillStarting"));
    this.switching = true;
    change?.();
    if (message) this.say(message);
    void this.launch(this.source.start(this.startOptions((ev) => this.onEvent(ev))).catch((err: unknown) => err as Error)).finally(() => {
      this.switching = false;
      this.host.render();
    });
  }

  say(text: string): void {
    this.view.flash = text;
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => {
      this.view.flash = undefined;
      this.host.render();
    }, this.flashMs);
    this.flashTimer.unref();
    this.host.render();
  }

  private leave(how: LiveViewExit): void {
    if (this.leaving) return;
    this.leaving = true;
    clearTimeout(this.flashTimer);
    const launching = this.launching ?? Promise.resolve();
    void launching
      .then(() => this.run?.stop())
      .catch(() => undefined)
      .finally(() => this.host.left(how));
  }

  get isLeaving(): boolean {
    return this.leaving;
  }
}
