/**
 * The live view's content as pure functions of the demo state: each returns the
 * lines of one box for a given size. Blessed only places the boxes and shows these
 * lines, so everything here is tested without a terminal.
 */
import type { SocketRow } from "../../kernel/types.js";
import type { Arrow, CallView, DemoState, ProcView } from "../../demo/state.js";
import { callText, durationText, errnoMeaning, exitText, failureLabel, outcomeText, ownerName, rowField, unknownLegend, unownedText } from "../../demo/format.js";
import { t } from "../../text/catalog.js";
import { displayWidth, padEnd, padStart } from "../../text/width.js";
import { fit, lineWidth, pad, plainText, sanitize, seg, wrapText, type Line, type Seg } from "./paint.js";
import { wireTimeline } from "../../demo/wire-view.js";
import { packetArrow, packetOneSide, packetSideArrow } from "./wire.js";
import { listOf } from "../../text/list.js";
import { keepTogether } from "../../text/wrap.js";
import { noteWords } from "../../demo/result-words.js";

export function callLine(c: CallView, opts: { withProc?: boolean; width?: number } = {}): Line {
  const who = opts.withProc ? [seg(`${c.proc}: `, "dim")] : [];
  const sig = sanitize(callText(c));
  // On a narrow pane the short words, so "paused" is not cut away with the call's end.
  const narrow = (long: string, short: string): string => (opts.width !== undefined && lineWidth([...who, seg(`‖ ${sig}${long}`)]) > opts.width ? short : long);
  switch (c.status) {
    case "pending":
      return [seg("‖ ", "yellow"), ...who, seg(sig, "yellow"), seg(narrow(t("live.call.paused"), t("live.call.pausedShort")), "dim")];
    case "running":
      return [seg("… ", "cyan"), ...who, seg(sig, "cyan"), seg(c.kind === "stdin" ? narrow(t("live.call.waitingInput"), t("live.call.waitingInputShort")) : t("live.call.waiting"), "dim")];
    case "failed": {
      const label = failureLabel(c);
      // Python's socket.timeout says "timed out" itself: do not say it twice.
      const detail = c.error && c.error !== label ? [seg(` ${sanitize(c.error)}`, "red")] : [];
      return [seg("✗ ", "redBold"), ...who, seg(sig), seg(" → ", "dim"), seg(label, "redBold"), ...detail, ...took(c)];
    }
    case "done":
      return [seg("  "), ...who, seg(sig), seg(" → ", "dim"), seg(sanitize(outcomeText(c).replace(/^→ /, "")), c.timedOut ? "yellow" : "green"), ...took(c)];
  }
}

/** A call's time after its outcome, when it took a while: "4.1 s · demo 0.2 s" (the help says which is which). */
function took(c: CallView): Line {
  const text = durationText(c, true);
  return text ? [seg(`  ${text}`, "dim")] : [];
}

/**
 * A call line too wide for its pane goes on two lines, the call then its outcome
 * ("→ ok", "paused"), so the result is never what the cut takes away.
 */
export function foldCall(line: Line, width: number): Line[] {
  if (lineWidth(line) <= width) return [line];
  // The outcome starts at the " → " segment, or at the last (dim) one: "paused before this call".
  let at = line.findIndex((s) => s.text === " → ");
  if (at < 0) at = line.length - 1;
  if (at <= 0) return [line];
  const outcome = line.slice(at).map((s, i) => (i === 0 ? { ...s, text: s.text.replace(/^ +/, "") } : s));
  const second: Line = [seg("    "), ...outcome];
  if (lineWidth(second) <= width) return [line.slice(0, at), second];
  // Still too wide (a long result): its words on two lines, in the result's colour.
  const tone = outcome[outcome.length - 1]?.tone;
  // A number stays with the word after it ("4 ms", "4 毫秒", "5 bytes"): a break between them read as two things.
  const words = wrapText(plainText(outcome).replace(/(\d) (?=[^\s\d·→])/gu, `$1${keepTogether(" ")}`), Math.max(10, width - 4)).slice(0, 2);
  return [line.slice(0, at), ...words.map((w) => [seg("    "), seg(w, tone)])];
}

/** The lines under a failed call: what its errno means, wrapped (it is the point of the demo). */
function meaningLines(c: CallView, width: number): Line[] {
  const meaning = errnoMeaning(c.errno, c.call);
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
  /** Who the typed line goes to (a name, shown on the input line when the pane has several processes). */
  typingTarget?: string;
  /** Why a process has not started yet ("after server's listen()"). */
  waitingFor?: string;
  /** The selected call or syscall (an item key, see paneItems): the list scrolls to keep it in view. */
  selected?: string;
  /** Output lines up from the newest (0: the newest at the bottom). */
  outputScroll?: number;
  /** Hears the output scroll as shown (clamped to what there is), so the next key moves at once. */
  settleOutput?: (scroll: number) => void;
  /** Output the demo's lesson points at (text a line contains): kept on screen like focusCalls. */
  focusOutput?: ReadonlyArray<{ process: string; text: string }>;
  /** Calls the demo's lesson points at: kept on screen while newer calls push older ones away. */
  focusCalls?: ReadonlyArray<{ process: string; call: string; errno?: string; result?: string }>;
}

function sectionRule(title: string, width: number, more?: string): Line {
  const label = `── ${title} ${more ? `${more} ` : ""}`;
  return [seg(label + "─".repeat(Math.max(0, width - displayWidth(label))), "dim")];
}

/** A pane's label: the process shown, which of several it is, its program and pid; what does not fit the border goes, the file first. */
export function paneLabel(procs: ProcView[], shown: ProcView, width = 200): string {
  const name = sanitize(procs.length > 1 ? t("live.pane.labelOfMany", { name: shown.name, index: procs.indexOf(shown) + 1, count: procs.length }) : t("live.pane.label", { name: shown.name }));
  const pid = shown.pid ? t("live.pane.pid", { pid: shown.pid }) : "";
  const user = shown.user ? t("live.pane.asUser", { user: shown.user }) : "";
  // The border draws "┌─" before the label and needs its corner after it: the label and its
  // two spaces get width - 3 columns.
  const room = Math.max(8, width - 5);
  const candidates = [`${name}· ${sanitize(shown.file)}${pid}${user}`, `${name}· ${pid.trim()}${user}`, `${name}`];
  const label = candidates.find((c) => displayWidth(c) <= room) ?? plainText(fit([seg(name)], room));
  return ` ${label.trimEnd()} `;
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
 * How a pane's rows are shared, by its inner height: the source around the current
 * line, the calls (the most rows: they are what the lesson is about), the output.
 * Fixed per height, so the sections never jump while the run goes on.
 */
export function paneRows(height: number): { source: number; calls: number; output: number } {
  const source = height >= 30 ? 9 : Math.max(3, Math.min(9, Math.round(height * 0.28)));
  const output = Math.max(2, Math.min(6, Math.round(height * 0.2)));
  const calls = Math.max(1, height - source - output - 2);
  return { source, calls, output };
}

/** Items' lines, each tagged with the item it belongs to (for selection and keeping a call in view). */
interface TaggedLine {
  line: Line;
  item?: number;
  /** What an errno means, or the runtime's spelling: shown with the call, left out when a kept call is short of rows. */
  extra?: boolean;
}

/**
 * The window of a list that fits `rows`: the newest lines, or (with a selected
 * item) the lines around it; lines of `keep` items stay in view as far as they fit.
 */
function listWindow(lines: TaggedLine[], rows: number, selected: number | undefined, keep: ReadonlySet<number>): { shown: TaggedLine[]; earlier: number; newer: number } {
  if (lines.length <= rows) return { shown: lines, earlier: 0, newer: 0 };
  if (selected !== undefined) {
    const first = lines.findIndex((l) => l.item === selected);
    let last = first;
    while (last + 1 < lines.length && lines[last + 1]!.item === selected) last++;
    // The selected call a little above the middle, its lines whole.
    let start = Math.max(0, Math.min(first - Math.floor((rows - 1) / 2), lines.length - rows));
    if (last >= start + rows) start = last - rows + 1;
    return { shown: lines.slice(start, start + rows), earlier: start, newer: lines.length - start - rows };
  }
  // The newest lines, without the end of a call whose first line is out of view.
  let cut = lines.length - rows;
  while (cut < lines.length && lines[cut]!.item !== undefined && lines[cut - 1]?.item === lines[cut]!.item) cut++;
  const tail = lines.slice(cut);
  // Of each call kept, its first lines (the call and its outcome), as many as let every kept call show: not all of what an errno means.
  const seen = new Map<number, number>();
  const kept = new Set(lines.filter((l) => l.item !== undefined && keep.has(l.item)).map((l) => l.item));
  const perItem = Math.max(1, Math.min(3, Math.floor(rows / Math.max(1, kept.size))));
  const keepIdx = lines
    .map((l, i) => {
      if (l.item === undefined || !keep.has(l.item) || l.extra) return -1;
      const n = (seen.get(l.item) ?? 0) + 1;
      seen.set(l.item, n);
      return n <= perItem ? i : -1;
    })
    .filter((i) => i >= 0);
  if (keepIdx.length === 0 || keepIdx[0]! >= cut) return { shown: tail, earlier: cut, newer: 0 };
  // The calls the lesson points at (whole, every line of each), then the newest lines in the rows left.
  const chosen = new Set(keepIdx.slice(-rows));
  // The newest lines fill the rest, a call's lines all or none (an outcome without its call reads as another call's).
  for (let i = lines.length - 1; i >= 0 && chosen.size < rows; ) {
    let start = i;
    while (start > 0 && lines[start]!.item !== undefined && lines[start - 1]!.item === lines[i]!.item) start--;
    const group = [];
    for (let k = start; k <= i; k++) if (!chosen.has(k)) group.push(k);
    // A kept call's own extra lines (what its errno means) are left out, not a reason to stop.
    if (lines[i]!.item !== undefined && keep.has(lines[i]!.item!) && group.every((k) => lines[k]!.extra)) {
      i = start - 1;
      continue;
    }
    if (chosen.size + group.length > rows) break;
    for (const k of group) chosen.add(k);
    i = start - 1;
  }
  // Rows left: a kept call's extra lines, when all of them fit (never half a sentence).
  for (const item of kept) {
    const extra = lines.map((l, k) => (l.item === item && l.extra && !chosen.has(k) ? k : -1)).filter((k) => k >= 0);
    if (extra.length > 0 && chosen.size + extra.length <= rows) for (const k of extra) chosen.add(k);
  }
  return { shown: [...chosen].sort((a, b) => a - b).map((i) => lines[i]!), earlier: lines.length - rows, newer: 0 };
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
  const rows = paneRows(height);
  const typing = input.typing !== undefined;
  // The input line takes a row of the calls while the learner types.
  const callRows = Math.max(1, rows.calls - (typing ? 1 : 0));

  if (shown.status === "waiting") {
    const why = wrapText(input.waitingFor ? t("live.pane.startsWhen", { when: input.waitingFor }) : t("live.pane.notStarted"), width).slice(0, rows.source);
    lines.push(...why.map((l) => [seg(l, "dim")]));
    for (let i = why.length; i < rows.source; i++) lines.push([]);
  } else {
    lines.push(...sourceLines(shown, pending?.line, width, rows.source));
    for (let i = lines.length; i < rows.source; i++) lines.push([]);
  }

  const tagged: TaggedLine[] = [];
  let selectedIndex: number | undefined;
  const keep = new Set<number>();
  if (input.syscalls) {
    const procs = input.procs.filter((p) => p.syscalls.length > 0);
    let n = 0;
    for (const p of procs) {
      p.syscalls.forEach((s, i) => {
        const key = `${p.name}~${p.droppedSyscalls + i}`;
        if (key === input.selected) selectedIndex = n;
        const text = sanitize(multi ? `${p.name}: ${s}` : s);
        tagged.push({ line: [seg(text, key === input.selected ? "inverse" : undefined)], item: n });
        n++;
      });
    }
    if (tagged.length === 0) tagged.push({ line: [seg(t("live.pane.noSyscalls"), "dim")] });
  } else {
    input.calls.forEach((c, i) => {
      const isSelected = c.id === input.selected;
      if (isSelected) selectedIndex = i;
      if (input.focusCalls?.some((f) => f.process === c.proc && (f.call === c.call || f.errno !== undefined) && (f.errno === undefined || c.errno === f.errno) && (f.result === undefined || (c.result ?? "").includes(f.result)))) keep.add(i);
      for (const line of foldCall(callLine(c, { withProc: multi, width }), width)) tagged.push({ line: isSelected ? line.map((s) => ({ ...s, tone: "inverse" as const })) : line, item: i });
      for (const m of meaningLines(c, width)) tagged.push({ line: m, item: i, extra: true });
      // The runtime's own spelling is shown for the latest call, where the learner is looking.
      if (i === input.calls.length - 1) {
        const api = apiLine(c);
        if (api) tagged.push({ line: api, item: i, extra: true });
      }
    });
    for (const p of input.procs) {
      const ex = exitLine(p);
      if (!ex) continue;
      const line = multi ? [seg(`${p.name}: `, "dim"), ...ex] : ex;
      // Too wide: its words on two lines, not cut ("exited with status 1 (as this demo expects)").
      if (lineWidth(line) <= width) tagged.push({ line });
      else for (const w of wrapText(plainText(line), width).slice(0, 2)) tagged.push({ line: [seg(w, ex[0]?.tone)] });
    }
  }
  const win = listWindow(tagged, callRows, selectedIndex, keep);
  const more = [win.earlier ? t("live.pane.earlier", { n: win.earlier }) : "", win.newer ? t("live.pane.newer", { n: win.newer }) : ""].filter(Boolean).join(" ");
  lines.push(sectionRule(input.syscalls ? t("live.pane.syscallsRule") : t("live.pane.callsRule"), width, more));
  lines.push(...win.shown.map((l) => l.line));
  for (let i = win.shown.length; i < callRows; i++) lines.push([]);
  if (typing) {
    // The input line shows the end of what was typed: it scrolls as the line grows.
    const to = multi && input.typingTarget ? `${sanitize(input.typingTarget)} ` : "";
    const prompt = `${to}> `;
    const room = Math.max(4, width - displayWidth(prompt) - 1);
    const text = sanitize(input.typing!);
    lines.push([seg(prompt, "cyan"), seg(tail(text, room)), seg("█", "cyan")]);
  }

  const out: Line[] = [];
  /** Which printed line each screen line is a piece of: a window never starts in the middle of one. */
  const outGroup: number[] = [];
  let group = 0;
  const keepOut = new Set<number>();
  for (const p of input.procs) {
    const prefixText = `${p.name}: `;
    const prefixW = multi ? displayWidth(prefixText) : 0;
    const focus = (input.focusOutput ?? []).filter((f) => f.process === p.name);
    const push = (text: string, tone: Seg["tone"], ownName: boolean) => {
      const pinned = focus.some((f) => text.includes(f.text));
      // A wrapped line keeps its prefix on every piece, so a line is never taken for another client's.
      // Every piece leaves room for the prefix: a line that starts with its own name gets it on the pieces after the first.
      wrapText(text, Math.max(10, width - prefixW)).forEach((piece, i) => {
        const prefix = multi && (!ownName || i > 0) ? [seg(prefixText, "dim")] : [];
        if (pinned) keepOut.add(out.length);
        out.push([...prefix, seg(piece, tone)]);
        outGroup.push(group);
      });
      group++;
    };
    for (const o of p.output) {
      // Programs that already print their own name ("client 2: ...") get no second prefix on the first piece.
      const text = sanitize(o.text) + (o.input !== undefined ? sanitize(o.input) : "");
      const tone = o.stream === "stderr" ? "red" : o.stream === "stdin" ? "cyan" : undefined;
      push(text, tone, multi && o.text.startsWith(p.name));
    }
    const partial = p.partial.stdout + p.partial.stderr;
    if (partial) push(sanitize(partial), undefined, multi && partial.startsWith(p.name));
  }
  const outRows = rows.output;
  const scroll = Math.max(0, Math.min(input.outputScroll ?? 0, out.length - outRows));
  input.settleOutput?.(scroll);
  const end = out.length - scroll;
  let start = Math.max(0, end - outRows);
  while (start < end && start > 0 && outGroup[start] === outGroup[start - 1]) start++;
  let shownOut = out.slice(start, end);
  if (scroll === 0 && keepOut.size > 0) {
    // The lines the lesson points at stay in view; the newest fill the rest.
    // The first such line, whole (the first failed check, the first drop): the rest is behind PgUp.
    const idx = [...keepOut].sort((a, b) => a - b);
    const first = idx.filter((i, n) => n === 0 || idx.slice(0, n + 1).every((x, k) => x === idx[0]! + k));
    const hidden = first.filter((i) => i < end - outRows).map((i) => out[i]!);
    if (hidden.length > 0) {
      const kept = hidden.slice(0, outRows);
      shownOut = [...kept, ...out.slice(end - (outRows - kept.length), end)].slice(0, outRows);
      if (kept.length >= outRows) shownOut = kept;
    }
  }
  const outMore = [start > 0 ? t("live.pane.earlierLines", { n: start }) : "", scroll ? t("live.pane.newerLines", { n: scroll }) : ""].filter(Boolean).join(" ");
  lines.push(sectionRule(t("live.pane.outputRule"), width, outMore));
  lines.push(...shownOut);
  for (let i = shownOut.length; i < outRows; i++) lines.push([]);
  return lines.slice(0, height).map((l) => fit(l, width));
}

/** The last `width` columns of a text (the input line's end, where the cursor is). */
function tail(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  const chars = [...text];
  let out = "";
  for (let i = chars.length - 1; i >= 0; i--) {
    if (displayWidth(chars[i] + out) > width - 1) break;
    out = chars[i] + out;
  }
  return `…${out}`;
}

/** Which table rows a demo's lesson points at (demo.json `focus.rows`): shown first. */
export type FocusRows = ReadonlyArray<{ state?: string; owner?: string; proto?: string }>;

/** Whether a row is one the lesson points at: by state, protocol and owner ("queue": in an accept queue; a process name). */
export function rowMatches(row: SocketRow, m: FocusRows[number], state: DemoState): boolean {
  if (m.state && row.state !== m.state) return false;
  if (m.proto && !row.proto.startsWith(m.proto)) return false;
  if (m.owner) {
    if (m.owner === "queue") return row.pid === undefined && unownedText(row, state.table?.rows ?? []) === t("demo.row.queued");
    if (m.owner === "none") return row.pid === undefined;
    return ownerName(state, row.pid) === m.owner;
  }
  return true;
}

function tableHeader(): string[] {
  return [t("live.table.proto"), t("live.table.local"), t("live.table.remote"), t("live.table.state"), t("live.table.recvQ"), t("live.table.sendQ"), t("live.table.owner")];
}

/** The owner cell's words, longest first: the table uses the longest that fits its column. */
function ownerTexts(row: SocketRow, state: DemoState): string[] {
  if (row.pid === undefined) {
    const why = unownedText(row, state.table?.rows ?? []);
    if (why === t("demo.row.queued")) return [t("live.table.queued"), t("live.table.queuedShort")];
    if (row.state === "TIME_WAIT") return [t("live.table.kept"), t("live.table.keptShort")];
    return [why];
  }
  const name = ownerName(state, row.pid) ?? t("live.table.pid");
  if (row.fd === undefined) return [t("live.table.ownerPid", { name, pid: row.pid }), name];
  return [t("live.table.ownerPidFd", { name, pid: row.pid, fd: row.fd }), t("live.table.ownerFd", { name, fd: row.fd }), name];
}

function stateTone(state: string): Seg["tone"] {
  if (state === "LISTEN") return "cyan";
  if (state === "ESTABLISHED" || state === "CONNECTED") return "green";
  if (state === "TIME_WAIT" || state === "CLOSE_WAIT" || state.startsWith("FIN_WAIT") || state === "LAST_ACK" || state === "CLOSING") return "yellow";
  if (state === "SYN_SENT" || state === "SYN_RECV") return "magenta";
  return undefined;
}

/** The rows in the order a small table shows them: those the lesson points at first (in the order it names them), then the rest as the kernel lists them. */
export function orderRows(rows: readonly SocketRow[], state: DemoState, focus: FocusRows | undefined): SocketRow[] {
  if (!focus?.length) return [...rows];
  const rank = (r: SocketRow): number => {
    const i = focus.findIndex((m) => rowMatches(r, m, state));
    return i < 0 ? focus.length : i;
  };
  return rows.map((r, i) => ({ r, i, k: rank(r) })).sort((a, b) => a.k - b.k || a.i - b.i).map((x) => x.r);
}

/**
 * The kernel's socket table, as `ss` lays it out; queue sizes right-aligned. When
 * it has more rows than `height`, the rows the lesson points at come first, and
 * `scroll` moves the rest into view.
 */
export function tableLines(state: DemoState, width: number, height: number, opts: { scroll?: number; focus?: FocusRows; settle?: (scroll: number) => void } = {}): Line[] {
  const snap = state.table;
  // Until a later line says otherwise, nothing is scrolled.
  opts.settle?.(0);
  if (!snap) return [[seg(state.status === "starting" ? t("live.table.starting") : t("live.table.firstReading"), "dim")]];
  if (snap.error && snap.rows.length === 0) return wrapText(t("live.table.unreadable", { error: sanitize(snap.error) }), width).map((l) => [seg(l, "yellow")]);
  const header = tableHeader();
  const ordered = orderRows(snap.rows, state, opts.focus);
  const owners = ordered.map((r) => ownerTexts(r, state).map((o) => o + (r.drops ? t("live.table.drops", { n: r.drops }) : "")));
  const rows = ordered.map((r) => {
    // A Unix socket's path comes from the kernel as its program named it: escaped.
    const remote = r.unknown?.includes("remote") ? "?" : sanitize(r.remote) || (r.proto === "unix" ? "" : "*");
    return [r.proto + (r.unixType ? `/${r.unixType.toLowerCase()}` : ""), sanitize(r.local) || t("live.table.unnamed"), remote, r.state, rowField(r, "recvQ"), rowField(r, "sendQ"), ""];
  });
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => displayWidth(r[i]!))));
  // Two spaces between columns where they fit, one on a narrow screen.
  const gap = width >= 100 ? 2 : 1;
  const sep = " ".repeat(gap);
  // State and the queues never shrink. The owner column takes what is left, at least
  // 12 (room for "accept queue"), then the two addresses share the rest.
  const fixed = widths[0]! + widths[3]! + widths[4]! + widths[5]! + gap * 6;
  const longestOwner = Math.max(displayWidth(header[6]!), ...owners.map((o) => displayWidth(o[0]!)));
  let addr = widths[1]! + widths[2]!;
  let ownerW = Math.min(longestOwner, Math.max(12, width - fixed - addr));
  if (fixed + addr + ownerW > width) {
    addr = Math.max(16, width - fixed - ownerW);
    const half = Math.max(8, Math.floor(addr / 2));
    const local = Math.min(widths[1]!, Math.max(half, addr - widths[2]!));
    widths[1] = local;
    widths[2] = Math.max(8, Math.min(widths[2]!, addr - local));
    ownerW = Math.max(8, width - fixed - widths[1]! - widths[2]!);
  }
  rows.forEach((r, i) => (r[6] = owners[i]!.find((o) => displayWidth(o) <= ownerW) ?? owners[i]![owners[i]!.length - 1]!));
  const cell = (text: string, w: number, right = false): string => (right ? padStart(text, w) : padEnd(text, w));
  const render = (r: string[], isHeader: boolean, tone?: Seg["tone"]): Line => [
    seg(`${cell(r[0]!, widths[0]!)}${sep}${cell(r[1]!, widths[1]!)}${sep}${cell(r[2]!, widths[2]!)}${sep}`, isHeader ? "bold" : undefined),
    seg(cell(r[3]!, widths[3]!), isHeader ? "bold" : tone),
    seg(`${sep}${cell(r[4]!, widths[4]!, true)}${sep}${cell(r[5]!, widths[5]!, true)}${sep}`, isHeader ? "bold" : undefined),
    seg(r[6]!, isHeader ? "bold" : undefined),
  ];
  const body: Line[] = rows.length === 0 ? [[seg(t("live.table.empty"), "dim")]] : rows.map((r) => render(r, false, stateTone(r[3]!)));
  const room = Math.max(1, height - 1);
  if (body.length <= room) return [render(header, true), ...body].map((l) => fit(l, width));
  // One row says what is out of view, and how to see it.
  const visible = Math.max(1, room - 1);
  const start = Math.max(0, Math.min(opts.scroll ?? 0, body.length - visible));
  opts.settle?.(start);
  const below = body.length - start - visible;
  const marker = start > 0 && below > 0 ? t("live.table.moreBoth", { above: start, below }) : below > 0 ? t("live.table.moreRows", { n: below }) : t("live.table.moreAbove", { n: start });
  return [render(header, true), ...body.slice(start, start + visible), [seg(marker, "dim")]].map((l) => fit(l, width));
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
 * clients' on the right, with arrows for connections and bytes between them, or,
 * where the run's packets are captured, an arrow per packet.
 */
export function timelineLines(state: DemoState, width: number, height: number, scroll = 0, settle?: (scroll: number) => void): Line[] {
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
    return [[seg(listOf(state.processes.map((p) => p.name)), "bold")], ...scrolled(rows, Math.max(0, height - 1), scroll, settle)];
  }
  const left = listOf(state.processes.filter((p) => p.side === "left").map((p) => p.name));
  const right = listOf(state.processes.filter((p) => p.side === "right").map((p) => p.name));
  const header: Line = [...pad([seg(left, "bold")], side), seg("│", "dim"), seg(" ".repeat(mid)), seg("│", "dim"), seg(right, "bold")];
  const rows: Line[] = [];
  // With packets, each is an arrow of its own between the calls (in time order, ties by
  // cause: wire-view.ts), and the calls' own arrows go: the packets show how the bytes went.
  const packets = state.wire.packets.length > 0;
  const order = packets ? wireTimeline(state) : state.timeline.map((id) => ({ kind: "call" as const, id }));
  for (const row of order) {
    if (row.kind === "packet") {
      // Between two processes of one side: in that side's column, not across the middle.
      const one = packetOneSide(state, row.packet);
      if (one === "left") rows.push([...pad(packetSideArrow(state, row.packet, side), side), seg("│", "dim"), seg(" ".repeat(mid)), seg("│", "dim")]);
      else if (one === "right") rows.push([seg(" ".repeat(side)), seg("│", "dim"), seg(" ".repeat(mid)), seg("│", "dim"), ...packetSideArrow(state, row.packet, side)]);
      else rows.push([seg(" ".repeat(side)), seg("│", "dim"), ...pad(packetArrow(state, row.packet, mid), mid), seg("│", "dim")]);
      continue;
    }
    const id = row.id;
    const c = byId.get(id);
    if (!c) continue;
    const s = sideOf.get(c.proc) ?? "left";
    const multi = (s === "right" ? rightProcs : leftProcs) > 1;
    const text = fit(callLine(c, { withProc: multi }), side);
    const arrow = packets ? undefined : arrowsFrom.get(id);
    const arrowLine = arrow && sideOf.get(byId.get(arrow.to)?.proc ?? "") !== s ? arrowText(arrow, s, mid) : [seg(" ".repeat(mid))];
    rows.push(s === "left" ? [...pad(text, side), seg("│", "dim"), ...pad(arrowLine, mid), seg("│", "dim")] : [seg(" ".repeat(side)), seg("│", "dim"), ...pad(arrowLine, mid), seg("│", "dim"), ...text]);
  }
  return [header, ...scrolled(rows, Math.max(0, height - 1), scroll, settle)].map((l) => fit(l, width));
}

/** The newest `room` rows, or `scroll` rows further back; the first row says how many are out of view above. */
function scrolled(rows: Line[], room: number, scroll: number, settle?: (scroll: number) => void): Line[] {
  if (rows.length <= room || room <= 0) {
    settle?.(0);
    return rows.slice(-Math.max(room, 0) || undefined);
  }
  const back = Math.max(0, Math.min(scroll, rows.length - room));
  settle?.(back);
  const end = rows.length - back;
  const visible = rows.slice(end - room, end);
  const above = end - room;
  if (above > 0) visible[0] = [seg(t("live.timeline.earlier", { n: above + 1 }), "dim")];
  if (back > 0) visible[visible.length - 1] = [seg(t("live.timeline.newer", { n: back + 1 }), "dim")];
  return visible;
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

/** One entry of a pane's calls list (a call, or a strace line in the syscall view): what ↑/↓ select and o opens. */
export interface PaneItem {
  key: string;
  proc: string;
  call?: CallView;
  syscall?: string;
}

/** The entries of a pane's list, oldest first: its processes' calls, or their syscalls. */
export function paneItems(state: DemoState, procs: ProcView[], syscalls: boolean): PaneItem[] {
  if (!syscalls) return callsOf(state, procs).map((c) => ({ key: c.id, proc: c.proc, call: c }));
  return procs.flatMap((p) => p.syscalls.map((s, i) => ({ key: `${p.name}~${p.droppedSyscalls + i}`, proc: p.name, syscall: s })));
}

/** An entry in full, for the box `o` opens: the whole call with its result, what it means, where it was made. */
export function itemDetail(item: PaneItem, width: number): Line[] {
  const w = Math.max(20, width);
  const para = (text: string, tone?: Seg["tone"]): Line[] => wrapText(sanitize(text), w).map((l) => [seg(l, tone)]);
  if (item.syscall !== undefined) return [[seg(item.proc, "bold")], ...para(item.syscall)];
  const c = item.call!;
  const out: Line[] = [[seg(c.proc, "bold"), seg(c.file && c.line ? `  ${sanitize(c.file)}:${c.line}` : "", "dim"), seg(c.thread ? `  ${sanitize(c.thread)}` : "", "dim")]];
  out.push(...para(callText(c)));
  const outcome = c.status === "failed" || c.status === "done" ? outcomeText(c) : c.status === "pending" ? t("live.call.paused").trim() : c.kind === "stdin" ? t("live.call.waitingInput").trim() : t("live.call.waiting").trim();
  out.push(...para(outcome, c.status === "failed" ? "red" : c.status === "done" ? "green" : "yellow"));
  const time = durationText(c);
  if (time) out.push(...para(time, "dim"));
  const meaning = errnoMeaning(c.errno, c.call);
  if (c.status === "failed" && meaning) out.push([], ...para(meaning, "red"));
  for (const extra of [c.api, c.via, c.note !== undefined ? noteWords(c.note) : undefined]) if (extra) out.push([], ...para(extra, "dim"));
  return out;
}
