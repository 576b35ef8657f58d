import { readdirSync, readFileSync } from "node:fs";
import { formatIPv6, hexAddressBytes } from "../kernel/addr.js";
import { processSockets } from "../kernel/owners.js";
import { parseProcNetUnix } from "../kernel/proc-net.js";
import { TCP_STATES } from "../kernel/states.js";
import { t } from "../text/catalog.js";

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
      state: udp ? (st === "01" ? "ESTABLISHED" : "UNCONN") : (TCP_STATES[parseInt(st, 16)] ?? st),
      inode: Number(f[9]),
    });
  }
  return out;
}

export function readUnixTable(): UnixSocket[] | undefined {
  const text = readText("/proc/net/unix");
  if (text === undefined) return undefined;
  return parseProcNetUnix(text).map((r) => ({ table: "unix", type: r.unixType ?? "STREAM", listening: r.state === "LISTEN", inode: r.inode, path: r.local }));
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
