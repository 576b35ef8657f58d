import { decodeProcAddress, hostEndianness, type Endianness } from "./addr.js";
import { TCP_STATES } from "./states.js";
import type { SocketProto, SocketRow } from "./types.js";

export { TCP_STATES };

/**
 * Pure parsers for the Linux kernel's socket tables in /proc/net. Each file
 * lists every socket of its kind in the reader's network namespace; which
 * process owns a row is found separately (owners.ts) through its inode.
 *
 * What these files do not carry, and so what the rows mark `unknown`:
 * - tcp/tcp6 LISTEN rows: the backlog limit (tx_queue is 0 there). ss gets it
 *   over netlink sock_diag, which Node cannot speak without a native addon.
 * - unix: receive/send queues and the peer. Same: only sock_diag has them.
 */

export type ProcNetFile = "tcp" | "tcp6" | "udp" | "udp6" | "unix";

export const PROC_NET_FILES: readonly ProcNetFile[] = ["tcp", "tcp6", "udp", "udp6", "unix"];

/** A UDP socket is TCP_CLOSE until connect() makes it TCP_ESTABLISHED; ss calls the first UNCONN. */
function udpState(code: number): string {
  if (code === 0x07) return "UNCONN";
  return TCP_STATES[code] ?? `0x${code.toString(16)}`;
}

function hex(s: string): number {
  return Number.parseInt(s, 16);
}

/**
 * /proc/net/{tcp,tcp6,udp,udp6}: one socket per line after the header.
 * Columns: sl local rem st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ... [drops (udp)]
 * Lines that do not parse are skipped (a truncated read at the end of the file).
 */
export function parseProcNetInet(text: string, proto: Exclude<SocketProto, "unix">, endian: Endianness = hostEndianness): SocketRow[] {
  const rows: SocketRow[] = [];
  const isUdp = proto === "udp" || proto === "udp6";
  for (const line of text.split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || !/^\d+:$/.test(f[0])) continue;
    const queues = /^([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8})$/.exec(f[4]);
    if (!queues) continue;
    let local: string;
    let remote: string;
    try {
      local = decodeProcAddress(f[1], endian).text;
      remote = decodeProcAddress(f[2], endian).text;
    } catch {
      continue;
    }
    const code = hex(f[3]);
    const state = isUdp ? udpState(code) : (TCP_STATES[code] ?? `0x${f[3]}`);
    const row: SocketRow = {
      proto,
      local,
      remote,
      state,
      recvQ: hex(queues[2]),
      sendQ: hex(queues[1]),
      inode: Number(f[9]),
    };
    if (isUdp && f.length >= 13 && /^\d+$/.test(f[12])) row.drops = Number(f[12]);
    if (state === "LISTEN") row.unknown = ["sendQ"];
    rows.push(row);
  }
  return rows;
}

const UNIX_TYPES: Readonly<Record<number, string>> = { 1: "STREAM", 2: "DGRAM", 5: "SEQPACKET" };
const UNIX_STATES: Readonly<Record<number, string>> = { 1: "UNCONNECTED", 2: "CONNECTING", 3: "CONNECTED", 4: "DISCONNECTING" };
/** __SO_ACCEPTCON: set on a socket after listen(). */
const SO_ACCEPTCON = 0x10000;

/**
 * /proc/net/unix: `Num RefCount Protocol Flags Type St Inode [Path]`.
 * The path is the rest of the line (it may hold spaces); an abstract name starts with "@".
 * A connection waiting in a listener's queue shows the listener's path and inode 0.
 */
export function parseProcNetUnix(text: string): SocketRow[] {
  const rows: SocketRow[] = [];
  const re = /^\s*[0-9A-Fa-f]+:\s+[0-9A-Fa-f]+\s+[0-9A-Fa-f]+\s+([0-9A-Fa-f]+)\s+([0-9A-Fa-f]+)\s+([0-9A-Fa-f]+)\s+(\d+)(?: (.*))?$/;
  for (const line of text.split("\n")) {
    const m = re.exec(line);
    if (!m) continue;
    const flags = hex(m[1]);
    const type = hex(m[2]);
    const st = hex(m[3]);
    rows.push({
      proto: "unix",
      local: m[5] ?? "",
      remote: "",
      state: flags & SO_ACCEPTCON ? "LISTEN" : (UNIX_STATES[st] ?? `0x${m[3]}`),
      recvQ: 0,
      sendQ: 0,
      inode: Number(m[4]),
      unixType: UNIX_TYPES[type] ?? `0x${m[2]}`,
      unknown: ["recvQ", "sendQ", "remote"],
    });
  }
  return rows;
}

export function parseProcNet(file: ProcNetFile, text: string, endian: Endianness = hostEndianness): SocketRow[] {
  return file === "unix" ? parseProcNetUnix(text) : parseProcNetInet(text, file, endian);
}
