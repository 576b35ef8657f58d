/**
 * The live view's content as pure functions of the demo state: each returns the
 * lines of one box for a given size. Blessed only places the boxes and shows these
 * lines, so everything here is tested without a terminal.
 */
import type { SocketRow } from "../../kernel/types.js";
import type { Arrow, CallView, DemoState, ProcView } from "../../demo/state.js";
import { callText, errnoMeaning, exitText, failureLabel, outcomeText, ownerName, rowField, unknownLegend, unownedText } from "../../demo/format.js";
import { t } from "../../text/catalog.js";
import { displayWidth, padEnd, padStart } from "../../text/width.js";
import { fit, pad, plainText, sanitize, seg, wrapText, type Line, type Seg } from "./paint.js";

export function callLine(c: CallView, opts: { withProc?: boolean } = {}): Line {
  const who = opts.withProc ? [seg(`${c.proc}: `, "dim")] : [];
  const sig = sanitize(callText(c));
  switch (c.status) {
    case "pending":
      return [seg("‖ ", "yellow"), ...who, seg(sig, "yellow"), seg(t("live.call.paused"), "dim")];
    case "running":
      return [seg("… ", "cyan"), ...who, seg(sig, "cyan"), seg(c.kind === "stdin" ? t("live.call.waitingInput") : t("live.call.waiting"), "dim")];
    case "failed": {
      const label = failureLabel(c);
      // Python's socket.timeout says "timed out" itself: do not say it twice.
      const detail = c.error && c.error !== label ? [seg(` ${sanitize(c.error)}`, "red")] : [];
      return [seg("✗ ", "redBold"), ...who, seg(sig), seg(" → ", "dim"), seg(label, "redBold"), ...detail];
    }
    case "done":
      return [seg("  "), ...who, seg(sig), seg(" → ", "dim"), seg(sanitize(outcomeText(c).replace(/^→ /, "")), c.timedOut ? "yellow" : "green")];
  }
}

/** The lines under a failed call: what its errno means, wrapped (it is the point of the demo). */
function meaningLines(c: CallView, width: number): Line[] {
  const meaning = errnoMeaning(c.errno);
  if (c.status !== "failed" || !meaning) return [];
  return wrapText(meaning, Math.max(10, width - 4)).map((l) => [seg("    "), seg(l, "red")]);
}

/** What Node really did, under its call: `server.listen(8000, '127.0.0.1') — does socket()+bind()+listen()`. */
function apiLine(c: CallView): Line | undefined {
  if (!c.api && !c.via) return undefined;
  return [seg("    "), seg(sanitize(c.api ?? c.via ?? ""), "dim")];
}

export interface PaneInput {
  procs: ProcView[];
  /** The process whose source is shown (several clients share the right pane). */
  shown: ProcView;
  calls: CallView[];
  width: number;
  height: number;
  syscalls: boolean;
  /** Typing into this pane: the text so far. */
  typing?: string;
  /** Why a process has not started yet ("after server's listen()"). */
  waitingFor?: string;
}

function sectionRule(title: string, width: number): Line {
  const label = `── ${title} `;
  return [seg(label + "─".repeat(Math.max(0, width - displayWidth(label))), "dim")];
}

function sourceLines(p: ProcView, pendingLine: number | undefined, width: number, rows: number): Line[] {
  if (rows <= 0) return [];
  const src = p.source;
  if (src.length === 0) return [[seg(t("live.pane.noSource"), "dim")]];
  const current = p.line ?? 1;
  const start = Math.max(0, Math.min(current - 1 - Math.floor((rows - 1) / 2), src.length - rows));
  const digits = String(Math.min(src.length, start + rows)).length;
  const out: Line[] = [];
  for (let i = start; i < Math.min(src.length, start + rows); i++) {
    const n = i + 1;
    const text = sanitize(src[i]!);
    if (n === p.line && p.status !== "exited") {
      const paused = pendingLine === n;
      out.push(pad([seg(paused ? "‖" : "▶", paused ? "yellow" : "green"), seg(`${String(n).padStart(digits)} ${text}`, "inverse")], width));
    } else {
      out.push([seg(` ${String(n).padStart(digits)} `, "dim"), seg(text)]);
    }
  }
  return out;
}

function exitLine(p: ProcView): Line | undefined {
  const text = exitText(p);
  if (!p.exit || !text) return undefined;
  if (p.exit.stopped) return [seg(`■ ${text}`, "dim")];
  if (p.exit.expected) return [seg(`■ ${text}`, p.exit.code === 0 ? "green" : "yellow")];
  return [seg(`✗ ${text}`, "redBold"), seg(t("live.pane.errorBelow"), "red")];
}

/**
 * One side of the screen: the source around the line being executed, the socket
 * calls as they happen (or the real syscalls), then the program's own output.
 */
export function paneLines(input: PaneInput): Line[] {
  const { shown, width, height } = input;
  const multi = input.procs.length > 1;
  const pending = input.calls.find((c) => c.proc === shown.name && c.status === "pending");
  const lines: Line[] = [];

  const header: Line = [seg(sanitize(shown.file), "bold"), seg(shown.pid ? t("live.pane.pid", { pid: shown.pid }) : "", "dim"), ...(shown.user ? [seg(t("live.pane.asUser", { user: shown.user }), "yellow")] : [])];
  if (multi) header.push(seg(`  (${input.procs.map((p) => p.name).join(", ")})`, "dim"));

  const outputRows = Math.max(2, Math.min(6, Math.round(height * 0.25)));
  const sourceRows = Math.max(3, Math.min(9, Math.round(height * 0.35)));
  const callRows = Math.max(1, height - outputRows - sourceRows - 3);

  lines.push(header);
  if (shown.status === "waiting") {
    lines.push([seg(input.waitingFor ? t("live.pane.startsWhen", { when: input.waitingFor }) : t("live.pane.notStarted"), "dim")]);
    for (let i = 1; i < sourceRows; i++) lines.push([]);
  } else {
    lines.push(...sourceLines(shown, pending?.line, width, sourceRows));
    for (let i = lines.length; i < sourceRows + 1; i++) lines.push([]);
  }

  if (input.syscalls) {
    lines.push(sectionRule(t("live.pane.syscallsRule"), width));
    const sys = input.procs.flatMap((p) => p.syscalls.map((s) => (multi ? `${p.name}: ${s}` : s)));
    const shownSys = sys.length ? sys.slice(-callRows).map((s) => [seg(sanitize(s))]) : [[seg(t("live.pane.noSyscalls"), "dim")]];
    lines.push(...shownSys);
    for (let i = shownSys.length; i < callRows; i++) lines.push([]);
  } else {
    lines.push(sectionRule(t("live.pane.callsRule"), width));
    const callLinesAll: Line[] = [];
    input.calls.forEach((c, i) => {
      callLinesAll.push(callLine(c, { withProc: multi }));
      callLinesAll.push(...meaningLines(c, width));
      // The runtime's own spelling is shown for the latest call, where the learner is looking.
      if (i === input.calls.length - 1) {
        const api = apiLine(c);
        if (api) callLinesAll.push(api);
      }
    });
    for (const p of input.procs) {
      const ex = exitLine(p);
      if (ex) callLinesAll.push(multi ? [seg(`${p.name}: `, "dim"), ...ex] : ex);
    }
    const visible = callLinesAll.slice(-callRows);
    lines.push(...visible);
    for (let i = visible.length; i < callRows; i++) lines.push([]);
  }

  lines.push(sectionRule(input.typing !== undefined ? t("live.pane.outputTypingRule") : t("live.pane.outputRule"), width));
  const out: Line[] = [];
  for (const p of input.procs) {
    for (const o of p.output) {
      // Programs that already print their own name ("client 2: ...") get no second prefix.
      const prefix = multi && !o.text.startsWith(p.name) ? [seg(`${p.name}: `, "dim")] : [];
      const text = sanitize(o.text) + (o.input !== undefined ? sanitize(o.input) : "");
      const tone = o.stream === "stderr" ? "red" : o.stream === "stdin" ? "cyan" : undefined;
      for (const piece of wrapText(text, Math.max(10, width - (multi ? displayWidth(p.name) + 2 : 0)))) out.push([...prefix, seg(piece, tone)]);
    }
    const partial = p.partial.stdout + p.partial.stderr;
    if (partial) out.push([...(multi ? [seg(`${p.name}: `, "dim")] : []), seg(sanitize(partial))]);
  }
  const outputVisible = input.typing !== undefined ? outputRows - 1 : outputRows;
  const shownOut = out.slice(-outputVisible);
  lines.push(...shownOut);
  for (let i = shownOut.length; i < outputVisible; i++) lines.push([]);
  if (input.typing !== undefined) lines.push([seg("> ", "cyan"), seg(sanitize(input.typing)), seg("█", "cyan")]);
  return lines.slice(0, height).map((l) => fit(l, width));
}

function tableHeader(): string[] {
  return [t("live.table.proto"), t("live.table.local"), t("live.table.remote"), t("live.table.state"), t("live.table.recvQ"), t("live.table.sendQ"), t("live.table.owner")];
}

function ownerOf(row: SocketRow, state: DemoState): string {
  if (row.pid === undefined) return unownedText(row, state.table?.rows ?? []);
  const name = ownerName(state, row.pid) ?? t("live.table.pid");
  return row.fd !== undefined ? t("live.table.ownerPidFd", { name, pid: row.pid, fd: row.fd }) : t("live.table.ownerPid", { name, pid: row.pid });
}

function stateTone(state: string): Seg["tone"] {
  if (state === "LISTEN") return "cyan";
  if (state === "ESTABLISHED" || state === "CONNECTED") return "green";
  if (state === "TIME_WAIT" || state === "CLOSE_WAIT" || state.startsWith("FIN_WAIT") || state === "LAST_ACK" || state === "CLOSING") return "yellow";
  if (state === "SYN_SENT" || state === "SYN_RECV") return "magenta";
  return undefined;
}

/** The kernel's socket table, as `ss` lays it out; queue sizes right-aligned. */
export function tableLines(state: DemoState, width: number, height: number): Line[] {
  const snap = state.table;
  if (!snap) return [[seg(state.status === "starting" ? t("live.table.starting") : t("live.table.firstReading"), "dim")]];
  if (snap.error && snap.rows.length === 0) return wrapText(t("live.table.unreadable", { error: sanitize(snap.error) }), width).map((l) => [seg(l, "yellow")]);
  const header = tableHeader();
  const rows = snap.rows.map((r) => {
    const drops = r.drops ? t("live.table.drops", { n: r.drops }) : "";
    // A Unix socket's path comes from the kernel as its program named it: escaped.
    const remote = r.unknown?.includes("remote") ? "?" : sanitize(r.remote) || (r.proto === "unix" ? "" : "*");
    return [r.proto + (r.unixType ? `/${r.unixType.toLowerCase()}` : ""), sanitize(r.local) || t("live.table.unnamed"), remote, r.state, rowField(r, "recvQ"), rowField(r, "sendQ"), ownerOf(r, state) + drops];
  });
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => displayWidth(r[i]!))));
  // State and the queues never shrink. When the row is too wide, the owner column gives way
  // first (down to 8), then the two addresses share what is left.
  const fixed = widths[0]! + widths[3]! + widths[4]! + widths[5]! + 12;
  const room = width - fixed;
  if (widths[1]! + widths[2]! + widths[6]! > room) {
    widths[6] = Math.max(8, room - widths[1]! - widths[2]!);
    const addr = room - widths[6]!;
    if (widths[1]! + widths[2]! > addr) {
      const half = Math.max(8, Math.floor(addr / 2));
      const local = Math.min(widths[1]!, Math.max(half, addr - widths[2]!));
      widths[1] = local;
      widths[2] = Math.max(8, Math.min(widths[2]!, addr - local));
    }
  }
  const cell = (text: string, w: number, right = false): string => (right ? padStart(text, w) : padEnd(text, w));
  const render = (r: string[], header: boolean, tone?: Seg["tone"]): Line => [
    seg(`${cell(r[0]!, widths[0]!)}  ${cell(r[1]!, widths[1]!)}  ${cell(r[2]!, widths[2]!)}  `, header ? "bold" : undefined),
    seg(cell(r[3]!, widths[3]!), header ? "bold" : tone),
    seg(`  ${cell(r[4]!, widths[4]!, true)}  ${cell(r[5]!, widths[5]!, true)}  `, header ? "bold" : undefined),
    seg(r[6]!, header ? "bold" : "dim"),
  ];
  const lines: Line[] = [render(header, true)];
  if (rows.length === 0) lines.push([seg(t("live.table.empty"), "dim")]);
  rows.forEach((r) => lines.push(render(r, false, stateTone(r[3]!))));
  if (lines.length > height) {
    const hidden = lines.length - height + 1;
    return [...lines.slice(0, height - 1), [seg(t("live.table.moreRows", { n: hidden }), "dim")]].map((l) => fit(l, width));
  }
  return lines.map((l) => fit(l, width));
}

/** A note under the table on what its columns mean for a LISTEN socket (the accept queue), else on what its "?" mean. */
export function tableLegend(state: DemoState, width = 120): string | undefined {
  const listen = state.table?.rows.find((r) => r.state === "LISTEN" && r.proto.startsWith("tcp"));
  if (!listen) return state.table ? unknownLegend(state.table.rows, state.table.unknownReason) : undefined;
  const recvQ = rowField(listen, "recvQ");
  const sendQ = rowField(listen, "sendQ");
  // Without ss the backlog is unknown: say so and why, never a 0 that looks like a limit.
  const limit = sendQ === "?" ? t("live.table.limitUnknown", { why: state.table?.unknownReason ?? t("live.table.notShownHere") }) : sendQ;
  const long = t("live.table.legendLong", { recvQ, sendQ: limit });
  if (displayWidth(long) <= width) return long;
  return sendQ === "?" ? t("live.table.legendShortUnknown", { recvQ }) : t("live.table.legendShort", { recvQ, sendQ });
}

function arrowText(a: Arrow, fromSide: "left" | "right", width: number): Line {
  const label = a.kind === "connect" ? t("live.timeline.connect") : t("live.timeline.bytes", { n: a.bytes ?? 0 });
  const inner = Math.max(displayWidth(label) + 2, width - 2);
  const dashes = inner - displayWidth(label) - 2;
  const leftD = Math.floor(dashes / 2);
  const body = `${"─".repeat(leftD)} ${label} ${"─".repeat(dashes - leftD)}`;
  const text = fromSide === "right" ? `◀${body}─` : `─${body}▶`;
  return [seg(text, a.kind === "connect" ? "magenta" : "blue")];
}

/**
 * The sequence diagram: one row per call, the server's column on the left and the
 * clients' on the right, with arrows for connections and bytes between them.
 */
export function timelineLines(state: DemoState, width: number, height: number): Line[] {
  const mid = Math.min(18, Math.max(10, Math.floor(width * 0.16)));
  const side = Math.floor((width - mid - 2) / 2);
  const byId = new Map<string, CallView>();
  for (const p of state.processes) for (const c of p.calls) byId.set(c.id, c);
  const sideOf = new Map(state.processes.map((p) => [p.name, p.side] as const));
  const rightProcs = state.processes.filter((p) => p.side === "right").length;
  const leftProcs = state.processes.filter((p) => p.side === "left").length;
  const arrowsFrom = new Map<string, Arrow>();
  for (const a of state.arrows) if (!arrowsFrom.has(a.from)) arrowsFrom.set(a.from, a);

  if (rightProcs === 0) {
    // One side only: no columns to draw, the calls take the width.
    const rows = state.timeline.map((id) => byId.get(id)).filter((c): c is CallView => c !== undefined).map((c) => fit(callLine(c, { withProc: leftProcs > 1 }), width));
    const room = Math.max(0, height - 1);
    const visible = rows.slice(-room);
    if (rows.length > room && room > 0) visible[0] = [seg(t("live.timeline.earlier", { n: rows.length - room + 1 }), "dim")];
    return [[seg(state.processes.map((p) => p.name).join(", "), "bold")], ...visible];
  }
  const left = state.processes.filter((p) => p.side === "left").map((p) => p.name).join(", ");
  const right = state.processes.filter((p) => p.side === "right").map((p) => p.name).join(", ");
  const header: Line = [...pad([seg(left, "bold")], side), seg("│", "dim"), seg(" ".repeat(mid)), seg("│", "dim"), seg(right, "bold")];
  const rows: Line[] = [];
  for (const id of state.timeline) {
    const c = byId.get(id);
    if (!c) continue;
    const s = sideOf.get(c.proc) ?? "left";
    const multi = (s === "right" ? rightProcs : leftProcs) > 1;
    const text = fit(callLine(c, { withProc: multi }), side);
    const arrow = arrowsFrom.get(id);
    const arrowLine = arrow && sideOf.get(byId.get(arrow.to)?.proc ?? "") !== s ? arrowText(arrow, s, mid) : [seg(" ".repeat(mid))];
    rows.push(s === "left" ? [...pad(text, side), seg("│", "dim"), ...pad(arrowLine, mid), seg("│", "dim")] : [seg(" ".repeat(side)), seg("│", "dim"), ...pad(arrowLine, mid), seg("│", "dim"), ...text]);
  }
  const room = Math.max(0, height - 1);
  const visible = rows.slice(-room);
  if (rows.length > room && room > 0) visible[0] = [seg(t("live.timeline.earlier", { n: rows.length - room + 1 }), "dim")];
  return [header, ...visible].map((l) => fit(l, width));
}

/** Which side a process belongs to, and the processes on each side in spec order. */
export function sides(state: DemoState): { left: ProcView[]; right: ProcView[] } {
  return { left: state.processes.filter((p) => p.side === "left"), right: state.processes.filter((p) => p.side === "right") };
}

/** The calls of some processes in the order they were made. */
export function callsOf(state: DemoState, procs: ProcView[]): CallView[] {
  const names = new Set(procs.map((p) => p.name));
  const byId = new Map<string, CallView>();
  for (const p of procs) for (const c of p.calls) byId.set(c.id, c);
  const ordered = state.timeline.map((id) => byId.get(id)).filter((c): c is CallView => c !== undefined && names.has(c.proc));
  return ordered;
}

export function linesToText(lines: Line[]): string {
  return lines.map(plainText).join("\n");
}
