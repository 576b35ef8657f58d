import { which } from "../util/which.js";
import { runCommand } from "./run.js";
import { normalizeTcpState } from "./states.js";

/**
 * `ss` (iproute2) reads the socket table over netlink sock_diag, which carries
 * what /proc/net does not: a listening socket's backlog limit, and the queues
 * and peer of Unix sockets. Node cannot open a netlink socket without a native
 * addon, so table.ts runs ss (no -p: that would scan all of /proc) only when a
 * row needs one of those fields, and joins its rows to ours by inode.
 * The parser also reads `ss -tanpe`-style output for the tests.
 */

export interface SsRow {
  /** tcp, udp, u_str, u_dgr, u_seq... when ss printed the column (several kinds listed). */
  netid?: string;
  /** ss's names: LISTEN, ESTAB, SYN-SENT, TIME-WAIT, CLOSE-WAIT, UNCONN, ... */
  state: string;
  recvQ: number;
  sendQ: number;
  /** Inet: "127.0.0.1:8000", "[::1]:8000", "*:*"... Unix: the path, "*" when unnamed. */
  local: string;
  remote: string;
  /** Unix: the socket's inode (ss prints it in the port column) and the peer's. */
  unixInode?: number;
  unixPeerInode?: number;
  /** From -e: the socket inode for inet sockets (for Unix, ino: is the path's file inode). */
  ino?: number;
  /** From -p. */
  users: Array<{ pid: number; fd: number }>;
  v6only?: boolean;
}

const NETIDS = new Set(["tcp", "udp", "raw", "u_str", "u_dgr", "u_seq", "p_raw", "p_dgr", "nl", "mptcp", "sctp", "dccp", "tipc", "v_str", "v_dgr", "xdp"]);

function parseExtras(rest: string, row: SsRow): void {
  for (const m of rest.matchAll(/pid=(\d+),fd=(\d+)/g)) row.users.push({ pid: Number(m[1]), fd: Number(m[2]) });
  const ino = /(?:^|\s)ino:(\d+)/.exec(rest);
  if (ino) row.ino = Number(ino[1]);
  const v6 = /(?:^|\s)v6only:([01])/.exec(rest);
  if (v6) row.v6only = v6[1] === "1";
}

/** Parses ss's table output, with or without the header line and the Netid column. */
export function parseSsOutput(text: string): SsRow[] {
  const rows: SsRow[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || /^(Netid|State)\s/.test(line)) continue;
    let rest = line;
    let netid: string | undefined;
    const first = /^(\S+)\s+/.exec(rest);
    if (first && NETIDS.has(first[1])) {
      netid = first[1];
      rest = rest.slice(first[0].length);
    }
    const head = /^(\S+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(rest);
    if (!head) continue;
    const row: SsRow = { netid, state: head[1], recvQ: Number(head[2]), sendQ: Number(head[3]), local: "", remote: "", users: [] };
    const body = head[4];
    if (netid?.startsWith("u_")) {
      // "<path or *> <inode> <peer or *> <peer inode> [extras]"; the path may contain spaces
      const u = /^(.*?)\s+(\d+)\s+(\S+)\s+(\d+)(?:\s+(.*))?$/.exec(body);
      if (!u) continue;
      row.local = u[1];
      row.unixInode = Number(u[2]);
      row.remote = u[3];
      row.unixPeerInode = Number(u[4]);
      parseExtras(u[5] ?? "", row);
    } else {
      const f = /^(\S+)\s+(\S+)(?:\s+(.*))?$/.exec(body);
      if (!f) continue;
      row.local = f[1];
      row.remote = f[2];
      parseExtras(f[3] ?? "", row);
    }
    rows.push(row);
  }
  return rows;
}

/** ss's state names → the kernel's, as SocketRow uses them (ESTAB → ESTABLISHED, unix ESTAB → CONNECTED...). */
export function ssStateToKernel(state: string, unix = false): string {
  if (unix) {
    if (state === "ESTAB") return "CONNECTED";
    if (state === "UNCONN") return "UNCONNECTED";
    if (state === "SYN-SENT") return "CONNECTING";
    return state;
  }
  return normalizeTcpState(state);
}

let ssPath: string | null | undefined;

/** ss on PATH (looked up once). */
export function ssCommand(): string | undefined {
  if (ssPath === undefined) ssPath = (process.platform === "linux" && which("ss")) || null;
  return ssPath ?? undefined;
}

/** What to ask ss for: TCP listeners (backlog) and/or all Unix sockets (queues, peers). */
export interface SsQuery {
  tcpListen?: boolean;
  unix?: boolean;
}

/** Runs a command somewhere else (inside a run's private network): nsenter around it. */
export type CommandWrap = (cmd: string, args: readonly string[]) => { cmd: string; args: string[] };

async function runSs(args: string[], timeoutMs: number, wrap?: CommandWrap): Promise<SsRow[]> {
  const ss = ssCommand();
  if (!ss) throw new Error("ss is not installed");
  const { cmd, args: argv } = wrap ? wrap(ss, args) : { cmd: ss, args };
  const r = await runCommand(cmd, argv, timeoutMs);
  if (r.code !== 0) throw new Error(`ss ${args.join(" ")}: ${r.failure ?? (r.stderr.trim() || `exit ${r.code}`)}`);
  return parseSsOutput(r.stdout);
}

/**
 * Runs ss once per kind asked for (in parallel). Rejects when ss is missing or fails;
 * the caller then keeps its /proc rows with their `unknown` marks.
 */
export async function readSsDiag(q: SsQuery, timeoutMs = 2000, wrap?: CommandWrap): Promise<{ tcpListen: SsRow[]; unix: SsRow[] }> {
  const [tcpListen, unix] = await Promise.all([
    q.tcpListen ? runSs(["-H", "-n", "-e", "-l", "-A", "tcp"], timeoutMs, wrap) : Promise.resolve([]),
    q.unix ? runSs(["-H", "-n", "-a", "-A", "unix"], timeoutMs, wrap) : Promise.resolve([]),
  ]);
  return { tcpListen, unix };
}
