import { readFile } from "node:fs/promises";
import { psDescendants, readFallbackTable } from "./fallback.js";
import { scanSocketOwners, withDescendants } from "./owners.js";
import { parseProcNet, PROC_NET_FILES, type ProcNetFile } from "./proc-net.js";
import { currentPids, isDoubtful, selectRows, settleDoubtful, sortRows, type SocketTableFilter } from "./select.js";
import { readSsDiag, ssCommand, type SsRow } from "./ss.js";
import type { SocketRow, SocketTableSnapshot } from "./types.js";
import { t } from "../text/catalog.js";

export type { SocketTableFilter };

/**
 * The kernel's socket table for a demo's processes, cheap enough to poll
 * every 100–200 ms (see scripts/bench/kernel.ts).
 *
 * Linux: /proc/net/{tcp,tcp6,udp,udp6,unix} (read in parallel off the main
 * thread: the tcp files walk the whole connection hash, ~2 ms each here) and
 * /proc/<pid>/fd for owners. Then, only when a row needs it, one `ss` run for
 * what /proc lacks: listeners' backlog (cached per socket, as it only changes
 * if listen() is called again) and Unix queues/peers (every time Unix rows are
 * shown). Without ss those fields are listed in `row.unknown`, and the
 * snapshot's `unknownReason` says why (a view shows "?", never a false 0).
 * Elsewhere: lsof + netstat (fallback.ts). Where neither works: rows [] and
 * `error` saying why, for the pane to show. Never throws.
 */

export interface ReadSocketTableOptions {
  /** "auto" (default): /proc/net on Linux, lsof elsewhere or when /proc/net is unreadable. */
  source?: "auto" | "proc" | "lsof";
  /** Ask ss for the fields /proc/net lacks (default true; Linux only). */
  ss?: boolean;
  /** A run's private network (sandbox/namespace.ts): its tables, and ss run inside it. */
  netns?: NetNamespace;
}

/** Where a private network's sockets are read: /proc/<pid>/net, and a command that runs ss inside it. */
export interface NetNamespace {
  procNet: string;
  wrap(cmd: string, args: readonly string[]): { cmd: string; args: string[] };
}

/** inode → backlog of TCP listeners, from ss. Pruned to the listeners still present. */
const backlogCache = new Map<number, number>();
/** After ss fails, polls go on without it for a while instead of waiting on it each time. */
let ssRetryAt = 0;
let ssLastError = "";
const SS_RETRY_MS = 5000;

async function readProcNet(files: readonly ProcNetFile[] = PROC_NET_FILES, dir = "/proc/net"): Promise<SocketRow[][] | undefined> {
  const texts = await Promise.all(files.map((f) => readFile(`${dir}/${f}`, "utf8").catch(() => undefined)));
  if (texts.every((t) => t === undefined)) return undefined;
  // a missing file (tcp6 with IPv6 disabled) just has no rows
  return texts.map((t, i) => (t === undefined ? [] : parseProcNet(files[i]!, t)));
}

function dropUnknown(row: SocketRow, fields: ReadonlyArray<NonNullable<SocketRow["unknown"]>[number]>): void {
  if (!row.unknown) return;
  const left = row.unknown.filter((u) => !fields.includes(u));
  if (left.length > 0) row.unknown = left;
  else delete row.unknown;
}

/** Fills the fields /proc/net lacks from ss's rows, joined by inode. Pure: exported for the tests. */
export function applySs(rows: SocketRow[], ss: { tcpListen: readonly SsRow[]; unix: readonly SsRow[] }, unixPathByInode: ReadonlyMap<number, string>): void {
  const backlogs = new Map<number, number>();
  for (const s of ss.tcpListen) if (s.ino) backlogs.set(s.ino, s.sendQ);
  const unixByInode = new Map<number, SsRow>();
  for (const s of ss.unix) if (s.unixInode) unixByInode.set(s.unixInode, s);
  for (const row of rows) {
    if (row.proto !== "unix") {
      const b = row.state === "LISTEN" ? backlogs.get(row.inode) : undefined;
      if (b !== undefined) {
        row.sendQ = b;
        dropUnknown(row, ["sendQ"]);
      }
      continue;
    }
    const s = row.inode !== 0 ? unixByInode.get(row.inode) : undefined;
    if (!s) continue;
    row.recvQ = s.recvQ;
    row.sendQ = s.sendQ;
    if (s.unixPeerInode) {
      row.peerInode = s.unixPeerInode;
      row.remote = unixPathByInode.get(s.unixPeerInode) ?? "";
    }
    dropUnknown(row, ["recvQ", "sendQ", "remote"]);
  }
}

/** Listeners whose backlog an earlier ss run gave. Returns whether any row got one. */
function applyBacklogs(rows: SocketRow[]): boolean {
  let any = false;
  for (const row of rows) {
    if (row.state !== "LISTEN" || row.proto === "unix" || !row.unknown?.includes("sendQ")) continue;
    const b = backlogCache.get(row.inode);
    if (b === undefined) continue;
    row.sendQ = b;
    dropUnknown(row, ["sendQ"]);
    any = true;
  }
  return any;
}

async function readLinux(filter: SocketTableFilter, opts: ReadSocketTableOptions, at: number): Promise<SocketTableSnapshot | undefined> {
  const dir = opts.netns?.procNet ?? "/proc/net";
  const tables = await readProcNet(PROC_NET_FILES, dir);
  if (!tables) return undefined;
  const all = tables.flat();
  // Owners after the tables, and the pids asked for only now: a socket opened in between
  // is then missing for one poll, rather than shown for one poll without its owner. (The
  // read above may take long on a busy machine; a process started meanwhile must count.)
  const scanOpts = { children: filter.children, ignoreFds: filter.ignoreFds };
  const { owners, hidden } = scanSocketOwners(currentPids(filter), scanOpts);
  let rows = selectRows(all, owners, filter, hidden);
  const doubtful = [...new Set(rows.filter(isDoubtful).map((r) => r.proto))];
  if (doubtful.length > 0) {
    // A socket closed between the read and the scan would be shown without its owner.
    // Scan once more, then read its table again: a socket in both reads existed through
    // both scans, so if neither found it, no demo process holds it.
    const rescan = scanSocketOwners(currentPids(filter), scanOpts);
    const again = await readProcNet(doubtful, dir);
    rows = settleDoubtful(rows, again?.flat() ?? [], rescan.owners, rescan.hidden);
  }

  let source = "/proc/net";
  let ssFailed = false;
  if (opts.ss !== false) {
    const listenInodes = new Set(all.filter((r) => r.state === "LISTEN" && r.proto !== "unix").map((r) => r.inode));
    for (const inode of backlogCache.keys()) if (!listenInodes.has(inode)) backlogCache.delete(inode);
    const needListen = rows.some((r) => r.state === "LISTEN" && r.proto !== "unix" && !backlogCache.has(r.inode));
    const needUnix = rows.some((r) => r.proto === "unix" && r.inode !== 0);
    if ((needListen || needUnix) && ssCommand() && Date.now() < ssRetryAt) {
      ssFailed = true;
    } else if ((needListen || needUnix) && ssCommand()) {
      try {
        const ss = await readSsDiag({ tcpListen: needListen, unix: needUnix }, 2000, opts.netns?.wrap);
        const paths = new Map<number, string>();
        for (const r of tables[PROC_NET_FILES.indexOf("unix")]) if (r.inode !== 0) paths.set(r.inode, r.local);
        for (const l of ss.tcpListen) if (l.ino) backlogCache.set(l.ino, l.sendQ);
        applySs(rows, ss, paths);
        source = "/proc/net + ss";
      } catch (e) {
        // the rows stay, with their unknown fields; `error` is for "no rows", so say it in source
        ssLastError = (e as Error).message;
        ssRetryAt = Date.now() + SS_RETRY_MS;
        ssFailed = true;
      }
    }
    if (applyBacklogs(rows) && source === "/proc/net") source = "/proc/net + ss";
  }
  // The source names where the table came from (the view's label); a failed ss says why there.
  if (ssFailed) source = t("kernel.ssFailed", { error: ssLastError });
  const snap: SocketTableSnapshot = { t: at, rows: sortRows(rows), source };
  if (rows.some((r) => r.unknown?.length)) snap.unknownReason = t("kernel.unknownBecause", { why: whySsDidNot(opts, ssFailed) });
  return snap;
}

/** Why ss did not fill a field, for the "?" a view shows. */
function whySsDidNot(opts: ReadSocketTableOptions, failed: boolean): string {
  if (opts.ss === false) return t("kernel.why.notAsked");
  if (!ssCommand()) return t("kernel.why.notInstalled");
  if (failed) return t("kernel.why.failed");
  return t("kernel.why.notListed");
}

export async function readSocketTable(filter: SocketTableFilter, opts: ReadSocketTableOptions = {}): Promise<SocketTableSnapshot> {
  const at = Date.now();
  const source = opts.source ?? "auto";
  try {
    if (process.platform === "win32") {
      return { t: at, rows: [], source: "none", error: t("kernel.windows") };
    }
    if (process.platform === "linux" && source !== "lsof") {
      const snap = await readLinux(filter, opts, at);
      if (snap) return snap;
      if (source === "proc") return { t: at, rows: [], source: "/proc/net", error: t("kernel.noProcNet") };
    }
    const asked = currentPids(filter);
    const pids = filter.children === false ? asked : process.platform === "linux" ? withDescendants(asked) : await psDescendants(asked);
    const r = await readFallbackTable(pids, filter, process.platform === "linux" ? "linux" : "bsd");
    const snap: SocketTableSnapshot = { t: at, rows: sortRows(r.rows), source: r.source };
    if (r.error) snap.error = r.error;
    if (r.rows.some((row) => row.unknown?.length)) snap.unknownReason = t("kernel.notShownBy", { source: r.source });
    return snap;
  } catch (e) {
    return { t: at, rows: [], source: "none", error: t("kernel.unreadable", { error: (e as Error).message }) };
  }
}
