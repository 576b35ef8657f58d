import { normalizeTcpState } from "./states.js";
import type { SocketProto } from "./types.js";

/**
 * `netstat -an` fills what lsof lacks where there is no /proc/net: queue bytes,
 * and the rows nobody owns any more (TIME_WAIT). `netstat -Lan` (macOS, BSD)
 * gives each listener's accept queue and backlog: "qlen/incqlen/maxqlen".
 *
 * Two dialects (documented in netstat(1) of each system):
 *   BSD/macOS: "tcp4  0  0  127.0.0.1.8000  127.0.0.1.51234  ESTABLISHED"
 *              proto tcp4/tcp6/tcp46/udp4/udp6/udp46, "addr.port", "*.8000", "*.*"
 *   Linux net-tools: "tcp  0  0 127.0.0.1:8000  127.0.0.1:51234  ESTABLISHED"
 *              proto tcp/tcp6/udp/udp6, "addr:port", "0.0.0.0:*", ":::8000"
 * Unix-domain lines and headers are skipped.
 */

export type NetstatStyle = "bsd" | "linux";

export interface NetstatRow {
  proto: Exclude<SocketProto, "unix">;
  recvQ: number;
  sendQ: number;
  /** Normalized as SocketRow: "127.0.0.1:8000", "[::1]:8000", "0.0.0.0:*". */
  local: string;
  remote: string;
  /** TCP state in SocketRow's names; UDP: UNCONN or ESTABLISHED. */
  state: string;
}

function endpoint(raw: string, v6: boolean, style: NetstatStyle): string {
  const any = v6 ? "[::]" : "0.0.0.0";
  const sep = style === "bsd" ? raw.lastIndexOf(".") : raw.lastIndexOf(":");
  if (sep < 0) return raw;
  let host = raw.slice(0, sep);
  let port = raw.slice(sep + 1);
  if (port === "*" || port === "0") port = "*";
  if (host === "*" || host === "" || host === "::" || host === "0.0.0.0") host = any;
  else if (v6 || host.includes(":")) host = `[${host}]`;
  return `${host}:${port}`;
}

export function parseNetstatInet(text: string, style: NetstatStyle): NetstatRow[] {
  const rows: NetstatRow[] = [];
  for (const line of text.split("\n")) {
    const f = line.trim().split(/\s+/);
    const m = /^(tcp|udp)(4|6|46)?$/.exec(f[0] ?? "");
    if (!m || f.length < 5 || !/^\d+$/.test(f[1]) || !/^\d+$/.test(f[2])) continue;
    const v6 = m[2] === "6" || m[2] === "46";
    const udp = m[1] === "udp";
    const remote = endpoint(f[4], v6, style);
    const rawState = f[5] ?? "";
    let state: string;
    if (udp) state = rawState === "ESTABLISHED" || !remote.endsWith(":*") ? "ESTABLISHED" : "UNCONN";
    else state = normalizeTcpState(rawState);
    rows.push({
      proto: udp ? (v6 ? "udp6" : "udp") : v6 ? "tcp6" : "tcp",
      recvQ: Number(f[1]),
      sendQ: Number(f[2]),
      local: endpoint(f[3], v6, style),
      remote,
      state,
    });
  }
  return rows;
}

export interface ListenQueue {
  /** As netstat printed it, BSD style ("127.0.0.1.8000", "*.8000"). */
  rawLocal: string;
  port: number;
  /** Completed connections waiting for accept(). */
  qlen: number;
  /** Half-open (SYN received) connections. */
  incqlen: number;
  /** The backlog limit. */
  maxqlen: number;
}

/** `netstat -Lan`: "0/0/128  127.0.0.1.8000" (macOS) or "tcp4  0/0/128  127.0.0.1.8000" (FreeBSD). */
export function parseNetstatListenQueues(text: string): ListenQueue[] {
  const out: ListenQueue[] = [];
  for (const line of text.split("\n")) {
    const m = /(?:^|\s)(\d+)\/(\d+)\/(\d+)\s+(\S+)\s*$/.exec(line);
    if (!m) continue;
    const port = Number(m[4].slice(m[4].lastIndexOf(".") + 1));
    if (!Number.isInteger(port)) continue;
    out.push({ rawLocal: m[4], port, qlen: Number(m[1]), incqlen: Number(m[2]), maxqlen: Number(m[3]) });
  }
  return out;
}
