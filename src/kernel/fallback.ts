import { lsofArgs, lsofToRows, parseLsofFields } from "./lsof.js";
import { parseNetstatInet, parseNetstatListenQueues, type NetstatRow, type NetstatStyle } from "./netstat.js";
import { runCommand } from "./run.js";
import { selectRows, type SocketTableFilter } from "./select.js";
import type { SocketRow } from "./types.js";

/**
 * The socket table without /proc/net (macOS, the BSDs; on Linux only when
 * /proc/net cannot be read, or when a test asks for it):
 *   1. `lsof -F` lists the sockets the demo's processes hold: owner pid/fd,
 *      addresses, TCP state, and queue lengths where the platform reports them.
 *   2. `netstat -an` adds the queue bytes lsof lacks and the rows nobody owns
 *      (TIME_WAIT...) on the demo's ports, matched by addresses.
 *   3. `netstat -Lan` (BSD/macOS only) gives listeners' accept queue and backlog.
 * Unix sockets get path and owner from lsof; their queues stay `unknown`.
 * Much slower than /proc (lsof scans the processes; ~tens of ms on macOS), so
 * poll less often there. Written from the tools' documented formats and tested
 * on sample text; on macOS it has not been run.
 */

export interface FallbackResult {
  rows: SocketRow[];
  source: string;
  error?: string;
}

/** Descendants of `pids` from `ps -A -o pid= -o ppid=` (POSIX), for systems without /proc. */
export async function psDescendants(pids: readonly number[]): Promise<number[]> {
  const r = await runCommand("ps", ["-A", "-o", "pid=", "-o", "ppid="]);
  if (r.code !== 0) return [...pids];
  return descendantsFromPs(r.stdout, pids);
}

export function descendantsFromPs(psText: string, pids: readonly number[]): number[] {
  const children = new Map<number, number[]>();
  for (const line of psText.split("\n")) {
    const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(line);
    if (!m) continue;
    const list = children.get(Number(m[2])) ?? [];
    list.push(Number(m[1]));
    children.set(Number(m[2]), list);
  }
  const out: number[] = [];
  const seen = new Set<number>();
  const queue = [...pids];
  while (queue.length > 0 && out.length < 512) {
    const pid = queue.shift() as number;
    if (seen.has(pid)) continue;
    seen.add(pid);
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** lsof lists a socket once per fd holding it: keep one row per socket, at a fd that is not plumbing. */
export function ownedRows(rows: readonly SocketRow[], ignoreFds: readonly number[]): SocketRow[] {
  const ignore = new Set(ignoreFds);
  const seen = new Set<number>();
  const out: SocketRow[] = [];
  for (const r of rows) {
    if (r.fd !== undefined && ignore.has(r.fd)) continue;
    if (r.inode !== 0) {
      if (seen.has(r.inode)) continue;
      seen.add(r.inode);
    }
    out.push(r);
  }
  return out;
}

function key(proto: string, local: string, remote: string): string {
  return `${proto}|${local}|${remote}`;
}

/** Joins lsof's owned rows with netstat's figures and adds netstat's unowned rows on the demo's ports. Pure. */
export function mergeFallback(owned: SocketRow[], netstat: readonly NetstatRow[], listenQueues: ReturnType<typeof parseNetstatListenQueues>, filter: Pick<SocketTableFilter, "ports" | "paths">): SocketRow[] {
  const byKey = new Map<string, NetstatRow>();
  for (const n of netstat) byKey.set(key(n.proto, n.local, n.remote), n);
  const used = new Set<NetstatRow>();
  const rows = owned.map((row) => {
    if (row.proto === "unix") return row;
    const n = byKey.get(key(row.proto, row.local, row.remote));
    if (n) used.add(n);
    const out: SocketRow = { ...row };
    let unknown = row.unknown ?? [];
    if (out.state === "LISTEN") {
      const port = Number(out.local.slice(out.local.lastIndexOf(":") + 1));
      const q = listenQueues.find((l) => l.port === port);
      if (q) {
        out.recvQ = q.qlen;
        out.sendQ = q.maxqlen;
        unknown = unknown.filter((u) => u !== "recvQ" && u !== "sendQ");
      }
    } else if (n) {
      if (unknown.includes("recvQ")) out.recvQ = n.recvQ;
      if (unknown.includes("sendQ")) out.sendQ = n.sendQ;
      if (unknown.includes("state")) out.state = n.state;
      unknown = unknown.filter((u) => u !== "recvQ" && u !== "sendQ" && u !== "state");
    }
    if (unknown.length > 0) out.unknown = unknown;
    else delete out.unknown;
    return out;
  });
  const unowned: SocketRow[] = netstat
    .filter((n) => !used.has(n))
    .map((n) => ({ proto: n.proto, local: n.local, remote: n.remote, state: n.state, recvQ: n.recvQ, sendQ: n.sendQ, inode: 0 }));
  // netstat rows of the demo's own sockets that lsof missed are not "unowned"; only port matches count
  return [...rows, ...selectRows(unowned, new Map(), { ports: filter.ports, paths: [] })];
}

/**
 * Reads the table with lsof + netstat. `pids` must already include descendants.
 * Returns rows: [] and an error when lsof is missing or fails.
 */
export async function readFallbackTable(pids: readonly number[], filter: Pick<SocketTableFilter, "ports" | "paths" | "ignoreFds">, style: NetstatStyle): Promise<FallbackResult> {
  if (pids.length === 0) return { rows: [], source: "lsof" };
  const [lsof, netstat, listen] = await Promise.all([
    runCommand("lsof", lsofArgs(pids)),
    runCommand("netstat", ["-an"]),
    style === "bsd" ? runCommand("netstat", ["-Lan"]) : Promise.resolve(undefined),
  ]);
  let lsofOut = lsof;
  const failedLoudly = (r: typeof lsof) => r.failure === undefined && r.code !== 0 && r.stdout === "" && r.stderr.trim() !== "";
  // a dialect without queue reporting rejects "-T qs": ask again for states only
  if (failedLoudly(lsof)) lsofOut = await runCommand("lsof", lsofArgs(pids, false));
  if (lsofOut.failure === "not found") {
    return { rows: [], source: "none", error: "no socket table: this system has no /proc/net and lsof is not installed" };
  }
  if (lsofOut.failure) return { rows: [], source: "lsof", error: `lsof failed: ${lsofOut.failure}` };
  // lsof exits 1 both when it found nothing (no sockets yet, a pid gone) and on real errors;
  // only an error message with no output at all counts as a failure
  if (failedLoudly(lsofOut)) return { rows: [], source: "lsof", error: `lsof failed: ${lsofOut.stderr.trim().split("\n")[0]}` };
  const owned = ownedRows(lsofToRows(parseLsofFields(lsofOut.stdout)), filter.ignoreFds ?? [0, 1, 2]);
  const ns = netstat.code === 0 ? parseNetstatInet(netstat.stdout, style) : [];
  const lq = listen && listen.code === 0 ? parseNetstatListenQueues(listen.stdout) : [];
  const source = netstat.code === 0 ? "lsof + netstat" : "lsof";
  return { rows: mergeFallback(owned, ns, lq, filter), source };
}
