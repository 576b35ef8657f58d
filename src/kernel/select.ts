import { endpointPort } from "./addr.js";
import type { SocketOwner } from "./owners.js";
import type { SocketRow } from "./types.js";

/** Which rows a demo's table shows. */
export interface SocketTableFilter {
  /**
   * The demo's processes; their descendants are included unless `children` is false.
   * A function is called after the kernel's tables are read, just before the owner
   * scan: a process started while the (slow, asynchronous) read was in flight is then
   * included, and a socket it opened is shown with its owner, not as nobody's.
   */
  pids: readonly number[] | (() => readonly number[]);
  /**
   * Ports the demo uses: rows nobody in `pids` owns are shown when their local or
   * remote port is one of these (TIME_WAIT, connections still in an accept queue,
   * sockets of processes that exited or were never in `pids`).
   */
  ports?: number[];
  /** Unix socket paths the demo uses, for the same purpose. */
  paths?: string[];
  children?: boolean;
  /**
   * Fds whose sockets are plumbing, not the demo's (default 0, 1, 2: Node's stdio
   * "pipe"s are Unix socketpairs). The demo engine adds its event/control fds.
   */
  ignoreFds?: number[];
}

/** The filter's pids as of now (see SocketTableFilter.pids). */
export function currentPids(filter: Pick<SocketTableFilter, "pids">): number[] {
  return [...(typeof filter.pids === "function" ? filter.pids() : filter.pids)];
}

/**
 * Keeps the rows the demo owns (filling pid/fd) and the unowned rows on its
 * ports or paths. Pure, so it is tested on fixtures.
 */
export function selectRows(
  all: readonly SocketRow[],
  owners: ReadonlyMap<number, SocketOwner>,
  filter: Pick<SocketTableFilter, "ports" | "paths">,
  hidden: ReadonlySet<number> = new Set(),
): SocketRow[] {
  const ports = new Set(filter.ports ?? []);
  const paths = new Set(filter.paths ?? []);
  const out: SocketRow[] = [];
  for (const row of all) {
    if (row.inode !== 0 && hidden.has(row.inode)) continue;
    const owner = row.inode !== 0 ? owners.get(row.inode) : undefined;
    if (owner) {
      out.push({ ...row, pid: owner.pid, fd: owner.fd });
      continue;
    }
    let match: boolean;
    if (row.proto === "unix") match = (row.local !== "" && paths.has(row.local)) || (row.remote !== "" && paths.has(row.remote));
    else {
      const lp = endpointPort(row.local);
      const rp = endpointPort(row.remote);
      match = (lp !== undefined && ports.has(lp)) || (rp !== undefined && ports.has(rp));
    }
    if (match) out.push(row);
  }
  return out;
}

/**
 * A shown row with an inode but no owner is in doubt: an inode means some process holds
 * the socket (a TIME_WAIT or a connection still in an accept queue has inode 0), so it is
 * either another program's socket on the demo's port, or one of the demo's own that was
 * opened or closed between the table read and the owner scan. `again` is a second read
 * of the table and `owners` a second scan, both made after the first scan: a doubtful
 * row whose socket is gone from `again` was closed meanwhile and is dropped; one that
 * the second scan finds gets its owner; one held only at plumbing fds is dropped; the
 * rest are truly nobody's in the demo. Pure, so it is tested on fixtures.
 */
export function settleDoubtful(rows: readonly SocketRow[], again: readonly SocketRow[], owners: ReadonlyMap<number, SocketOwner>, hidden: ReadonlySet<number> = new Set()): SocketRow[] {
  const present = new Set(again.map((r) => `${r.proto}:${r.inode}`));
  const out: SocketRow[] = [];
  for (const row of rows) {
    if (!isDoubtful(row)) {
      out.push(row);
      continue;
    }
    if (!present.has(`${row.proto}:${row.inode}`) || hidden.has(row.inode)) continue;
    const owner = owners.get(row.inode);
    out.push(owner ? { ...row, pid: owner.pid, fd: owner.fd } : row);
  }
  return out;
}

/** See settleDoubtful. */
export function isDoubtful(row: SocketRow): boolean {
  return row.pid === undefined && row.inode !== 0;
}

const PROTO_RANK: Readonly<Record<SocketRow["proto"], number>> = { tcp: 0, tcp6: 1, udp: 2, udp6: 3, unix: 4 };

/** Listening rows come first: TCP/Unix LISTEN, and bound unconnected UDP (ss -l lists those too). */
export function isListening(row: SocketRow): boolean {
  return row.state === "LISTEN" || (row.state === "UNCONN" && (row.proto === "udp" || row.proto === "udp6"));
}

function splitEndpoint(ep: string): [string, number] {
  const m = /^(.*):(\d+|\*)$/.exec(ep);
  if (!m) return [ep, -1];
  return [m[1], m[2] === "*" ? 0 : Number(m[2])];
}

function compareEndpoints(a: string, b: string): number {
  const [ha, pa] = splitEndpoint(a);
  const [hb, pb] = splitEndpoint(b);
  if (ha !== hb) return ha < hb ? -1 : 1;
  return pa - pb;
}

/**
 * A stable order for a live view: listening first, then protocol, local address,
 * remote address, inode. A socket keeps its place as its state changes
 * (ESTABLISHED → CLOSE_WAIT → TIME_WAIT) because state is not a key past "listening".
 */
export function compareRows(a: SocketRow, b: SocketRow): number {
  const la = isListening(a) ? 0 : 1;
  const lb = isListening(b) ? 0 : 1;
  if (la !== lb) return la - lb;
  if (a.proto !== b.proto) return PROTO_RANK[a.proto] - PROTO_RANK[b.proto];
  const l = compareEndpoints(a.local, b.local);
  if (l !== 0) return l;
  const r = compareEndpoints(a.remote, b.remote);
  if (r !== 0) return r;
  if (a.inode !== b.inode) return a.inode - b.inode;
  return (a.fd ?? -1) - (b.fd ?? -1);
}

export function sortRows(rows: SocketRow[]): SocketRow[] {
  return rows.sort(compareRows);
}
