/**
 * Arrows for the timeline: which connect() met which accept(), and which recv()
 * got the bytes of which send(). Pure functions over finished calls.
 *
 * - connect <-> accept: the client's local address is the peer accept() returned
 *   (and the other way round). Unix sockets have no client address: the path and,
 *   in Python, each side's peer pid (SO_PEERCRED) pair them; Node has no peer pid,
 *   so its Unix connections pair first come, first served on the path.
 * - TCP data is a byte stream: bytes are matched in order on each direction of a
 *   connection, so one send can feed two recvs and two sends one recv, as it happens.
 * - UDP: one datagram per sendto/recvfrom, first come first served per direction,
 *   preferring one of the same size (a dropped datagram never finds its recvfrom).
 */

export interface Arrow {
  kind: "connect" | "data";
  /** Call ids (`proc#seq`): connect -> accept, send -> recv. */
  from: string;
  to: string;
  /** Data arrows: bytes of `from` that `to` received. */
  bytes?: number;
}

interface Endpoint {
  id: string;
  local: string;
  peer: string;
  pid: number;
  peerPid?: number;
}

interface Chunk {
  id: string;
  bytes: number;
}

export interface Pairing {
  connects: Endpoint[];
  accepts: Endpoint[];
  /** Per direction `from>to`: bytes sent but not yet received, and received before their send was seen. */
  sent: Record<string, Chunk[]>;
  received: Record<string, Chunk[]>;
}

export function emptyPairing(): Pairing {
  return { connects: [], accepts: [], sent: {}, received: {} };
}

/** The fields of a finished call that pairing reads. */
export interface PairableCall {
  id: string;
  call: string;
  pid: number;
  local?: string;
  peer?: string;
  peerPid?: number;
  bytes?: number;
}

const SENDS = new Set(["send", "sendall", "sendto"]);
const RECVS = new Set(["recv", "recv_into", "recvfrom", "recvfrom_into"]);
const DATAGRAM = new Set(["sendto", "recvfrom", "recvfrom_into"]);
const MAX_QUEUE = 256;

function isInet(addr: string): boolean {
  return /^(\[[0-9a-fA-F:.]*\]|\d+\.\d+\.\d+\.\d+):\d+$/.test(addr);
}

/** 0.0.0.0:5000 (an implicitly bound UDP socket) means "this host": use the loopback of the other end's family. */
function concrete(addr: string, other: string): string {
  const m = /^(0\.0\.0\.0|\[::\]):(\d+)$/.exec(addr);
  if (!m) return addr;
  const v6 = other.startsWith("[");
  return v6 ? `[::1]:${m[2]}` : `127.0.0.1:${m[2]}`;
}

/** Who is at each end, as the direction key names it: the address, or the pid for an unnamed Unix socket. */
function names(c: PairableCall): { me: string; them: string } | undefined {
  const local = c.local ?? "";
  const peer = c.peer ?? "";
  if (isInet(local) || isInet(peer)) {
    if (!local || !peer) return undefined;
    return { me: concrete(local, peer), them: concrete(peer, local) };
  }
  const path = local || peer;
  if (!path) return undefined;
  // Unix: the named end is the path; the unnamed end is a pid (or unknown in Node).
  const me = local ? `${path}` : `pid:${c.pid}`;
  const them = peer ? `${path}` : c.peerPid ? `pid:${c.peerPid}` : "pid:?";
  return { me, them };
}

function take<T>(list: T[], match: (x: T) => boolean): { item?: T; rest: T[] } {
  const i = list.findIndex(match);
  if (i < 0) return { rest: list };
  return { item: list[i], rest: [...list.slice(0, i), ...list.slice(i + 1)] };
}

function push<T>(list: T[], item: T): T[] {
  const out = [...list, item];
  return out.length > MAX_QUEUE ? out.slice(out.length - MAX_QUEUE) : out;
}

function connectMatches(conn: Endpoint, acc: Endpoint): boolean {
  if (isInet(conn.local) || isInet(acc.peer)) return conn.local === acc.peer && conn.peer === acc.local;
  if (conn.peer !== acc.local) return false;
  // Unix: pids must agree where both are known.
  if (conn.peerPid !== undefined && conn.peerPid !== acc.pid) return false;
  if (acc.peerPid !== undefined && acc.peerPid !== conn.pid) return false;
  return true;
}

/** Any data direction key containing an unknown pid matches on the path alone. */
function keyMatches(a: string, b: string): boolean {
  if (a === b) return true;
  if (!a.includes("pid:?") && !b.includes("pid:?")) return false;
  const [af, at] = a.split(">");
  const [bf, bt] = b.split(">");
  const part = (x = "", y = "") => x === y || x === "pid:?" || y === "pid:?";
  return part(af, bf) && part(at, bt);
}

function findKey(map: Record<string, Chunk[]>, key: string): string | undefined {
  if (map[key]?.length) return key;
  return Object.keys(map).find((k) => map[k]!.length > 0 && keyMatches(k, key));
}

/** Feeds one finished call; returns the arrows it completes and the new pairing state. */
export function pairCall(state: Pairing, c: PairableCall): { pairing: Pairing; arrows: Arrow[] } {
  if (c.call === "connect" || c.call === "accept") {
    const ep: Endpoint = { id: c.id, local: c.local ?? "", peer: c.peer ?? "", pid: c.pid, peerPid: c.peerPid };
    if (c.call === "connect") {
      if (!ep.peer) return { pairing: state, arrows: [] };
      const { item, rest } = take(state.accepts, (a) => connectMatches(ep, a));
      if (item) return { pairing: { ...state, accepts: rest }, arrows: [{ kind: "connect", from: ep.id, to: item.id }] };
      return { pairing: { ...state, connects: push(state.connects, ep) }, arrows: [] };
    }
    const { item, rest } = take(state.connects, (cn) => connectMatches(cn, ep));
    if (item) return { pairing: { ...state, connects: rest }, arrows: [{ kind: "connect", from: item.id, to: ep.id }] };
    return { pairing: { ...state, accepts: push(state.accepts, ep) }, arrows: [] };
  }
  const isSend = SENDS.has(c.call);
  if (!isSend && !RECVS.has(c.call)) return { pairing: state, arrows: [] };
  const bytes = c.bytes ?? 0;
  if (bytes <= 0) return { pairing: state, arrows: [] };
  const n = names(c);
  if (!n) return { pairing: state, arrows: [] };
  const key = isSend ? `${n.me}>${n.them}` : `${n.them}>${n.me}`;
  const datagram = DATAGRAM.has(c.call);
  const own: Chunk = { id: c.id, bytes };
  const otherMap = isSend ? state.received : state.sent;
  const ownMap = isSend ? state.sent : state.received;
  const arrows: Arrow[] = [];
  const otherKey = findKey(otherMap, key);
  let queue = otherKey ? otherMap[otherKey]!.slice() : [];

  if (datagram) {
    let i = queue.findIndex((q) => q.bytes === bytes);
    if (i < 0 && queue.length) i = 0;
    if (i >= 0) {
      const other = queue[i]!;
      queue.splice(i, 1);
      arrows.push(isSend ? { kind: "data", from: c.id, to: other.id, bytes: Math.min(bytes, other.bytes) } : { kind: "data", from: other.id, to: c.id, bytes: Math.min(bytes, other.bytes) });
      return { pairing: { ...state, [isSend ? "received" : "sent"]: { ...otherMap, [otherKey!]: queue } }, arrows };
    }
    return { pairing: { ...state, [isSend ? "sent" : "received"]: { ...ownMap, [key]: push(ownMap[key] ?? [], own) } }, arrows };
  }

  let left = bytes;
  while (left > 0 && queue.length) {
    const head = queue[0]!;
    const used = Math.min(left, head.bytes);
    arrows.push(isSend ? { kind: "data", from: c.id, to: head.id, bytes: used } : { kind: "data", from: head.id, to: c.id, bytes: used });
    left -= used;
    if (used === head.bytes) queue = queue.slice(1);
    else queue = [{ id: head.id, bytes: head.bytes - used }, ...queue.slice(1)];
  }
  let pairing: Pairing = state;
  if (otherKey) pairing = { ...pairing, [isSend ? "received" : "sent"]: { ...otherMap, [otherKey]: queue } };
  if (left > 0) {
    const map = isSend ? pairing.sent : pairing.received;
    pairing = { ...pairing, [isSend ? "sent" : "received"]: { ...map, [key]: push(map[key] ?? [], { id: c.id, bytes: left }) } };
  }
  return { pairing, arrows };
}
