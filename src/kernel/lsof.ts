import { normalizeTcpState } from "./states.js";
import type { SocketRow } from "./types.js";

/**
 * The socket table where there is no /proc/net (macOS, the BSDs): `lsof` lists
 * the sockets a set of processes hold. We use its field output (-F), which is
 * documented as stable for programs ("OUTPUT FOR OTHER PROGRAMS" in lsof(8)):
 * one field per line, the first character naming it:
 *   p<pid>  f<fd>  t<type: IPv4|IPv6|unix>  d<device>  i<inode>  P<TCP|UDP>
 *   n<name>  T<TCP/TPI info: TST=<state>, TQR=<recv queue>, TQS=<send queue>>
 * A 'p' line starts a process, an 'f' line starts one of its files.
 * Names: "127.0.0.1:8000", "127.0.0.1:51234->127.0.0.1:8000", "[::1]:8000",
 * "*:8000" (wildcard); Unix: a path (Linux adds " type=STREAM"), or "->0x..."
 * (macOS: the peer's kernel address) for an unnamed connected socket.
 * Note `-i` and `-U` cannot be combined with `-a -p` (lsof ANDs them all, so
 * nothing matches): we ask for all of the processes' fds (-d 0-65535) and keep
 * the sockets.
 */

export interface LsofSocket {
  pid: number;
  fd: number;
  /** lsof's TYPE: IPv4, IPv6, unix. */
  type: string;
  /** TCP or UDP for inet sockets. */
  protocol?: string;
  name: string;
  /** TST= (absent for UDP, and for Unix sockets on macOS). */
  state?: string;
  /** TQR= / TQS= where the platform reports queue lengths. */
  recvQ?: number;
  sendQ?: number;
  /** Linux lsof reports the socket inode (i, or d for inet); macOS only a kernel address. */
  inode?: number;
}

/** The lsof arguments for the socket fds of these processes, in field form. */
export function lsofArgs(pids: readonly number[], withQueues = true): string[] {
  return ["-nP", "-w", "-a", "-p", pids.join(","), "-d", "0-65535", "-F", "pftdinPT", ...(withQueues ? ["-T", "qs"] : ["-T", "s"])];
}

/** Parses `lsof -F pftdinPT` output; files that are not sockets are dropped. */
export function parseLsofFields(text: string): LsofSocket[] {
  const out: LsofSocket[] = [];
  let pid = 0;
  let cur: Partial<LsofSocket> & { device?: string } | undefined;
  const flush = () => {
    if (!cur || cur.fd === undefined || !cur.type) return;
    if (cur.type !== "IPv4" && cur.type !== "IPv6" && cur.type !== "unix") return;
    if (cur.inode === undefined && cur.device && /^\d+$/.test(cur.device)) cur.inode = Number(cur.device);
    out.push({ pid, fd: cur.fd, type: cur.type, protocol: cur.protocol, name: cur.name ?? "", state: cur.state, recvQ: cur.recvQ, sendQ: cur.sendQ, inode: cur.inode });
  };
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const tag = line[0];
    const val = line.slice(1);
    switch (tag) {
      case "p":
        flush();
        cur = undefined;
        pid = Number(val);
        break;
      case "f":
        flush();
        // non-numeric fds (cwd, txt, mem) are never sockets
        cur = /^\d+$/.test(val) ? { fd: Number(val) } : undefined;
        break;
      case "t":
        if (cur) cur.type = val;
        break;
      case "d":
        if (cur) cur.device = val;
        break;
      case "i":
        if (cur && /^\d+$/.test(val)) cur.inode = Number(val);
        break;
      case "P":
        if (cur) cur.protocol = val;
        break;
      case "n":
        if (cur) cur.name = val;
        break;
      case "T": {
        if (!cur) break;
        const eq = val.indexOf("=");
        const key = val.slice(0, eq);
        const v = val.slice(eq + 1);
        if (key === "ST") cur.state = v;
        else if (key === "QR" && /^\d+$/.test(v)) cur.recvQ = Number(v);
        else if (key === "QS" && /^\d+$/.test(v)) cur.sendQ = Number(v);
        break;
      }
      default:
        break;
    }
  }
  flush();
  return out;
}

/** lsof's "*:8000" / "127.0.0.1:8000" / "[::1]:8000" → SocketRow's form (wildcards as ss prints them). */
export function normalizeLsofEndpoint(ep: string | undefined, v6: boolean): string {
  const any = v6 ? "[::]" : "0.0.0.0";
  if (!ep || ep === "*:*" || ep === "*") return `${any}:*`;
  const colon = ep.lastIndexOf(":");
  if (colon < 0) return ep;
  let host = ep.slice(0, colon);
  const port = ep.slice(colon + 1);
  if (host === "*") host = any;
  // lsof prints an IPv4-mapped address of an IPv6 socket as plain IPv4
  else if (v6 && /^\d+\.\d+\.\d+\.\d+$/.test(host)) host = `[::ffff:${host}]`;
  else if (v6 && !host.startsWith("[")) host = `[${host}]`;
  return `${host}:${port === "0" ? "*" : port}`;
}

/** lsof sockets → rows. Fields lsof does not give are marked `unknown`. */
export function lsofToRows(sockets: readonly LsofSocket[]): SocketRow[] {
  const rows: SocketRow[] = [];
  for (const s of sockets) {
    const unknown: NonNullable<SocketRow["unknown"]> = [];
    if (s.type === "unix") {
      // Linux: "/path type=STREAM"; macOS: "/path" or "->0xADDR" (peer) with no type
      let name = s.name;
      let unixType: string | undefined;
      const t = / ?type=(\w+)$/.exec(name);
      if (t) {
        unixType = t[1];
        name = name.slice(0, t.index);
      }
      const peerOnly = name.startsWith("->");
      let state: string;
      if (s.state) state = s.state === "LISTEN" ? "LISTEN" : s.state;
      else {
        state = "";
        unknown.push("state");
      }
      unknown.push("recvQ", "sendQ", "remote");
      rows.push({ proto: "unix", local: peerOnly ? "" : name, remote: "", state, recvQ: 0, sendQ: 0, inode: s.inode ?? 0, unixType, pid: s.pid, fd: s.fd, unknown });
      continue;
    }
    const v6 = s.type === "IPv6";
    const udp = s.protocol === "UDP";
    const [l, r] = s.name.split("->");
    const remote = normalizeLsofEndpoint(r, v6);
    const state = udp ? (r ? "ESTABLISHED" : "UNCONN") : s.state ? normalizeTcpState(s.state) : "";
    if (!udp && !s.state) unknown.push("state");
    if (s.recvQ === undefined) unknown.push("recvQ");
    // a listener's send queue column is its backlog: lsof never has it (netstat -L may)
    if (s.sendQ === undefined || state === "LISTEN") unknown.push("sendQ");
    const row: SocketRow = {
      proto: udp ? (v6 ? "udp6" : "udp") : v6 ? "tcp6" : "tcp",
      local: normalizeLsofEndpoint(l, v6),
      remote,
      state,
      recvQ: s.recvQ ?? 0,
      sendQ: state === "LISTEN" ? 0 : (s.sendQ ?? 0),
      inode: s.inode ?? 0,
      pid: s.pid,
      fd: s.fd,
    };
    if (unknown.length > 0) row.unknown = unknown;
    rows.push(row);
  }
  return rows;
}
