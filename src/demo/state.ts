/**
 * What both views render, computed from the event stream by a pure reducer:
 * `reduce(state, event)` returns a new state (the old one is left untouched), so a
 * view can keep the previous state to diff, and tests replay recorded events.
 * Everything that grows with a run (calls, output, timeline, arrows, syscalls) is
 * bounded by `limits`: a program printing megabytes costs a fixed amount of memory.
 */
import type { SocketTableSnapshot } from "../kernel/types.js";
import type { CallEvent, DemoEvent, KernelTimerNotice, NoteEvent } from "./events.js";
import type { DemoRuntime, DemoSpec } from "./spec.js";
import { pairCall, emptyPairing, type Arrow, type Pairing } from "./pairing.js";
import { attributeSyns, DEFAULT_WIRE_LIMITS, emptyWire, learnName, reduceGap, reducePacket, type ConnectCall, type WireLimits, type WireState } from "./wire.js";
import { t } from "../text/catalog.js";

export type { Arrow } from "./pairing.js";
export type { PacketView, WireState } from "./wire.js";
export type DemoMode = "step" | "run" | "slow";

export interface StateLimits {
  /** Calls kept per process (oldest dropped first). */
  calls: number;
  /** Output lines kept per process. */
  outputLines: number;
  /** Longest output line kept; longer ones are cut (with a marker). */
  lineChars: number;
  /** Rows kept in the timeline, and arrows. */
  timeline: number;
  /** strace lines kept per process. */
  syscalls: number;
  notes: number;
  /** The wire: packets, TCP connections and endpoint names kept (see wire.ts). */
  wire: WireLimits;
}

export const DEFAULT_LIMITS: StateLimits = { calls: 1000, outputLines: 1000, lineChars: 2000, timeline: 2000, syscalls: 500, notes: 50, wire: DEFAULT_WIRE_LIMITS };

/** One call, its phases merged. */
export interface CallView {
  /** `${proc}#${seq}`: unique within a run. */
  id: string;
  proc: string;
  pid: number;
  seq: number;
  call: string;
  kind: "socket" | "select" | "stdin";
  args: string[];
  status: "pending" | "running" | "done" | "failed";
  fd?: number;
  newFd?: number;
  result?: string;
  errno?: string;
  error?: string;
  timedOut?: boolean;
  file?: string;
  line?: number;
  local?: string;
  peer?: string;
  peerPid?: number;
  bytes?: number;
  api?: string;
  note?: string;
  via?: string;
  thread?: string;
  tPending?: number;
  tStart?: number;
  tEnd?: number;
  /** The same moments on the demo clock (ms since the run started), which stops while a call waits for the learner's key. */
  dStart?: number;
  dEnd?: number;
  /** When it was first seen (pending or start): its place in the timeline. */
  t: number;
}

export interface OutputLine {
  stream: "stdout" | "stderr" | "stdin";
  text: string;
  /** A prompt line (stdout without a newline, "reply: ") completed by what was typed after it. */
  input?: string;
}

export interface ProcView {
  name: string;
  side: "left" | "right";
  /** The program file, relative to the demo folder. */
  file: string;
  /** Its source lines, for the pane (line N is source[N - 1]). */
  source: string[];
  pid?: number;
  user?: string;
  status: "waiting" | "running" | "exited";
  /** The line of the call being made (pending or running), else of the last call. */
  line?: number;
  /** Ids of calls paused before they run (more than one only with threads), oldest first. */
  pending: string[];
  calls: CallView[];
  droppedCalls: number;
  output: OutputLine[];
  /** The last, unfinished line of each stream. */
  partial: { stdout: string; stderr: string };
  droppedOutputLines: number;
  outputBytes: number;
  exit?: { code: number | null; signal: string | null; stopped: boolean; t: number; expected: boolean };
  syscalls: string[];
  droppedSyscalls: number;
  expectFailure: boolean;
  keepsRunning: boolean;
}

export interface DemoState {
  id: string;
  title: string;
  summary: string;
  runtime: DemoRuntime;
  mode: DemoMode;
  status: "starting" | "running" | "done" | "stopped";
  ok?: boolean;
  reason?: string;
  /** On done: a kernel timer that a held pause let run out (StatusEvent.kernelTimer). */
  kernelTimer?: KernelTimerNotice;
  processes: ProcView[];
  table?: SocketTableSnapshot;
  /**
   * Call ids across processes in the order the calls took effect: a call that
   * sends (connect, send*, shutdown, close) at its start, any other call when it
   * returned (accept and recv when the connection or data was there), an
   * unfinished call when it was first seen. So a send is always above the recv
   * that got its bytes, and a connect above its accept.
   */
  timeline: string[];
  /** The time each timeline row is placed at (parallel to `timeline`). */
  timelineT: number[];
  droppedTimeline: number;
  /** Connections and data between the two sides, for the sequence diagram. */
  arrows: Arrow[];
  notes: NoteEvent[];
  /** Shown for this runtime (demo.json notes). */
  runtimeNote?: string;
  startedAt?: number;
  limits: StateLimits;
  /** Unmatched connects/accepts/sends/recvs waiting for their other end. */
  pairing: Pairing;
  /** The packets of the run's loopback, when they are captured (wire.ts; wire-view.ts merges them with the timeline). */
  wire: WireState;
}

export interface InitialStateInput {
  spec: DemoSpec;
  runtime: DemoRuntime;
  mode: DemoMode;
  /** Source lines of each process's program in this runtime, by process name. */
  sources: Record<string, string[]>;
  limits?: Partial<StateLimits>;
}

/** What a process's view holds about one run: empty at the start, and again after a restart. */
function freshRun(): Pick<ProcView, "status" | "pending" | "calls" | "droppedCalls" | "output" | "partial" | "droppedOutputLines" | "outputBytes" | "syscalls" | "droppedSyscalls"> {
  return { status: "waiting", pending: [], calls: [], droppedCalls: 0, output: [], partial: { stdout: "", stderr: "" }, droppedOutputLines: 0, outputBytes: 0, syscalls: [], droppedSyscalls: 0 };
}

export function initialState(input: InitialStateInput): DemoState {
  const { spec, runtime } = input;
  return {
    id: spec.id,
    title: spec.title,
    summary: spec.summary,
    runtime,
    mode: input.mode,
    status: "starting",
    processes: spec.processes.map((p) => ({
      name: p.name,
      side: p.side,
      file: runtime === "python" ? p.python : p.node,
      source: input.sources[p.name] ?? [],
      ...freshRun(),
      expectFailure: p.expectFailure === true,
      keepsRunning: p.keepsRunning === true,
    })),
    timeline: [],
    timelineT: [],
    droppedTimeline: 0,
    arrows: [],
    notes: [],
    runtimeNote: spec.notes?.[runtime],
    limits: { ...DEFAULT_LIMITS, ...input.limits, wire: { ...DEFAULT_WIRE_LIMITS, ...input.limits?.wire } },
    pairing: emptyPairing(),
    wire: emptyWire(),
  };
}

function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\")) + 1);
}

function withProc(state: DemoState, name: string, change: (p: ProcView) => ProcView): DemoState {
  const i = state.processes.findIndex((p) => p.name === name);
  if (i < 0) return state;
  const processes = state.processes.slice();
  processes[i] = change(processes[i]!);
  return { ...state, processes };
}

function keepLast<T>(list: T[], max: number): { list: T[]; dropped: number } {
  return list.length > max ? { list: list.slice(list.length - max), dropped: list.length - max } : { list, dropped: 0 };
}

export function reduce(state: DemoState, ev: DemoEvent): DemoState {
  switch (ev.type) {
    case "call":
      return callOnWire(reduceCall(state, ev), ev);
    case "output":
      return withProc(state, ev.proc, (p) => addOutput(p, ev.stream, ev.text, state.limits));
    case "spawn":
      return withProc({ ...state, startedAt: state.startedAt ?? ev.t }, ev.proc, (p) => ({ ...p, status: "running", pid: ev.pid, user: ev.user, exit: undefined }));
    case "exit":
      return withProc(state, ev.proc, (p) => {
        const flushed = flushPartial(p, state.limits);
        const code = ev.code ?? null;
        const expected = ev.stopped === true || (p.expectFailure ? code !== 0 : code === 0);
        return { ...flushed, status: "exited", pending: [], exit: { code, signal: ev.signal ?? null, stopped: ev.stopped === true, t: ev.t, expected } };
      });
    case "table":
      return tableOnWire({ ...state, table: ev.snapshot }, ev.snapshot);
    case "syscall":
      return withProc(state, ev.proc, (p) => {
        const kept = keepLast([...p.syscalls, ev.text], state.limits.syscalls);
        return { ...p, syscalls: kept.list, droppedSyscalls: p.droppedSyscalls + kept.dropped };
      });
    case "note":
      return { ...state, notes: keepLast([...state.notes, ev], state.limits.notes).list };
    case "status":
      if (ev.status === "starting") return restarted(state);
      return { ...state, status: ev.status, ok: ev.ok, reason: ev.reason, kernelTimer: ev.kernelTimer };
    case "mode":
      return { ...state, mode: ev.mode };
    case "packet":
      return withSyns({ ...state, wire: reducePacket(state.wire, ev, state.limits.wire) }, ev.t);
    case "packet-gap":
      return { ...state, wire: reduceGap(state.wire, ev) };
    case "wire":
      return { ...state, wire: { ...state.wire, status: ev.status, reason: ev.reason } };
  }
}

// ---- the wire: names for the packets' endpoints, from the calls and the table ----

/** A call's own address names its process on the wire; a connect() may claim a SYN seen before it said its address. */
function callOnWire(state: DemoState, ev: CallEvent): DemoState {
  if (!ev.local && state.wire.unnamed.length === 0) return state;
  const wire = learnName(state.wire, ev.local, ev.proc, state.limits.wire);
  return withSyns(wire === state.wire ? state : { ...state, wire }, ev.t);
}

function tableOnWire(state: DemoState, snapshot: SocketTableSnapshot): DemoState {
  let wire = state.wire;
  for (const r of snapshot.rows) {
    if (r.pid === undefined || r.proto === "unix") continue;
    const owner = state.processes.find((p) => p.pid === r.pid)?.name;
    if (owner) wire = learnName(wire, r.local, owner, state.limits.wire);
  }
  return withSyns(wire === state.wire ? state : { ...state, wire }, snapshot.t);
}

function withSyns(state: DemoState, now: number): DemoState {
  if (state.wire.unnamed.length === 0) return state;
  const calls: ConnectCall[] = [];
  for (const p of state.processes) for (const c of p.calls) if (c.call === "connect" || c.call === "connect_ex") calls.push(c);
  const wire = attributeSyns(state.wire, calls, state.limits.wire, now);
  return wire === state.wire ? state : { ...state, wire };
}

/** A restart keeps the demo, its sources and notes about the machine, and forgets the run. */
function restarted(state: DemoState): DemoState {
  return {
    ...state,
    status: "starting",
    ok: undefined,
    reason: undefined,
    kernelTimer: undefined,
    table: undefined,
    timeline: [],
    timelineT: [],
    droppedTimeline: 0,
    arrows: [],
    pairing: emptyPairing(),
    wire: emptyWire(),
    startedAt: undefined,
    processes: state.processes.map((p) => ({ ...p, ...freshRun(), pid: undefined, user: undefined, line: undefined, exit: undefined })),
  };
}

function mergeCall(old: CallView | undefined, ev: CallEvent): CallView {
  const status: CallView["status"] = ev.phase === "pending" ? "pending" : ev.phase === "start" ? "running" : ev.errno || ev.error ? "failed" : "done";
  // A call's end may name more arguments than its start (strace prints a recv()'s length only once it returns).
  const base: CallView = old && ev.phase === "end" && ev.args.length > old.args.length ? { ...old, args: ev.args } : old ?? {
    id: `${ev.proc}#${ev.seq}`,
    proc: ev.proc,
    pid: ev.pid,
    seq: ev.seq,
    call: ev.call,
    kind: ev.kind ?? "socket",
    args: ev.args,
    status,
    t: ev.t,
  };
  const merged: CallView = { ...base, status: old && old.status !== "pending" && ev.phase === "pending" ? old.status : status };
  const copy = <K extends keyof CallEvent & keyof CallView>(k: K) => {
    if (ev[k] !== undefined) (merged as unknown as Record<string, unknown>)[k] = ev[k];
  };
  for (const k of ["fd", "newFd", "result", "errno", "error", "timedOut", "file", "line", "local", "peer", "peerPid", "bytes", "api", "note", "via", "thread"] as const) copy(k);
  if (ev.phase === "pending") merged.tPending = ev.t;
  else if (ev.phase === "start") merged.tStart = ev.t;
  else merged.tEnd = ev.t;
  if (ev.demoT !== undefined && ev.phase === "start") merged.dStart = ev.demoT;
  else if (ev.demoT !== undefined && ev.phase === "end") merged.dEnd = ev.demoT;
  return merged;
}

function reduceCall(state: DemoState, ev: CallEvent): DemoState {
  const id = `${ev.proc}#${ev.seq}`;
  let call: CallView | undefined;
  let isNew = false;
  let next = withProc(state, ev.proc, (p) => {
    let idx = -1;
    for (let i = p.calls.length - 1; i >= 0; i--) {
      if (p.calls[i]!.seq === ev.seq) {
        idx = i;
        break;
      }
      // Calls finish roughly in order: stop looking far back.
      if (p.calls.length - i > 64) break;
    }
    const old = idx >= 0 ? p.calls[idx] : undefined;
    call = mergeCall(old, ev);
    isNew = !old;
    let calls: CallView[];
    let dropped = p.droppedCalls;
    if (idx >= 0) {
      calls = p.calls.slice();
      calls[idx] = call;
    } else {
      const kept = keepLast([...p.calls, call], state.limits.calls);
      calls = kept.list;
      dropped += kept.dropped;
    }
    const pending = ev.phase === "pending" ? (p.pending.includes(id) ? p.pending : [...p.pending, id]) : p.pending.filter((x) => x !== id);
    // Tracers name files relative to the program's own folder, so the program itself is its base name
    // (a demo may run a sibling demo's program: "../many-clients/client.py").
    const line = call.file === baseName(p.file) && call.line !== undefined && call.kind !== "stdin" ? call.line : p.line;
    return { ...p, pid: ev.pid, calls, droppedCalls: dropped, pending, line, status: p.status === "waiting" ? "running" : p.status };
  });
  if (!call) return state;
  if (isNew) next = placeInTimeline(next, id, effectTime(call), false);
  else if (ev.phase === "end") next = placeInTimeline(next, id, effectTime(call), true);
  if (ev.phase === "end" && call.status === "done") {
    const paired = pairCall(next.pairing, call);
    if (paired.arrows.length || paired.pairing !== next.pairing) {
      const arrows = keepLast([...next.arrows, ...paired.arrows], next.limits.timeline).list;
      next = { ...next, pairing: paired.pairing, arrows };
    }
  }
  return next;
}

const INITIATES = new Set(["connect", "connect_ex", "send", "sendall", "sendto", "shutdown", "close"]);

/** A call that makes packets when it starts (connect, send, close...), rather than returning when packets came. */
export function initiates(call: string): boolean {
  return INITIATES.has(call);
}

/** When a call took effect, for its place in the timeline (see DemoState.timeline). */
export function effectTime(c: CallView): number {
  if (c.status !== "done" && c.status !== "failed") return c.t;
  return INITIATES.has(c.call) ? c.tStart ?? c.t : c.tEnd ?? c.t;
}

function placeInTimeline(state: DemoState, id: string, t: number, move: boolean): DemoState {
  const timeline = state.timeline.slice();
  const times = state.timelineT.slice();
  if (move) {
    const at = timeline.lastIndexOf(id);
    if (at < 0) return state;
    if (times[at] === t) return state;
    timeline.splice(at, 1);
    times.splice(at, 1);
  }
  // Events from two processes arrive slightly out of order: place by time.
  let i = timeline.length;
  while (i > 0 && times[i - 1]! > t) i--;
  timeline.splice(i, 0, id);
  times.splice(i, 0, t);
  const over = timeline.length - state.limits.timeline;
  if (over > 0) {
    timeline.splice(0, over);
    times.splice(0, over);
  }
  return { ...state, timeline, timelineT: times, droppedTimeline: state.droppedTimeline + Math.max(0, over) };
}

/** A call by id (`proc#seq`), while it is still kept. */
export function callById(state: DemoState, id: string): CallView | undefined {
  const hash = id.lastIndexOf("#");
  const proc = state.processes.find((p) => p.name === id.slice(0, hash));
  const seq = Number(id.slice(hash + 1));
  if (!proc) return undefined;
  for (let i = proc.calls.length - 1; i >= 0; i--) if (proc.calls[i]!.seq === seq) return proc.calls[i];
  return undefined;
}

/**
 * A copy that does not keep its source alive: V8 makes a substring a view of the
 * whole chunk it came from, so 1000 kept lines could pin 1000 chunks of 64 KB.
 */
function own(s: string): string {
  return s.length < 16 ? s : Buffer.from(s, "utf8").toString("utf8");
}

function cut(line: string, max: number): string {
  return own(line.length > max ? t("demo.state.cut", { kept: line.slice(0, max), n: line.length - max }) : line);
}

function addOutput(p: ProcView, stream: OutputLine["stream"], text: string, limits: StateLimits): ProcView {
  if (stream === "stdin") {
    const typed = cut(text.replace(/\n$/, ""), limits.lineChars);
    // A prompt waits on the same line, as in a terminal: "reply: bye".
    const line: OutputLine = p.partial.stdout ? { stream: "stdout", text: p.partial.stdout, input: typed } : { stream, text: typed };
    const kept = keepLast([...p.output, line], limits.outputLines);
    return { ...p, output: kept.list, partial: { ...p.partial, stdout: "" }, droppedOutputLines: p.droppedOutputLines + kept.dropped };
  }
  const parts = (p.partial[stream] + text).split("\n");
  let rest = parts.pop()!;
  const pieces: string[] = [];
  while (rest.length > limits.lineChars) {
    // A line that never ends is shown in pieces rather than held without bound.
    pieces.push(rest.slice(0, limits.lineChars));
    rest = rest.slice(limits.lineChars);
  }
  rest = own(rest);
  // Only the last `outputLines` lines can be kept: copy just those.
  const all = parts.length + pieces.length;
  const skip = Math.max(0, all - limits.outputLines);
  const fresh: OutputLine[] = [];
  for (let i = skip; i < all; i++) fresh.push({ stream, text: i < parts.length ? cut(parts[i]!.replace(/\r$/, ""), limits.lineChars) : own(pieces[i - parts.length]!) });
  const kept = keepLast(skip ? fresh : [...p.output, ...fresh], limits.outputLines);
  const dropped = skip ? skip + p.output.length : kept.dropped;
  return {
    ...p,
    output: kept.list,
    partial: { ...p.partial, [stream]: rest },
    droppedOutputLines: p.droppedOutputLines + dropped,
    outputBytes: p.outputBytes + Buffer.byteLength(text),
  };
}

function flushPartial(p: ProcView, limits: StateLimits): ProcView {
  const lines: OutputLine[] = [];
  for (const stream of ["stdout", "stderr"] as const) if (p.partial[stream]) lines.push({ stream, text: p.partial[stream] });
  if (!lines.length) return p;
  const kept = keepLast([...p.output, ...lines], limits.outputLines);
  return { ...p, output: kept.list, partial: { stdout: "", stderr: "" }, droppedOutputLines: p.droppedOutputLines + kept.dropped };
}

/** The process paused longest, whose pending call a "continue" releases. */
export function oldestPending(state: DemoState): { proc: string; call: CallView } | undefined {
  let best: { proc: string; call: CallView } | undefined;
  for (const p of state.processes) {
    const id = p.pending[0];
    const call = id ? callById(state, id) : undefined;
    if (call && (!best || (call.tPending ?? call.t) < (best.call.tPending ?? best.call.t))) best = { proc: p.name, call };
  }
  return best;
}

export function procByName(state: DemoState, name: string): ProcView | undefined {
  return state.processes.find((p) => p.name === name);
}
