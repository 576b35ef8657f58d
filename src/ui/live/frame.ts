/**
 * Everything the live view draws, as pure functions of the run's state and the
 * controller's view: the title, each pane, the bottom view with its tabs, the key
 * bar, the help and the opened call. The blessed adapter only places boxes and
 * sets these lines, so a whole screen is tested without a terminal.
 */
import type { LiveSource } from "../../demo/live-source.js";
import type { DemoState } from "../../demo/state.js";
import { t } from "../../text/catalog.js";
import { displayWidth, padEnd } from "../../text/width.js";
import type { BottomTab, LiveController, Side } from "./controller.js";
import { wireLines } from "./wire.js";
import { itemDetail, paneItems, paneLabel, paneLines, sides, tableLegend, tableLines, timelineLines, type FocusRows } from "./format.js";
import { barEntries, helpEntries, type KeyContext } from "./keys.js";
import { fit, lineWidth, sanitize, seg, wrapText, type Line } from "./paint.js";
import type { Geometry } from "./layout.js";
import { tutor } from "../../util/invocation.js";
import { keepTogether } from "../../text/wrap.js";

function runtimeName(runtime: "python" | "node"): string {
  return runtime === "python" ? t("live.runtime.python") : t("live.runtime.node");
}

export interface FrameInput {
  source: LiveSource;
  controller: LiveController;
  state: DemoState | undefined;
  /** The run's address for the title ("127.0.0.1:8000", a socket path), when the source shows one. */
  where: string;
  /** The notes under the title, already cut to the lines the layout gave them. */
  notes: string[];
  focusRows?: FocusRows;
  focusCalls?: ReadonlyArray<{ process: string; call: string; errno?: string; result?: string }>;
  focusOutput?: ReadonlyArray<{ process: string; text: string }>;
}

export interface PaneFrame {
  label: string;
  lines: Line[];
  focused: boolean;
}

export interface Frame {
  title: Line[];
  left: PaneFrame;
  right: PaneFrame;
  bottom?: { label: string; lines: Line[]; focused: boolean };
  /** The timeline under the table (the wide layout). */
  timeline?: { label: string; lines: Line[]; focused: boolean };
  status: Line;
  /** The scroll positions as drawn, clamped to what there is (for controller.settle): PgUp past the top does not pile up. */
  scroll: { output: Partial<Record<Side, number>>; bottom?: number; lower?: number };
}

/** The notes a run shows under its title: the tutor's, the runtime's, the run's. */
export function runNotes(state: DemoState | undefined, extra: string | undefined): string[] {
  if (!state) return extra ? [extra] : [];
  // A pause that outlasted a kernel timer comes first, in one line that offers R; the help has it whole.
  const timer = state.status === "done" && state.kernelTimer ? [t("clock.pressR", { text: state.kernelTimer.line }), state.kernelTimer.text] : [];
  return [...timer, ...(extra ? [extra] : []), ...(state.runtimeNote ? [state.runtimeNote] : []), ...state.notes.map((n) => n.text)];
}

/** The notes wrapped to the width, at most `max` lines; a cut ends with a pointer to the help, where they are whole. */
export function noteLines(notes: string[], width: number, max: number): string[] {
  const all = notes.flatMap((n) => wrapText(sanitize(n), width - 2));
  if (all.length <= max) return all;
  const kept = all.slice(0, max);
  const more = t("live.notesMore");
  const last = kept[max - 1]!;
  const room = width - 2 - displayWidth(more);
  kept[max - 1] = (displayWidth(last) <= room ? last : plainCut(last, room)) + more;
  return kept;
}

/** The text cut at a word before `width` columns (the marker after it says there is more). */
function plainCut(text: string, width: number): string {
  const words = text.split(" ");
  let out = "";
  for (const w of words) {
    const next = out ? `${out} ${w}` : w;
    if (displayWidth(next) > width) break;
    out = next;
  }
  return out;
}

/**
 * The title line: the demo's name, the runtime and address, and the run's state.
 * The state is never cut: on a narrow screen the address goes first, then the
 * demo's name is shortened.
 */
export function titleLine(input: FrameInput, width: number): Line {
  const { state, source, controller } = input;
  const mode = controller.view.mode;
  const over = state?.status === "done" || state?.status === "stopped";
  // While it runs, the title says how it runs; once over, how it ended (R runs it again).
  const runState: Line = over
    ? state.status === "stopped"
      ? [seg(t("live.state.stopped"), "bold")]
      : state.ok
        ? [seg(t("live.state.finished"), "greenBold"), seg(t("live.state.finishedRestart", { label: source.restartLabel }), "dim")]
        : [seg(t("live.state.ended"), "redBold"), seg(state.reason ? t("live.state.endedReason", { reason: sanitize(state.reason) }) : t("live.state.endedNoReason"), "red")]
    : [seg(mode === "step" ? t("live.state.step") : mode === "slow" ? t("live.state.slow") : t("live.state.running"), mode === "step" ? "yellow" : "green")];
  const name = ` ${sanitize(source.title)}`;
  const runtime = input.source.runtimeLabel ?? runtimeName(controller.view.runtime);
  const withWhere: Line = [seg(`  ${runtime} · ${input.where ? `${input.where} · ` : ""}`, "dim"), ...runState];
  const without: Line = [seg(`  ${runtime} · `, "dim"), ...runState];
  for (const tail of [withWhere, without]) {
    const room = width - lineWidth(tail);
    if (room >= Math.min(displayWidth(name), 24)) return [...fit([seg(name, "bold")], room), ...fit(tail, width - Math.min(room, displayWidth(name)))];
  }
  // Narrower still: the state alone, then as much of the name as fits.
  const room = Math.max(0, width - lineWidth(runState) - 1);
  return fit([...fit([seg(name, "bold")], room), seg(" "), ...runState], width);
}

export function frame(input: FrameInput, geo: Geometry): Frame {
  const { state, controller } = input;
  const view = controller.view;
  const title = [titleLine(input, geo.title.width), ...input.notes.map((n) => [seg(` ${n}`, "yellow")])];
  const settled: Frame["scroll"] = { output: {} };
  const pane = (side: Side): PaneFrame => {
    const r = geo[side];
    const focused = view.focus === side;
    if (!state) return { label: side === "left" ? t("live.box.server") : t("live.box.client"), lines: side === "left" ? [[seg(t("live.starting"), "dim")]] : [], focused };
    const procs = sides(state)[side];
    if (procs.length === 0) return { label: "", lines: [[seg(t("live.pane.empty"), "dim")]], focused };
    const shown = controller.shown(side, state) ?? procs[0]!;
    const typing = view.typing && procs.some((p) => p.name === view.typing!.target) ? view.typing : undefined;
    const waitingFor = input.source.waitingFor(shown.name);
    const result = paneLines({
      procs,
      shown,
      calls: paneItems(state, procs, false).map((i) => i.call!),
      width: r.width - 2,
      height: r.height - 2,
      syscalls: view.syscalls,
      selected: view.selected[side],
      outputScroll: view.scroll.output[side],
      settleOutput: (n) => (settled.output[side] = n),
      ...(input.focusCalls ? { focusCalls: input.focusCalls } : {}),
      ...(input.focusOutput ? { focusOutput: input.focusOutput } : {}),
      ...(typing ? { typing: typing.text, typingTarget: typing.target } : {}),
      ...(waitingFor ? { waitingFor } : {}),
    });
    return { label: paneLabel(procs, shown, r.width), lines: result, focused };
  };
  const out: Frame = { title, left: pane("left"), right: pane("right"), status: statusLine(input, geo.status.width), scroll: settled };
  const settleBottom = (n: number): void => {
    settled.bottom = n;
  };
  const tabs = (active: BottomTab): string => {
    const names: Array<[BottomTab, string]> = [
      ["table", t("live.tab.table")],
      ["timeline", t("live.tab.timeline")],
      ["wire", t("live.tab.wire")],
    ];
    return ` ${names.map(([k, n]) => (k === active ? `[${n}]` : n)).join(" │ ")} `;
  };
  if (geo.table && state) {
    const inner = geo.table.height - 2;
    const width = geo.table.width - 2;
    const legend = tableLegend(state, width);
    const bodyRows = legend && inner > 3 ? inner - 1 : inner;
    // The bottom scroll is the table's, except on a small screen with another tab open.
    const mine = !geo.compact || view.bottom === "table";
    const body = tableLines(state, width, bodyRows, { scroll: view.scroll.bottom, ...(mine ? { settle: settleBottom } : {}), ...(input.focusRows ? { focus: input.focusRows } : {}) });
    const source = state.table ? t("live.box.tableSource", { source: state.table.source }) : "";
    out.bottom = { label: (geo.compact ? tabs("table") : t("live.box.tableLabel")) + source, lines: legend && inner > 3 ? [...body, [seg(legend, "dim")]] : body, focused: view.focus === "bottom" };
  } else if (geo.table) out.bottom = { label: geo.compact ? tabs("table") : t("live.box.tableLabel"), lines: [[seg(t("live.table.starting"), "dim")]], focused: view.focus === "bottom" };
  if (geo.timeline) {
    // The wire takes the timeline's box (w): the bottom tab on a small screen, the lower box on a wide one.
    const wire = view.bottom === "wire";
    const width = geo.timeline.width - 2;
    const height = geo.timeline.height - 2;
    // On a small screen this is the bottom tab; on a wide one the lower box, scrolled on its own.
    const scroll = geo.compact ? view.scroll.bottom : view.scroll.lower;
    const settle = geo.compact ? settleBottom : (n: number) => (settled.lower = n);
    const lines = state ? (wire ? wireLines(state, width, height, scroll, settle) : timelineLines(state, width, height, scroll, settle)) : [];
    if (geo.compact) out.bottom = { label: tabs(wire ? "wire" : "timeline"), lines, focused: view.focus === "bottom" };
    else out.timeline = { label: wire ? t("live.box.wire") : t("live.box.timeline"), lines, focused: view.focus === "lower" };
  }
  return out;
}

/** The key bar: what applies now, most useful first; what does not fit is in the help (? is always there). */
export function statusLine(input: FrameInput, width: number): Line {
  const { controller, state } = input;
  const view = controller.view;
  if (view.flash) return fit([seg(` ${view.flash}`, "yellow")], width);
  if (view.typing) {
    const name = sanitize(view.typing.target);
    const side = state?.processes.find((p) => p.name === view.typing!.target)?.side ?? "left";
    return fit([seg(t("live.typing.badge"), "inverse"), seg(t("live.typing.where", { name, side }), "dim")], width);
  }
  if (view.help) return fit([seg(t("live.help.closeKeys"), "dim")], width);
  if (view.detail) return fit([seg(t("live.detail.closeKeys"), "dim")], width);
  const c = controller.keyContext();
  const waiting = state?.processes.find((p) => p.status === "running" && p.calls.some((x) => x.kind === "stdin" && x.status === "running"));
  const head: Line = waiting && c.canType ? [seg(t("live.typing.waits", { name: sanitize(waiting.name) }), "inverse"), seg(" ")] : [];
  const quit: Line = [seg(" q", "bold"), seg(t("live.key.back"), "dim")];
  const line: Line = [...head];
  let used = lineWidth(head) + lineWidth(quit);
  for (const e of barEntries(c)) {
    const item: Line = [seg(` ${e.label}`, "bold"), seg(` ${e.bar(c)} `, "dim")];
    const w = lineWidth(item);
    if (used + w > width) continue;
    line.push(...item);
    used += w;
  }
  return [...line, ...quit];
}

/** What the panes mean and every key (the ? box), for a learner who has not met them before. */
export function helpLines(input: FrameInput, width: number, c: KeyContext, notes: string[], focusWhat: string | undefined): Line[] {
  const w = Math.max(20, width);
  const h = (text: string): Line => [seg(text, "bold")];
  const p = (text: string, tone?: "dim"): Line[] => wrapText(text, w).map((l) => [seg(l, tone)]);
  const keyWidth = Math.max(...helpEntries(c).map((e) => displayWidth(e.label)));
  const keys: Line[] = [];
  for (const e of helpEntries(c)) {
    const body = wrapText(e.text, Math.max(10, w - keyWidth - 2));
    body.forEach((l, i) => keys.push([seg(i === 0 ? padEnd(e.label, keyWidth + 2) : " ".repeat(keyWidth + 2), "bold"), seg(l, e.now ? undefined : "dim")]));
  }
  return [
    ...(focusWhat ? [h(t("live.help.lookTitle")), ...p(sanitize(focusWhat)), []] : []),
    h(t("live.help.seeTitle")),
    ...p(t("live.help.panes")),
    ...p(t("live.help.table")),
    ...p(t("live.help.timeline")),
    ...p(t("live.help.wire")),
    ...(input.source.steppable ? p(t("clock.help")) : []),
    // The command on one line (it is copied as a whole; a break after "node" read as two things to type).
    ...p(t("live.help.words", { command: keepTogether(tutor("glossary <word>")) })),
    [],
    h(t("live.help.keysTitle")),
    ...(input.source.steppable ? [] : p(input.source.noStepping?.help ?? t("live.help.checkKeys"))),
    ...keys,
    ...p(t("live.help.dimKeys"), "dim"),
    ...(notes.length ? [[], h(t("live.help.notesTitle")), ...notes.flatMap((n) => p(sanitize(n)))] : []),
  ];
}

/** The box `o` opens: the selected call (or syscall) in full. */
export function detailLines(input: FrameInput, width: number): Line[] {
  const { controller, state } = input;
  const d = controller.view.detail;
  if (!d || !state) return [];
  const item = paneItems(state, sides(state)[d.side], controller.view.syscalls).find((i) => i.key === d.key);
  if (!item) return [[seg(t("live.detail.gone"), "dim")]];
  return itemDetail(item, width);
}
