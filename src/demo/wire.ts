/**
 * The wire's part of the demo state: packets as the views show them, reduced from
 * PacketEvents by pure functions (state.ts calls them; the old state is never changed).
 *
 * Per TCP connection (a "flow", by its two endpoints) it keeps its number in the run,
 * and per end: the initial sequence number (so seq and ack count from the connection's
 * start, 0 for the SYN and 1 for the first byte, as Wireshark shows them), the next
 * sequence number that end has sent (a segment starting below it is a
 * retransmission), when it last sent each recent segment (so a retransmission says how
 * long after), and the window scale the handshake agreed.
 *
 * Endpoints are named by the run's processes ("server", "client 1"): from the addresses
 * in the calls (a connect() that returned knows its local address) and in the kernel
 * table (a row's owner). A SYN from an address no call names yet (a connect() still
 * waiting, as past a full backlog, or one refused) is given to the connect() that was
 * running, not yet given an address, when the SYN left.
 *
 * Everything is bounded by WireLimits: a 100 MB transfer costs a fixed amount of memory.
 */
import type { IcmpHeader, PacketEvent, PacketGapEvent, PacketProto } from "./events.js";

export interface WireLimits {
  /** Packets kept (oldest dropped first). */
  packets: number;
  /** TCP connections whose numbering is kept; an older one's later packets count as a new connection. */
  flows: number;
  /** Endpoint names and SYN attributions kept. */
  names: number;
}

export const DEFAULT_WIRE_LIMITS: WireLimits = { packets: 2000, flows: 256, names: 512 };

/** What an ICMP message means, for the views' words. */
export type IcmpMeaning = "port-unreachable" | "host-unreachable" | "unreachable" | "time-exceeded" | "echo-request" | "echo-reply" | "other";

/** One packet, as the views show it. */
export interface PacketView {
  /** `packet#<n>`: unique within a run, beside the calls' `proc#seq`. */
  id: string;
  n: number;
  t: number;
  ip: 4 | 6;
  proto: PacketProto;
  /** Normalized endpoints ("127.0.0.1:8000", "[::1]:8000"; an IPv4-mapped address as plain IPv4). */
  src: string;
  dst: string;
  size: number;
  bytes: number;
  preview?: string;
  /** TCP: the flags in words, as the views write them: "SYN", "SYN+ACK", "ACK", "PSH+ACK", "FIN+ACK", "RST", "RST+ACK". */
  flags?: string;
  /** TCP: relative to the connection's start (see the module comment). `ack` only when the ACK flag is set. */
  seq?: number;
  ack?: number;
  /** TCP: the receive window in bytes, scaled once the handshake agreed a scale. */
  win?: number;
  mss?: number;
  wscale?: number;
  /** TCP: the connection's number in this run, from 1. */
  conn?: number;
  /** TCP: this end sent this segment before; `after`: ms since it last did. */
  retransmission?: { after?: number };
  icmp?: IcmpHeader & { meaning: IcmpMeaning };
  ipProto?: number;
}

interface SentSegment {
  seq: number;
  t: number;
}

interface FlowEnd {
  isn: number;
  next: number;
  /** The window scale this end offered in its SYN (undefined: none offered). */
  wscale?: number;
  /** The last few segments that carried sequence space, for the time since a retransmission's original. */
  sent: SentSegment[];
}

export interface Flow {
  key: string;
  conn: number;
  ends: Record<string, FlowEnd>;
}

/** A SYN whose sender no call names yet. */
export interface UnnamedSyn {
  addr: string;
  dst: string;
  t: number;
}

export interface WireState {
  /** off: no capture reported yet (or this run has none); unavailable: `reason` says why. */
  status: "off" | "capturing" | "unavailable";
  reason?: string;
  packets: PacketView[];
  /** Packets received but no longer kept (over `limits.packets`). */
  droppedPackets: number;
  /** Packets on the wire not reported one by one (see PacketGapEvent), and their payload bytes. */
  missed: { budget: number; kernel: number; bytes: number };
  flows: Flow[];
  /** Connections numbered so far. */
  conns: number;
  /** Endpoint -> the process it belongs to. */
  names: Record<string, string>;
  /** connect() call id -> the SYN source given to it. */
  claims: Record<string, string>;
  unnamed: UnnamedSyn[];
}

export function emptyWire(): WireState {
  return { status: "off", packets: [], droppedPackets: 0, missed: { budget: 0, kernel: 0, bytes: 0 }, flows: [], conns: 0, names: {}, claims: {}, unnamed: [] };
}

/** "[::ffff:127.0.0.1]:5000" -> "127.0.0.1:5000": the kernel and Python name an IPv4 peer of a dual-stack socket so; packets do not. */
export function normalizeEndpoint(addr: string): string {
  const mapped = /^\[::ffff:(\d+\.\d+\.\d+\.\d+)\]:(\d+)$/i.exec(addr);
  return mapped ? `${mapped[1]}:${mapped[2]}` : addr;
}

const INET = /^(?:\d+\.\d+\.\d+\.\d+|\[[0-9a-fA-F:.]+\]):(\d+)$/;

function portOf(addr: string): string | undefined {
  return INET.exec(addr)?.[1];
}

/** The process an endpoint belongs to, when known: exactly, or through a wildcard bind (0.0.0.0:8000, [::]:8000). */
export function wireName(w: Pick<WireState, "names">, addr: string): string | undefined {
  const exact = w.names[addr];
  if (exact !== undefined) return exact;
  const port = portOf(addr);
  if (port === undefined || port === "0") return undefined;
  // A dual-stack [::] socket also receives IPv4.
  return addr.startsWith("[") ? w.names[`[::]:${port}`] : w.names[`0.0.0.0:${port}`] ?? w.names[`[::]:${port}`];
}

/** The wire state with `addr` named `proc` (the same object when nothing changes). */
export function learnName(w: WireState, addr: string | undefined, proc: string, limits: WireLimits): WireState {
  if (!addr) return w;
  const a = normalizeEndpoint(addr);
  const port = portOf(a);
  if (port === undefined || port === "0" || w.names[a] === proc) return w;
  const names = boundedSet(w.names, a, proc, limits.names);
  const unnamed = w.unnamed.filter((u) => u.addr !== a);
  return { ...w, names, unnamed: unnamed.length === w.unnamed.length ? w.unnamed : unnamed };
}

function boundedSet(record: Record<string, string>, key: string, value: string, max: number): Record<string, string> {
  const out = { ...record };
  delete out[key];
  out[key] = value;
  const keys = Object.keys(out);
  for (let i = 0; i < keys.length - max; i++) delete out[keys[i]!];
  return out;
}

/** A connect() as the attribution of SYNs needs it. */
export interface ConnectCall {
  id: string;
  proc: string;
  call: string;
  status: "pending" | "running" | "done" | "failed";
  local?: string;
  peer?: string;
  args: string[];
  tStart?: number;
}

/**
 * The tracers' clocks and the kernel's agree to some microseconds (socket_tutor_capture.py,
 * CLOCK; measured here: Node's stamps within 10 µs of the kernel's, Python's on the very
 * same clock): within this much, cause decides the order of a call and a packet.
 */
export const CLOCK_SLACK_MS = 0.05;

const UNNAMED_FOR_MS = 5000;

/** "('127.0.0.1', 8000)" or "('::1', 8000, 0, 0)", Python's connect() argument, as an endpoint. */
function pythonAddress(args: readonly string[]): string | undefined {
  const m = /^\('([^']+)', (\d+)/.exec(args[0] ?? "");
  if (!m) return undefined;
  return m[1]!.includes(":") ? `[${m[1]}]:${m[2]}` : `${m[1]}:${m[2]}`;
}

/**
 * Gives each unnamed SYN source to a connect() that could have sent it: running or
 * finished, started before the SYN, without an address of its own yet, to that
 * destination when it names one, and not given a SYN already. The latest such start
 * wins (the SYN leaves at once).
 */
export function attributeSyns(w: WireState, calls: readonly ConnectCall[], limits: WireLimits, now: number): WireState {
  if (w.unnamed.length === 0) return w;
  let next = w;
  for (const u of w.unnamed) {
    // A SYN no call claimed within seconds never will be (a program that is not traced): stop looking.
    if (wireName(next, u.addr) !== undefined || now - u.t > UNNAMED_FOR_MS) {
      next = { ...next, unnamed: next.unnamed.filter((x) => x !== u) };
      continue;
    }
    let best: ConnectCall | undefined;
    for (const c of calls) {
      if ((c.call !== "connect" && c.call !== "connect_ex") || c.status === "pending" || c.tStart === undefined) continue;
      if (c.tStart > u.t + CLOCK_SLACK_MS || next.claims[c.id] !== undefined) continue;
      if (c.local !== undefined && normalizeEndpoint(c.local) !== u.addr && portOf(normalizeEndpoint(c.local)) !== "0") continue;
      const to = c.peer !== undefined ? normalizeEndpoint(c.peer) : pythonAddress(c.args);
      if (to !== undefined && to !== u.dst) continue;
      if (!best || c.tStart > best.tStart!) best = c;
    }
    if (!best) continue;
    next = learnName(next, u.addr, best.proc, limits);
    next = { ...next, claims: boundedSet(next.claims, best.id, u.addr, limits.names), unnamed: next.unnamed.filter((x) => x !== u) };
  }
  return next;
}

// ---- packets ----

const FLAG_WORDS: [string, string][] = [
  ["S", "SYN"],
  ["F", "FIN"],
  ["R", "RST"],
  ["P", "PSH"],
  ["A", "ACK"],
  ["U", "URG"],
  ["E", "ECE"],
  ["C", "CWR"],
];

/** "SA" -> "SYN+ACK", "FPA" -> "FIN+PSH+ACK": the order the views use whatever order the letters come in. */
export function flagWords(letters: string): string {
  const words = FLAG_WORDS.filter(([l]) => letters.includes(l)).map(([, w]) => w);
  return words.length ? words.join("+") : "none";
}

/** a < b in sequence space (mod 2^32). */
function seqBefore(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

const u32 = (x: number): number => x >>> 0;

function icmpMeaning(ip: 4 | 6, type: number, code: number): IcmpMeaning {
  if (ip === 4) {
    if (type === 3) return code === 3 ? "port-unreachable" : code === 1 ? "host-unreachable" : "unreachable";
    if (type === 11) return "time-exceeded";
    if (type === 8) return "echo-request";
    if (type === 0) return "echo-reply";
    return "other";
  }
  if (type === 1) return code === 4 ? "port-unreachable" : code === 3 ? "host-unreachable" : "unreachable";
  if (type === 3) return "time-exceeded";
  if (type === 128) return "echo-request";
  if (type === 129) return "echo-reply";
  return "other";
}

function keepLast<T>(list: T[], item: T, max: number): { list: T[]; dropped: number } {
  const over = list.length + 1 - max;
  if (over <= 0) return { list: [...list, item], dropped: 0 };
  return { list: [...list.slice(over), item], dropped: over };
}

/** Applies one packet: its view is appended (relative numbers, retransmission, window) and its connection updated. */
export function reducePacket(w: WireState, ev: PacketEvent, limits: WireLimits): WireState {
  const src = normalizeEndpoint(ev.src);
  const dst = normalizeEndpoint(ev.dst);
  const view: PacketView = { id: `packet#${ev.n}`, n: ev.n, t: ev.t, ip: ev.ip, proto: ev.proto, src, dst, size: ev.size, bytes: ev.bytes };
  if (ev.preview !== undefined) view.preview = ev.preview;
  if (ev.ipProto !== undefined) view.ipProto = ev.ipProto;
  let next = w;
  if (ev.tcp) next = tcpStep(next, ev, view, limits);
  if (ev.icmp) {
    view.icmp = { ...ev.icmp, meaning: icmpMeaning(ev.ip, ev.icmp.type, ev.icmp.code) };
    if (ev.icmp.about) view.icmp.about = { ...ev.icmp.about, src: normalizeEndpoint(ev.icmp.about.src), dst: normalizeEndpoint(ev.icmp.about.dst) };
  }
  const kept = keepLast(next.packets, view, limits.packets);
  return { ...next, packets: kept.list, droppedPackets: next.droppedPackets + kept.dropped };
}

function tcpStep(w: WireState, ev: PacketEvent, view: PacketView, limits: WireLimits): WireState {
  const tcp = ev.tcp!;
  const src = view.src;
  const dst = view.dst;
  const syn = tcp.flags.includes("S");
  const ackSet = tcp.flags.includes("A");
  const fin = tcp.flags.includes("F");
  const key = src < dst ? `${src}|${dst}` : `${dst}|${src}`;
  let flows = w.flows;
  let at = -1;
  for (let i = flows.length - 1; i >= 0; i--) {
    if (flows[i]!.key === key) {
      at = i;
      break;
    }
  }
  let flow = at >= 0 ? flows[at] : undefined;
  let conns = w.conns;
  // A SYN with another initial sequence number: a new connection on the same two ports.
  if (flow && syn && !ackSet && flow.ends[src] && flow.ends[src]!.isn !== tcp.seq) flow = undefined;
  if (!flow) {
    conns++;
    flow = { key, conn: conns, ends: {} };
  }
  const seen = flow.ends[src];
  const me: FlowEnd = seen ? { ...seen } : { isn: syn ? tcp.seq : u32(tcp.seq - 1), next: tcp.seq, sent: [] };
  if (syn) me.wscale = tcp.wscale;
  let other = flow.ends[dst];
  if (ackSet && !other) other = { isn: u32(tcp.ack - 1), next: tcp.ack, sent: [] };

  const length = ev.bytes + (syn ? 1 : 0) + (fin ? 1 : 0);
  if (length > 0) {
    if (seen && seqBefore(tcp.seq, seen.next)) {
      const before = seen.sent.find((s) => s.seq === tcp.seq);
      view.retransmission = before ? { after: ev.t - before.t } : {};
    }
    const end = u32(tcp.seq + length);
    if (seqBefore(me.next, end)) me.next = end;
    const sent = me.sent.filter((s) => s.seq !== tcp.seq);
    sent.push({ seq: tcp.seq, t: ev.t });
    me.sent = sent.length > 8 ? sent.slice(sent.length - 8) : sent;
  }

  view.flags = flagWords(tcp.flags);
  view.seq = u32(tcp.seq - me.isn);
  if (ackSet && other) view.ack = u32(tcp.ack - other.isn);
  // The scale applies once both ends offered one in their SYNs, and never to a SYN itself.
  view.win = !syn && me.wscale !== undefined && other?.wscale !== undefined ? tcp.win * 2 ** me.wscale : tcp.win;
  if (tcp.mss !== undefined) view.mss = tcp.mss;
  if (tcp.wscale !== undefined) view.wscale = tcp.wscale;
  view.conn = flow.conn;

  const ends: Record<string, FlowEnd> = { ...flow.ends, [src]: me };
  if (other) ends[dst] = other;
  const updated: Flow = { ...flow, ends };
  flows = at >= 0 ? [...flows.slice(0, at), ...flows.slice(at + 1), updated] : [...flows, updated];
  if (flows.length > limits.flows) flows = flows.slice(flows.length - limits.flows);

  let unnamed = w.unnamed;
  if (syn && !ackSet && wireName(w, src) === undefined && !unnamed.some((u) => u.addr === src)) {
    unnamed = [...unnamed, { addr: src, dst, t: ev.t }];
    if (unnamed.length > 16) unnamed = unnamed.slice(unnamed.length - 16);
  }
  return { ...w, flows, conns, unnamed };
}

export function reduceGap(w: WireState, ev: PacketGapEvent): WireState {
  const missed = { ...w.missed };
  if (ev.cause === "kernel") missed.kernel += ev.count;
  else missed.budget += ev.count;
  missed.bytes += ev.bytes ?? 0;
  return { ...w, missed };
}
