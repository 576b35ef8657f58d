import { closeSync, openSync, readdirSync, readFileSync, readSync } from "node:fs";
import { formatIPv6, hexAddressBytes } from "../kernel/addr.js";
import { processSockets } from "../kernel/owners.js";
import { parseProcNetUnix } from "../kernel/proc-net.js";
import { TCP_STATES } from "../kernel/states.js";
import { t } from "../text/catalog.js";
import { procNetDir } from "../sandbox/run-network.js";

/**
 * What the kernel says about the learner's program, read from /proc (Linux).
 * Used without touching the program: readiness (is there a listening socket on
 * the address?) and diagnosis (what did it bind instead? is it spinning?).
 * Everything returns undefined/[] where /proc is not there, so callers fall back.
 */

export type Table = "tcp" | "tcp6" | "udp" | "udp6" | "unix";

export interface InetSocket {
  table: "tcp" | "tcp6" | "udp" | "udp6";
  /** "127.0.0.1", "::1", "0.0.0.0", "::", "::ffff:127.0.0.1" */
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  /** TCP state name (LISTEN, ESTABLISHED…); UDP: UNCONN or ESTABLISHED. */
  state: string;
  inode: number;
}

export interface UnixSocket {
  table: "unix";
  path: string;
  /** STREAM, DGRAM, SEQPACKET */
  type: string;
  listening: boolean;
  inode: number;
}

export type KernelSocket = InetSocket | UnixSocket;

/** /proc/net addresses are hex in host byte order per 32-bit word; the kernel view's decoder reads them. */
export function decodeAddress(hex: string): string {
  const bytes = hexAddressBytes(hex);
  return bytes.length === 4 ? bytes.join(".") : formatIPv6(bytes);
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "latin1");
  } catch {
    return undefined;
  }
}

/** `dir`: where the tables are (a run's private network's, /proc/<pid>/net); by default the run in progress's. */
export function readInetTable(table: InetSocket["table"], dir = procNetDir()): InetSocket[] | undefined {
  const text = readText(`${dir}/${table}`);
  if (text === undefined) return undefined;
  const out: InetSocket[] = [];
  const udp = table.startsWith("udp");
  for (const line of text.split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const [la, lp] = f[1]!.split(":");
    const [ra, rp] = f[2]!.split(":");
    const st = f[3]!;
    out.push({
      table,
      localAddress: decodeAddress(la!),
      localPort: parseInt(lp!, 16),
      remoteAddress: decodeAddress(ra!),
      remotePort: parseInt(rp!, 16),
      state: udp ? (st === "01" ? "ESTABLISHED" : "UNCONN") : (TCP_STATES[parseInt(st, 16)] ?? st),
      inode: Number(f[9]),
    });
  }
  return out;
}

export function readUnixTable(): UnixSocket[] | undefined {
  const text = readText(`${procNetDir()}/unix`);
  if (text === undefined) return undefined;
  return parseProcNetUnix(text).map((r) => ({ table: "unix", type: r.unixType ?? "STREAM", listening: r.state === "LISTEN", inode: r.inode, path: r.local }));
}

export function readAllSockets(): KernelSocket[] {
  const all: KernelSocket[] = [];
  for (const t of ["tcp", "tcp6", "udp", "udp6"] as const) all.push(...(readInetTable(t) ?? []));
  all.push(...(readUnixTable() ?? []));
  return all;
}

export function procAvailable(dir = procNetDir()): boolean {
  return readText(`${dir}/tcp`) !== undefined;
}

interface ProcStat {
  pid: number;
  pgrp: number;
  /** user + system CPU time, in clock ticks (USER_HZ, 100 on Linux). */
  cpuTicks: number;
  state: string;
}

function readStat(pid: number): ProcStat | undefined {
  const text = readText(`/proc/${pid}/stat`);
  if (!text) return undefined;
  // The command name is in parentheses and may itself hold spaces or parentheses.
  const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return { pid, state: rest[0]!, pgrp: Number(rest[2]), cpuTicks: Number(rest[11]) + Number(rest[12]) };
}

/** Every live process in a process group (the learner's program and anything it started). */
export function groupMembers(pgid: number): ProcStat[] {
  let names: string[];
  try {
    names = readdirSync("/proc");
  } catch {
    return [];
  }
  const out: ProcStat[] = [];
  for (const name of names) {
    const c = name.charCodeAt(0);
    if (c < 48 || c > 57) continue;
    const st = readStat(Number(name));
    if (st && st.pgrp === pgid && st.state !== "Z") out.push(st);
  }
  return out;
}

/** CPU time the group has used, in ms; undefined without /proc. */
export function groupCpuMs(pgid: number): number | undefined {
  if (!procAvailable()) return undefined;
  return groupMembers(pgid).reduce((sum, p) => sum + p.cpuTicks * 10, 0);
}

export function socketInodes(pid: number): Set<number> {
  return new Set(processSockets(pid).keys());
}

/** The sockets held by a process group, as the kernel lists them. */
export function groupSockets(pgid: number): KernelSocket[] {
  const inodes = new Set<number>();
  for (const p of groupMembers(pgid)) for (const i of socketInodes(p.pid)) inodes.add(i);
  if (inodes.size === 0) return [];
  return readAllSockets().filter((s) => inodes.has(s.inode));
}

export function formatInet(address: string, port: number): string {
  return address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;
}

/** "TCP 127.0.0.1:8000 (listening)", "a Unix stream socket at /tmp/x.sock": for a diagnosis. */
export function describeSocket(s: KernelSocket): string {
  if (s.table === "unix") {
    const args = { type: s.type.toLowerCase(), listening: s.listening ? "yes" : "no" };
    return s.path ? t("check.socket.unixAt", { ...args, path: s.path }) : t("check.socket.unix", args);
  }
  const proto = s.table.startsWith("tcp") ? "TCP" : "UDP";
  const local = formatInet(s.localAddress, s.localPort);
  if (proto === "TCP" && s.state === "LISTEN") return t("check.socket.tcpListening", { local });
  if (proto === "UDP" && s.state === "UNCONN") return `UDP ${local}`;
  return `${proto} ${local} → ${formatInet(s.remoteAddress, s.remotePort)} (${s.state})`;
}

/** Bytes waiting in one socket's queues, as ss shows them. */
export interface Queues {
  /** Received, not yet read by the program that holds the socket. */
  recvQ: number;
  /** Written, not yet acknowledged by the other end (so not yet in the other end's Recv-Q). */
  sendQ: number;
  /** The TCP state's code (1 ESTABLISHED, 8 CLOSE_WAIT…; see kernel/states.ts). */
  state: number;
  /** 0 once no process holds the socket: the program closed it (a half-close keeps the inode). */
  inode: number;
}

/** Both ends of one loopback TCP connection, seen from the checker's end. */
export interface ConnectionQueues {
  ours?: Queues;
  theirs?: Queues;
  /** The tables the two ends were found in. */
  tables: ("tcp" | "tcp6")[];
}

/** Which ends a caller needs: reading stops once they are found. */
export type Wanted = "ours" | "theirs" | "both";

const PAGE = Buffer.alloc(64 * 1024);

function hex4(port: number): string {
  return port.toString(16).toUpperCase().padStart(4, "0");
}

/**
 * One row's queues, state and inode, from a line of /proc/net/tcp(6):
 * `sl local rem st tx_queue:rx_queue tr:when retrnsmt uid timeout inode …`.
 */
function rowQueues(line: string): { local: number; remote: number; queues: Queues } | undefined {
  const f = line.trim().split(/\s+/);
  if (f.length < 10) return undefined;
  const q = /^([0-9A-Fa-f]+):([0-9A-Fa-f]+)$/.exec(f[4]!);
  if (!q) return undefined;
  return {
    local: parseInt(f[1]!.slice(f[1]!.indexOf(":") + 1), 16),
    remote: parseInt(f[2]!.slice(f[2]!.indexOf(":") + 1), 16),
    queues: { sendQ: parseInt(q[1]!, 16), recvQ: parseInt(q[2]!, 16), state: parseInt(f[3]!, 16), inode: Number(f[9]) },
  };
}

/**
 * Looks for the two ends in one table. The kernel hands the table out a page per read()
 * and each read walks on through its hash table (here: 4 KB, 0.03 ms; the whole table,
 * with other programs' sockets, took 11 reads and 0.8 ms), so the reading stops as soon
 * as the ends wanted are found. Only lines that hold one of the two ports in hex are
 * parsed. false when the table cannot be read.
 */
function scanTable(table: "tcp" | "tcp6", ourPort: number, theirPort: number, out: ConnectionQueues, wanted: Wanted, dir: string): boolean {
  const ours = `:${hex4(ourPort)} `;
  const theirs = `:${hex4(theirPort)} `;
  const done = (): boolean => (wanted === "ours" ? !!out.ours : wanted === "theirs" ? !!out.theirs : !!(out.ours && out.theirs));
  let fd: number | undefined;
  try {
    fd = openSync(`${dir}/${table}`, "r");
    let rest = "";
    // Bounded: a table of a million sockets is 150 MB; stop well before.
    for (let reads = 0; reads < 20000; reads++) {
      const n = readSync(fd, PAGE, 0, PAGE.length, null);
      if (n === 0) break;
      const text = rest + PAGE.toString("latin1", 0, n);
      const last = text.lastIndexOf("\n");
      rest = last < 0 ? text : text.slice(last + 1);
      const whole = last < 0 ? "" : text.slice(0, last);
      if (!whole.includes(ours) && !whole.includes(theirs)) continue;
      for (const line of whole.split("\n")) {
        if (!line.includes(ours) && !line.includes(theirs)) continue;
        const row = rowQueues(line);
        if (!row) continue;
        const mine = row.local === ourPort && row.remote === theirPort;
        const other = row.local === theirPort && row.remote === ourPort;
        if (mine) out.ours ??= row.queues;
        else if (other) out.theirs ??= row.queues;
        if ((mine || other) && !out.tables.includes(table)) out.tables.push(table);
      }
      if (done()) break;
    }
    return true;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Is something listening on one of these TCP ports, by the kernel's table? undefined without /proc. */
export function listeningOn(ports: readonly number[], dir = procNetDir()): boolean | undefined {
  const rows = [...(readInetTable("tcp", dir) ?? []), ...(readInetTable("tcp6", dir) ?? [])];
  if (rows.length === 0 && !procAvailable(dir)) return undefined;
  return rows.some((r) => r.state === "LISTEN" && ports.includes(r.localPort));
}

/**
 * The queues of both ends of a loopback TCP connection between `ourPort` and
 * `theirPort` (the learner's end may be in tcp6 while ours is in tcp: a server
 * bound to "::" takes IPv4 connections as ::ffff:127.0.0.1). Only the tables
 * named are read, and only until the ends `wanted` are found. undefined without /proc.
 */
export function connectionQueues(ourPort: number, theirPort: number, tables: readonly ("tcp" | "tcp6")[] = ["tcp", "tcp6"], wanted: Wanted = "both", dir = procNetDir()): ConnectionQueues | undefined {
  const out: ConnectionQueues = { tables: [] };
  let any = false;
  for (const table of tables) {
    if (scanTable(table, ourPort, theirPort, out, wanted, dir)) any = true;
    if (out.ours && out.theirs) break;
  }
  return any ? out : undefined;
}
