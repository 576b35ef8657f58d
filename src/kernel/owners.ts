import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/**
 * Which process holds which socket, on Linux: every open socket is a link
 * `/proc/<pid>/fd/<fd> -> socket:[<inode>]`, and the inode is the last number
 * column of /proc/net/*. Only the given processes (and their descendants) are
 * read, not all of /proc, so this stays cheap enough to poll.
 *
 * The reads are synchronous on purpose: /proc lookups never wait on a disk,
 * and for a few processes with tens of fds the whole scan takes well under a
 * millisecond, far less than the thread-pool round trips of the async API.
 * Any process may exit between two reads: ENOENT/ESRCH/EACCES just mean "no
 * longer (or never) ours" and are skipped.
 */

export interface SocketOwner {
  pid: number;
  fd: number;
}

export interface OwnerScan {
  /** inode → the first holder, in the order the pids were given, then lowest fd. */
  owners: Map<number, SocketOwner>;
  /** The pids that were scanned and still existed (the given ones plus descendants). */
  pids: number[];
  /** Sockets these processes hold only at ignored fds (their stdio plumbing): not to be shown at all. */
  hidden: Set<number>;
}

const MAX_PIDS = 512;
const MAX_DEPTH = 8;

function isPid(n: number): boolean {
  return Number.isInteger(n) && n > 0;
}

/** Direct children of a process, from every thread's `children` file (a child belongs to the thread that forked it). */
export function childPids(pid: number, procRoot = "/proc"): number[] {
  let tids: string[];
  try {
    tids = readdirSync(`${procRoot}/${pid}/task`);
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const tid of tids) {
    let text: string;
    try {
      text = readFileSync(`${procRoot}/${pid}/task/${tid}/children`, "utf8");
    } catch {
      continue;
    }
    for (const s of text.split(" ")) {
      const n = Number(s);
      if (s.trim() !== "" && isPid(n)) out.push(n);
    }
  }
  return out;
}

/**
 * The given pids followed by their descendants (breadth first), each once.
 * Bounded in depth and count so a fork bomb in a demo cannot stall the poll.
 */
export function withDescendants(pids: readonly number[], procRoot = "/proc"): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  let level = pids.filter(isPid);
  for (let depth = 0; depth <= MAX_DEPTH && level.length > 0; depth++) {
    const next: number[] = [];
    for (const pid of level) {
      if (seen.has(pid) || out.length >= MAX_PIDS) continue;
      seen.add(pid);
      out.push(pid);
      if (depth < MAX_DEPTH) next.push(...childPids(pid, procRoot));
    }
    level = next;
  }
  return out;
}

/** The inode a `/proc/<pid>/fd/<n>` link names, or undefined when it is not a socket. */
export function socketInode(link: string): number | undefined {
  const m = /^socket:\[(\d+)\]$/.exec(link);
  return m ? Number(m[1]) : undefined;
}

/** Socket fds of one process: inode → fds (ascending). Empty if the process is gone or not readable. */
export function processSockets(pid: number, procRoot = "/proc"): Map<number, number[]> {
  const out = new Map<number, number[]>();
  let names: string[];
  try {
    names = readdirSync(`${procRoot}/${pid}/fd`);
  } catch {
    return out;
  }
  const fds = names.map(Number).filter((n) => Number.isInteger(n) && n >= 0).sort((a, b) => a - b);
  for (const fd of fds) {
    let link: string;
    try {
      link = readlinkSync(`${procRoot}/${pid}/fd/${fd}`);
    } catch {
      continue; // closed since readdir, or the process exited
    }
    const inode = socketInode(link);
    if (inode === undefined) continue;
    const list = out.get(inode);
    if (list) list.push(fd);
    else out.set(inode, [fd]);
  }
  return out;
}

function processExists(pid: number, procRoot: string): boolean {
  try {
    readdirSync(`${procRoot}/${pid}/fd`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Maps socket inodes to (pid, fd) for the given processes and, unless `children: false`,
 * their descendants. Sockets held only at `ignoreFds` (default 0, 1, 2) go to `hidden`:
 * a process spawned by Node with stdio "pipe" has Unix socketpairs there.
 */
export function scanSocketOwners(pids: readonly number[], opts: { children?: boolean; ignoreFds?: readonly number[]; procRoot?: string } = {}): OwnerScan {
  const procRoot = opts.procRoot ?? "/proc";
  const ignore = new Set(opts.ignoreFds ?? [0, 1, 2]);
  const all = opts.children === false ? [...new Set(pids.filter(isPid))] : withDescendants(pids, procRoot);
  const owners = new Map<number, SocketOwner>();
  const hidden = new Set<number>();
  const alive: number[] = [];
  for (const pid of all) {
    const sockets = processSockets(pid, procRoot);
    if (sockets.size > 0 || processExists(pid, procRoot)) alive.push(pid);
    for (const [inode, fds] of sockets) {
      const shown = fds.filter((fd) => !ignore.has(fd));
      if (shown.length === 0) hidden.add(inode);
      else if (!owners.has(inode)) owners.set(inode, { pid, fd: shown[0] });
    }
  }
  for (const inode of owners.keys()) hidden.delete(inode);
  return { owners, pids: alive, hidden };
}
