/**
 * The plain-text demo view: no full screen, one line per thing that happens, for
 * pipes, screen readers and tests (`socket-tutor demo <id> --plain`). It renders
 * the same DemoState as the full-screen view: calls as they finish (and calls that
 * block, while they wait), each process's output, the kernel's table when it
 * changes, exits; at the end, the timeline as a two-column sequence diagram with
 * arrows for connections and data, and the final table.
 */
import type { DemoEvent } from "../demo/events.js";
import { callLine, callText, durationText, errnoMeaning, exitText, outcomeText, ownerName, tableRowText, unknownLegend } from "../demo/format.js";
import { tutor } from "../util/invocation.js";
import type { DemoSession } from "../demo/session.js";
import { callById, effectTime, procByName, type CallView, type DemoState } from "../demo/state.js";
import type { SocketRow } from "../kernel/types.js";
import { endpointProcess, packetById, packetEnds, wireTimeline } from "../demo/wire-view.js";
import { gapText, packetLabel, packetText } from "../demo/wire-format.js";
import type { PacketView } from "../demo/wire.js";
import type { Styler } from "../util/style.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { displayWidth, padEnd, truncate } from "../text/width.js";
import { keepTogether, wrap } from "../text/wrap.js";
import { listOf } from "../text/list.js";
import { noteWords } from "../demo/result-words.js";
import { labelled } from "../text/label.js";


export interface PlainViewOptions {
  write: (text: string) => void;
  style: Styler;
  width: number;
  /** Step mode: say how to continue when a call is paused. */
  stepHint?: boolean;
  /** Show the run's packets (`--packets`): a line per packet, in order with the calls, and arrows in the timeline. */
  packets?: boolean;
}

/**
 * With packets, lines are held at least this long and printed in time order: calls of
 * two processes reach the tutor through two pipes, in either order, within a few ms.
 */
const REORDER_MS = 30;

/**
 * Packets come through a third pipe, and under load tens of ms late: while the capture
 * runs, a line is also held until the capture has said it read every packet up to the
 * line's time (DemoSession.syncWire), so a recv() never prints before the packet it
 * returned. Bounded: a line held this long is printed whatever the capture says (a
 * capture gone silent holds nothing for ever). A line that arrives after lines later
 * than it were printed is printed at once, where it arrives.
 */
const MAX_HOLD_MS = 500;

interface Held {
  key: number;
  order: number;
  /** When it was held (the tutor's clock): see MAX_HOLD_MS. */
  since: number;
  ev: DemoEvent;
  /** Output and exit events: the process's output lines as far as this event made them (printed up to there). */
  lines?: number;
}

/** Blocking calls are shown when they start to wait (after this long), so the reader sees what a process waits for. */
const WAITING_AFTER_MS = 60;

export class PlainView {
  private readonly nameWidth: number;
  private lastTable = "";
  private readonly waiting = new Map<string, NodeJS.Timeout>();
  private readonly printedLines = new Map<string, number>();
  /** The verdict is the last thing printed: once summary() ran, later events print nothing. */
  private ended = false;
  /** --packets: events waiting to be printed in time order (see REORDER_MS). */
  private held: Held[] = [];
  private heldCount = 0;
  private printedUpTo = -Infinity;
  private flushTimer?: NodeJS.Timeout;
  /** The capture's last answer: every packet delivered before this time was printed or held. */
  private wireReadUpTo = -Infinity;
  /** When the question now unanswered was asked (syncWire), if one is. */
  private syncAsked?: number;
  private captureGone = false;
  private readonly stopReads?: () => void;

  constructor(
    private readonly session: DemoSession,
    private readonly opts: PlainViewOptions,
  ) {
    this.nameWidth = Math.max(...session.demo.spec.processes.map((p) => displayWidth(p.name)));
    if (opts.packets)
      this.stopReads = session.onWireRead((at) => {
        this.wireReadUpTo = Math.max(this.wireReadUpTo, at);
        this.syncAsked = undefined;
        this.release(false);
      });
  }

  header(): void {
    const { spec } = this.session.demo;
    const s = this.opts.style;
    const where = this.session.socketPath ? t("plain.socketAt", { path: escapeTerminal(this.session.socketPath) }) : this.session.port !== undefined ? t("plain.portAt", { port: this.session.port }) : "";
    // A learner's program with no tracer of its language runs under strace: say that, not the runtime of the built-in client.
    const runtime = spec.processes.some((p) => p.straced) ? "strace" : this.session.runtime;
    const how = where ? t("plain.headerWhereAt", { id: spec.id, runtime, where, mode: this.session.mode }) : t("plain.headerWhere", { id: spec.id, runtime, mode: this.session.mode });
    this.line(`${s.bold(spec.title)}  ${s.dim(how)}`);
    this.line(s.dim(spec.summary));
    const note = this.session.state.runtimeNote;
    if (note) this.line(labelled(t("common.note"), note, s.yellow));
    for (const n of this.session.state.notes) this.line(labelled(t("common.note"), escapeTerminal(n.text), s.yellow));
    if (this.session.mode === "step") this.line(s.dim(t("clock.plainStep")));
    const wire = this.session.state.wire;
    if (this.opts.packets && wire.status === "unavailable" && wire.reason) this.line(labelled(t("common.note"), escapeTerminal(wire.reason), s.yellow));
    this.line("");
  }

  /** Call for each session event, after the session applied it. */
  onEvent(ev: DemoEvent): void {
    if (this.ended) return;
    if (!this.opts.packets) return this.print(ev);
    const key = this.keyOf(ev);
    if (key <= this.printedUpTo) return this.print(ev);
    // Kept sorted by time, then by arrival: events come nearly in order, so from the end.
    const item: Held = { key, order: this.heldCount++, since: clockNow(), ev };
    if (ev.type === "output" || ev.type === "exit") item.lines = this.linesSoFar(ev.proc);
    let i = this.held.length;
    while (i > 0 && this.held[i - 1]!.key > key) i--;
    this.held.splice(i, 0, item);
    if (!this.flushTimer) {
      this.flushTimer = setInterval(() => this.release(), 10);
      this.flushTimer.unref();
    }
  }

  /** Prints the held lines that are due (see REORDER_MS, MAX_HOLD_MS); asks the capture how far it read when that holds one. */
  private release(ask = true): void {
    const at = clockNow();
    const capturing = this.session.state.wire.status === "capturing" && !this.captureGone;
    let upTo = at - REORDER_MS;
    if (capturing) upTo = Math.min(upTo, this.wireReadUpTo);
    // A line held too long goes, and with it every line before it in time.
    for (const h of this.held) if (at - h.since >= MAX_HOLD_MS) upTo = Math.max(upTo, h.key);
    this.flush(upTo);
    const first = this.held[0];
    // Asked from the 10 ms tick only, not again from the answer: at most 100 questions a second while lines wait.
    if (!ask || !capturing || !first || first.key <= this.wireReadUpTo) return;
    // One question at a time; one unanswered for MAX_HOLD_MS is asked again (its lines went meanwhile).
    if (this.syncAsked !== undefined && at - this.syncAsked < MAX_HOLD_MS) return;
    if (this.session.syncWire()) this.syncAsked = at;
    else this.captureGone = true; // stopped: nothing more to wait for
  }

  /** Where an event's line belongs in time: a call where the timeline puts it (see DemoState.timeline). */
  private keyOf(ev: DemoEvent): number {
    // A reading starts at snapshot.t but may see the kernel as it is a few ms later: placed where it arrived.
    if (ev.type === "table") return clockNow();
    if (ev.type === "call" && ev.phase === "end") {
      const call = callById(this.session.state, `${ev.proc}#${ev.seq}`);
      // A connect() that waited (its "waiting" line is out): its return goes after the packets that ended the wait.
      // A call that failed goes where it returned: its error is the kernel's answer to the packets before it
      // (connect()'s ECONNREFUSED comes after its SYN and the RST that refused it).
      const placed = call && call.status !== "failed" ? effectTime(call) : ev.t;
      return placed <= this.printedUpTo ? ev.t : placed;
    }
    return ev.t;
  }

  /** Prints the held events up to `upTo` (all of them when undefined). */
  private flush(upTo = Infinity): void {
    let n = 0;
    while (n < this.held.length && this.held[n]!.key <= upTo) n++;
    if (n === 0) return;
    const due = this.held.splice(0, n);
    for (const h of due) {
      this.printedUpTo = Math.max(this.printedUpTo, h.key);
      this.print(h.ev, h.lines);
    }
    if (this.held.length === 0 && this.flushTimer) {
      clearInterval(this.flushTimer);
      this.flushTimer = undefined;
    }
  }

  private print(ev: DemoEvent, lines?: number): void {
    const s = this.opts.style;
    const state = this.session.state;
    switch (ev.type) {
      case "call": {
        const id = `${ev.proc}#${ev.seq}`;
        const call = callById(state, id);
        if (!call || call.kind === "stdin") return;
        if (ev.phase === "pending") {
          this.proc(ev.proc, `${t("plain.pausedBefore", { paused: s.yellow(t("plain.paused")), call: callText(call) })}${this.where(call)}${this.opts.stepHint ? s.dim(t("plain.stepHint")) : ""}`);
        } else if (ev.phase === "start" && this.opts.packets) {
          // Held REORDER_MS at least already: a call still running now is waiting (the lines after it show for what).
          if (call.status === "running") this.proc(ev.proc, `${callText(call)} ${s.dim(t("plain.waiting"))}${this.where(call)}`);
        } else if (ev.phase === "start") {
          const timer = setTimeout(() => {
            this.waiting.delete(id);
            const now = callById(this.session.state, id);
            if (now && now.status === "running") this.proc(ev.proc, `${callText(now)} ${s.dim(t("plain.waiting"))}${this.where(now)}`);
          }, WAITING_AFTER_MS);
          this.waiting.set(id, timer);
        } else {
          clearTimeout(this.waiting.get(id));
          this.waiting.delete(id);
          const took = durationText(call);
          this.proc(ev.proc, this.callWithOutcome(call) + (took ? s.dim(`  ${t("demo.aside", { text: took })}`) : "") + this.where(call));
          const meaning = call.status === "failed" ? errnoMeaning(call.errno, call.call) : undefined;
          if (meaning) this.proc(ev.proc, s.dim(`  ${call.errno}: ${meaning}`));
          if (call.note && this.firstWithNote(call)) this.proc(ev.proc, s.dim(`  ${t("demo.aside", { text: noteWords(call.note) })}`));
        }
        return;
      }
      case "output":
        return this.printOutput(ev.proc, lines);
      case "spawn":
        if (ev.command !== undefined) return this.proc(ev.proc, s.dim(t("plain.startedStraced", { command: escapeTerminal(ev.command), pid: ev.pid })));
        return this.proc(ev.proc, s.dim(ev.user ? t("plain.startedAs", { runtime: ev.runtime ?? this.session.runtime, file: escapeTerminal(ev.file ?? ""), pid: ev.pid, user: ev.user }) : t("plain.started", { runtime: ev.runtime ?? this.session.runtime, file: escapeTerminal(ev.file ?? ""), pid: ev.pid })));
      case "exit": {
        this.printOutput(ev.proc, lines);
        const p = procByName(state, ev.proc);
        const text = p ? exitText(p) : undefined;
        if (text) this.proc(ev.proc, p?.exit?.expected ? s.dim(text) : s.red(text));
        return;
      }
      case "table": {
        const rows = this.tableRows(state, ev.snapshot.rows);
        const key = rows.join("\n");
        if (key === this.lastTable) return;
        this.lastTable = key;
        this.line(s.dim(`${rows.length ? t("plain.table") : t("plain.tableEmpty")}${ev.snapshot.error ? ` ${escapeTerminal(ev.snapshot.error)}` : ""}`));
        for (const r of rows) this.line(s.dim(`    ${r}`));
        this.unknownLine(state, "    ");
        return;
      }
      case "note":
        return this.line(labelled(t("common.note"), escapeTerminal(ev.text), s.yellow));
      case "syscall":
        return this.proc(ev.proc, s.magenta(`syscall ${escapeTerminal(ev.text)}`));
      case "mode":
        return this.line(s.dim(t("plain.mode", { mode: ev.mode })));
      case "status":
        return;
      case "packet": {
        const p = this.opts.packets ? packetById(state, `packet#${ev.n}`) : undefined;
        // "packet" where the process names are: one column for who, whatever the line.
        if (p) this.line(`${padEnd("packet", this.nameWidth)}  ${this.packetColour(p)(packetText(state, p))}`);
        return;
      }
      case "packet-gap":
        if (this.opts.packets) this.line(s.dim(`${padEnd("packets", this.nameWidth)}  ${gapText(ev)}`));
        return;
      case "wire":
        if (this.opts.packets && ev.status === "unavailable" && ev.reason) this.line(labelled(t("common.note"), escapeTerminal(ev.reason), s.yellow));
        return;
    }
  }

  /** Resets in red, retransmissions in yellow: what goes wrong stands out. */
  private packetColour(p: PacketView): (text: string) => string {
    const s = this.opts.style;
    if (p.flags?.includes("RST") || p.icmp) return s.red;
    if (p.retransmission) return s.yellow;
    return (x) => x;
  }

  /** The end: the sequence diagram, the final table and the verdict. */
  summary(): void {
    this.flush();
    this.ended = true;
    this.stopReads?.();
    for (const timer of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
    const state = this.session.state;
    const s = this.opts.style;
    this.line("");
    this.line(s.bold(t("plain.timeline")));
    for (const l of renderTimeline(state, this.opts.width, s, this.opts.packets === true)) this.line(l);
    this.line("");
    this.line(s.bold(t("plain.finalTable")));
    const rows = this.tableRows(state, state.table?.rows ?? []);
    if (state.table?.error) this.line(`  ${escapeTerminal(state.table.error)}`);
    if (rows.length === 0) this.line(s.dim(t("plain.noSocketsLeft")));
    for (const r of rows) this.line(`  ${r}`);
    this.unknownLine(state, "  ");
    this.line("");
    // A pause that outlasted a kernel timer: named in one line, with the command that runs the demo again.
    // The verdict's sentences are wrapped to the terminal (an outcome runs to two or three lines).
    const w = this.opts.width;
    if (state.status === "done" && state.kernelTimer) this.line(s.yellow(wrap(t("clock.runAgain", { text: state.kernelTimer.text, command: keepTogether(tutor(`demo ${this.session.demo.spec.id} --plain --step --runtime ${this.session.runtime}`)) }), w)));
    const what = this.session.demo.spec.outcome?.what;
    if (state.status === "done" && state.ok && what) this.line(s.green(wrap(t("outcome.ranAsDesigned", { what: escapeTerminal(what) }), w)));
    else if (state.status === "done" && state.ok) this.line(s.green(t("plain.ranAsDesigned")));
    else if (state.status === "done") this.line(s.red(wrap(t("plain.notAsDesigned", { reason: escapeTerminal(state.reason ?? t("plain.unknownReason")) }), w)));
    else this.line(s.yellow(t("plain.stopped")));
  }

  /**
   * Prints the process's new complete output lines from the state, not raw chunks:
   * an unbuffered program writes print("a", b) in pieces. A prompt completed by a
   * typed line prints as one line, as a terminal would show it.
   */
  private printOutput(proc: string, upTo?: number): void {
    const p = procByName(this.session.state, proc);
    if (!p) return;
    const s = this.opts.style;
    const all = p.droppedOutputLines + p.output.length;
    const total = upTo === undefined ? all : Math.min(all, upTo);
    const skipNewest = all - total;
    const done = this.printedLines.get(proc) ?? 0;
    if (total <= done) return;
    const fresh = Math.min(total - done, p.output.length - skipNewest);
    if (total - done > fresh) this.proc(proc, s.dim(t("plain.linesNotKept", { n: total - done - fresh })));
    // Output is escaped by the engine when it arrives; tabs are kept there for views to expand.
    const shown = (text: string): string => escapeTerminal(text, { tabs: 4 });
    for (const l of p.output.slice(p.output.length - fresh - skipNewest, p.output.length - skipNewest)) {
      if (l.stream === "stdin") this.proc(proc, `${s.cyan("<")} ${s.cyan(shown(l.text))}  ${s.dim(t("plain.typed"))}`);
      else this.proc(proc, `${l.stream === "stderr" ? s.red("|") : "|"} ${shown(l.text)}${l.input !== undefined ? `${s.cyan(shown(l.input))}  ${s.dim(t("plain.typed"))}` : ""}`);
    }
    this.printedLines.set(proc, total);
  }

  /** Output lines of a process so far, counting those no longer kept. */
  private linesSoFar(proc: string): number {
    const p = procByName(this.session.state, proc);
    return p ? p.droppedOutputLines + p.output.length : 0;
  }

  private tableRows(state: DemoState, rows: readonly SocketRow[]): string[] {
    const cells = rows.map((r) => tableRowText(r, ownerName(state, r.pid), rows));
    const widths = cells.reduce<number[]>((w, row) => row.map((c, i) => Math.max(w[i] ?? 0, displayWidth(c))), []);
    return cells.map((row) => row.map((c, i) => (i === row.length - 1 ? c : padEnd(c, widths[i]!))).join("  "));
  }

  /** Says what a "?" in the table means (a listener's backlog without ss), once per table printed. */
  private unknownLine(state: DemoState, indent: string): void {
    const legend = unknownLegend(state.table?.rows ?? [], state.table?.unknownReason);
    if (legend) this.line(this.opts.style.dim(`${indent}${legend}`));
  }

  private callWithOutcome(c: CallView): string {
    const s = this.opts.style;
    const outcome = outcomeText(c);
    return `${callText(c)} ${c.status === "failed" ? s.red(outcome) : outcome}`;
  }

  private firstWithNote(c: CallView): boolean {
    const p = procByName(this.session.state, c.proc);
    const first = p?.calls.find((x) => x.call === c.call && x.note === c.note && x.status !== "pending" && x.status !== "running");
    return first?.seq === c.seq;
  }

  private where(c: CallView): string {
    if (!c.file || c.line === undefined) return "";
    return this.opts.style.dim(`  ${c.file}:${c.line}${c.thread ? ` [${c.thread}]` : ""}${c.via ? ` via ${c.via}` : ""}`);
  }

  private proc(name: string, text: string): void {
    this.line(`${this.opts.style.bold(padEnd(name, this.nameWidth))}  ${text}`);
  }

  private line(text: string): void {
    this.opts.write(text + "\n");
  }
}

/** The events' clock: ms since the epoch, as the calls' and packets' `t`. */
function clockNow(): number {
  return performance.timeOrigin + performance.now();
}

function fit(text: string, width: number): string {
  return padEnd(text, width);
}

/**
 * The sequence diagram: left processes in the left column, right ones in the right,
 * one row per call in time order. The gutter shows arrows on the receiving row:
 * `──5──▶` data or a connection going right, `◀──5──` going left. With `packets`, each
 * packet is a row of its own between the calls, an arrow from its sender's column to
 * its receiver's: `──── SYN ────▶`.
 */
export function renderTimeline(state: DemoState, width: number, s: Styler, packets = false): string[] {
  const gutter = 12;
  const col = Math.max(20, Math.floor((width - gutter - 2) / 2));
  const multi = (side: "left" | "right") => state.processes.filter((p) => p.side === side).length > 1;
  const prefix = { left: multi("left"), right: multi("right") };
  const incoming = new Map<string, { from: string; label: string }>();
  for (const a of state.arrows) {
    const prev = incoming.get(a.to);
    const label = a.kind === "connect" ? t("live.timeline.connect") : `${a.bytes}`;
    incoming.set(a.to, { from: a.from, label: prev ? `${prev.label}+${label}` : label });
  }
  const lines: string[] = [];
  const leftNames = listOf(state.processes.filter((p) => p.side === "left").map((p) => p.name));
  const rightNames = listOf(state.processes.filter((p) => p.side === "right").map((p) => p.name));
  lines.push(`  ${s.bold(fit(leftNames, col))}${" ".repeat(gutter)}${s.bold(rightNames)}`);
  if (state.droppedTimeline) lines.push(s.dim(t("plain.callsNotKept", { n: state.droppedTimeline })));
  if (packets && state.wire.droppedPackets) lines.push(s.dim(`  ${t("wire.notKept", { n: state.wire.droppedPackets })}`));
  const callRow = (c: CallView): void => {
    if (c.kind === "stdin") return;
    const proc = procByName(state, c.proc);
    if (!proc) return;
    const side = proc.side;
    const text = `${prefix[side] ? `${c.proc}: ` : ""}${callLine(c)}`;
    let mid = " ".repeat(gutter);
    const arrow = incoming.get(c.id);
    // The packets show how the bytes went: no second arrow for them.
    if (arrow && !(packets && state.wire.packets.length)) {
      const fromProc = procByName(state, arrow.from.slice(0, arrow.from.lastIndexOf("#")));
      if (fromProc && fromProc.side !== side) {
        const label = `─${arrow.label}─`;
        const body = truncate("─".repeat(Math.max(0, gutter - 2 - displayWidth(label))) + label, gutter - 2, "");
        mid = padEnd(side === "left" ? ` ◀${body}` : ` ${body}▶`, gutter);
      }
    }
    const shown = c.status === "failed" ? s.red : (x: string) => x;
    if (side === "left") lines.push(`  ${shown(fit(text, col))}${mid}`);
    else lines.push(`  ${" ".repeat(col)}${mid}${shown(displayWidth(text) > col ? fit(text, col) : text)}`);
  };
  if (packets) {
    for (const row of wireTimeline(state)) {
      if (row.kind === "call") callRow(row.call);
      else lines.push(packetRow(state, row.packet, col, gutter, s));
    }
  } else {
    for (const id of state.timeline) {
      const c = callById(state, id);
      if (c) callRow(c);
    }
  }
  return lines.map((l) => l.replace(/\s+$/, ""));
}

/** The side of the diagram an endpoint's process is drawn on, when the run knows it. */
function sideOf(state: DemoState, addr: string): "left" | "right" | undefined {
  const name = endpointProcess(state, addr);
  return name === undefined ? undefined : procByName(state, name)?.side;
}

/**
 * A packet as an arrow across the middle of the diagram, from its sender's side to its
 * receiver's. Between two processes of one side (a relay and its server, both on the
 * left) it stays in that side's column and names both ends, "relay ── UDP 8 ──▶ server":
 * an arrow across the middle would say it went to the other side.
 */
function packetRow(state: DemoState, p: PacketView, col: number, gutter: number, s: Styler): string {
  const ends = packetEnds(p);
  const from = sideOf(state, ends.from);
  const to = sideOf(state, ends.to);
  const base = packetLabel(p);
  const text = p.retransmission ? t("wire.label.retransmission", { label: base }) : base;
  const colour = p.flags?.includes("RST") || p.icmp ? s.red : p.retransmission ? s.yellow : s.cyan;
  if (from !== undefined && from === to) {
    const indent = 4;
    const room = col - indent;
    const a = truncate(endpointProcess(state, ends.from) ?? ends.from, Math.floor(room / 4));
    const b = truncate(endpointProcess(state, ends.to) ?? ends.to, Math.floor(room / 4));
    // The arrow as long as the crossing ones' wings, at most what the column has left.
    const span = Math.max(6, Math.min(2 * Math.min(16, Math.floor(col / 3)), room - displayWidth(a) - displayWidth(b) - 2));
    const arrow = `${a} ${arrowBody(text, span)}▶ ${b}`;
    return `  ${" ".repeat(from === "left" ? indent : col + gutter + indent)}${colour(arrow)}`;
  }
  // An end no process has (a closed port) is drawn opposite the one that is known.
  const rightward = from !== undefined ? from === "left" : to !== "left";
  const wing = Math.min(16, Math.floor(col / 3));
  const body = arrowBody(text, gutter + 2 * wing);
  return `  ${" ".repeat(col - wing)}${colour(rightward ? `${body}▶` : `◀${body}`)}`;
}

/** "──── label ────", `span` - 1 columns (the head makes `span`), the label centred and cut to fit. */
function arrowBody(text: string, span: number): string {
  const label = " " + truncate(text, Math.max(1, span - 4)) + " ";
  const fill = Math.max(0, span - 1 - displayWidth(label));
  const before = Math.floor(fill / 2);
  return "─".repeat(before) + label + "─".repeat(fill - before);
}
