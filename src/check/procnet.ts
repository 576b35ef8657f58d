import { readdirSync, readFileSync, readlinkSync } from "node:fs";

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

const TCP_STATES: Record<string, string> = {
  "01": "ESTABLISHED", "02": "SYN_SENT", "03": "SYN_RECV", "04": "FIN_WAIT1", "05": "FIN_WAIT2", "06": "TIME_WAIT",
  "07": "CLOSE", "08": "CLOSE_WAIT", "09": "LAST_ACK", "0A": "LISTEN", "0B": "CLOSING",
};

/** /proc/net addresses are hex in host byte order, per 32-bit word (little-endian on x86/arm). */
export function decodeAddress(hex: string): string {
  const words: number[] = [];
  for (let i = 0; i < hex.length; i += 8) {
    const w = parseInt(hex.slice(i, i + 8), 16);
    words.push(((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | (w >>> 24));
  }
  const bytes = words.flatMap((w) => [(w >>> 24) & 0xff, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff]);
  if (bytes.length === 4) return bytes.join(".");
  const allZero = bytes.slice(0, 10).every((b) => b === 0);
  if (allZero && bytes[10] === 0xff && bytes[11] === 0xff) return `::ffff:${bytes.slice(12).join(".")}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return compressV6(groups);
}

function compressV6(groups: string[]): string {
  // The longest run of zero groups becomes "::" (RFC 5952).
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > bestLen && j - i > 1) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(":");
  return `${groups.slice(0, best).join(":")}::${groups.slice(best + bestLen).join(":")}`;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "latin1");
  } catch {
    return undefined;
  }
}

export function readInetTable(table: InetSocket["table"]): InetSocket[] | undefined {
  const text = readText(`/proc/net/${table}`);
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
      state: udp ? (st === "01" ? "ESTABLISHED" : "UNCONN") : (TCP_STATES[st] ?? st),
      inode: Number(f[9]),
    });
  }
  return out;
}

const UNIX_TYPES: Record<string, string> = { "0001": "STREAM", "0002": "DGRAM", "0005": "SEQPACKET" };

export function readUnixTable(): UnixSocket[] | undefined {
  const text = readText("/proc/net/unix");
  if (text === undefined) return undefined;
  const out: UnixSocket[] = [];
  for (const line of text.split("\n").slice(1)) {
    // Num RefCount Protocol Flags Type St Inode [Path]
    const f = line.trim().split(/\s+/);
    if (f.length < 7) continue;
    const flags = parseInt(f[3]!, 16);
    out.push({
      table: "unix",
      type: UNIX_TYPES[f[4]!] ?? f[4]!,
      // __SO_ACCEPTCON: the socket has called listen()
      listening: (flags & 0x10000) !== 0,
      inode: Number(f[6]),
      path: f.slice(7).join(" "),
    });
  }
  return out;
}

export function readAllSockets(): KernelSocket[] {
  const all: KernelSocket[] = [];
  for (const t of ["tcp", "tcp6", "udp", "udp6"] as const) all.push(...(readInetTable(t) ?? []));
  all.push(...(readUnixTable() ?? []));
  return all;
}

export function procAvailable(): boolean {
  return readText("/proc/net/tcp") !== undefined;
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
  const out = new Set<number>();
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return out;
  }
  for (const fd of fds) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) out.add(Number(m[1]));
    } catch {
      // the fd closed while we looked
    }
  }
  return out;
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

export function describeSocket(s: KernelSocket): string {
  if (s.table === "unix") return `a Unix ${s.type.toLowerCase()} socket${s.path ? ` at ${s.path}` : ""}${s.listening ? " (listening)" : ""}`;
  const proto = s.table.startsWith("tcp") ? "TCP" : "UDP";
  const local = formatInet(s.localAddress, s.localPort);
  if (proto === "TCP" && s.state === "LISTEN") return `TCP ${local} (listening)`;
  if (proto === "UDP" && s.state === "UNCONN") return `UDP ${local}`;
  return `${proto} ${local} → ${formatInet(s.remoteAddress, s.remotePort)} (${s.state})`;
}
