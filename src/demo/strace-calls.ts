/**
 * A program with no tracer of the tutor's (a C executable, any command that `trace`
 * runs): its socket calls come from strace instead (src/kernel/strace.ts), and this turns
 * each of strace's lines into the CallEvents the Python and Node tracers write
 * (docs/tracer-protocol.md), so every view shows them the same way: `socket(AF_INET,
 * SOCK_STREAM) → fd 3`, `bind(fd 3, 127.0.0.1:5000) → ok`, `accept(fd 3) → fd 4, peer …`,
 * `recv(fd 4, 1024) → 5 bytes b'hello'`.
 *
 * strace's lines are the program's: its data strings, paths and addresses can hold
 * anything. Every event is rebuilt by sanitizeCall (tracer-lines.ts): strings escaped for
 * a terminal and cut, as for a tracer's pipe.
 *
 * Times: strace -ttt stamps a call when it is entered, in CLOCK_REALTIME like the packet
 * capture; -T adds how long it took (`<0.000123>` at the end), which gives its end.
 */
import type { StraceCall } from "../kernel/strace.js";
import { t } from "../text/catalog.js";
import type { CallEvent } from "./events.js";
import { sanitizeCall } from "./tracer-lines.js";

/** Calls that are waits for readiness, not socket calls (kind "select"). */
const WAITS = new Set(["poll", "ppoll", "select", "pselect6"]);
/** Plumbing the learner did not write as such (the event loop's bookkeeping). */
const SKIPPED = new Set(["epoll_ctl"]);

/** Splits an argument list at its top-level commas (not inside "…", {…}, […] or (…)). */
export function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === "{" || c === "[" || c === "(") depth++;
    else if (c === "}" || c === "]" || c === ")") depth = Math.max(0, depth - 1);
    else if (c === "," && depth === 0) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = s.slice(start).trim();
  if (last !== "" || out.length) out.push(last);
  return out;
}

/** strace's C string (`"hello\n"`, `"\33[31m"...`) as bytes; truncated: strace cut it (the `...` after). */
export function cString(arg: string): { bytes: number[]; truncated: boolean } | undefined {
  const m = /^"((?:[^"\\]|\\.)*)"(\.\.\.)?$/s.exec(arg);
  if (!m) return undefined;
  const body = m[1]!;
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\") {
      // strace prints printable ASCII as is; anything else comes escaped.
      for (const b of Buffer.from(c, "utf8")) bytes.push(b);
      continue;
    }
    const n = body[++i];
    if (n === undefined) break;
    const simple: Record<string, number> = { n: 10, t: 9, r: 13, v: 11, f: 12, a: 7, b: 8, "\\": 92, '"': 34, "'": 39 };
    if (n in simple) bytes.push(simple[n]!);
    else if (n === "x") {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(body.slice(i + 1))![0];
      bytes.push(parseInt(hex, 16));
      i += hex.length;
    } else if (/[0-7]/.test(n)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i))![0];
      bytes.push(parseInt(oct, 8) & 0xff);
      i += oct.length - 1;
    } else bytes.push(n.charCodeAt(0) & 0xff);
  }
  return { bytes, truncated: m[2] !== undefined };
}

/** Bytes as Python writes a bytes literal (the other tracers' style): b'hello\n'. */
export function bytesLiteral(bytes: readonly number[], truncated = false): string {
  const quote = bytes.includes(39) && !bytes.includes(34) ? '"' : "'";
  let s = "";
  for (const b of bytes) {
    if (b === 92) s += "\\\\";
    else if (b === quote.charCodeAt(0)) s += "\\" + quote;
    else if (b === 9) s += "\\t";
    else if (b === 10) s += "\\n";
    else if (b === 13) s += "\\r";
    else if (b >= 0x20 && b < 0x7f) s += String.fromCharCode(b);
    else s += "\\x" + b.toString(16).padStart(2, "0");
  }
  return `b${quote}${s}${quote}${truncated ? "..." : ""}`;
}

/** A sockaddr as strace prints it, as the table writes an address: 127.0.0.1:8000, [::1]:8000, /path. */
export function sockaddrText(arg: string): string | undefined {
  if (!arg.startsWith("{")) return undefined;
  const port = /sin6?_port=htons\((\d+)\)/.exec(arg)?.[1];
  const v4 = /sin_addr=inet_addr\("([0-9.]+)"\)/.exec(arg)?.[1];
  if (v4 !== undefined && port !== undefined) return `${v4}:${port}`;
  const v6 = /inet_pton\(AF_INET6, "([0-9a-fA-F:.]+)"/.exec(arg)?.[1];
  if (v6 !== undefined && port !== undefined) return `[${v6}]:${port}`;
  const unix = /sun_path=(@?"(?:[^"\\]|\\.)*")/.exec(arg)?.[1];
  if (unix !== undefined) {
    const abstract = unix.startsWith("@");
    const s = cString(abstract ? unix.slice(1) : unix);
    if (s) return (abstract ? "@" : "") + Buffer.from(s.bytes).toString("utf8");
  }
  return undefined;
}

/** The two ends in a -yy label: "TCP:[127.0.0.1:5000->127.0.0.1:4242]"; an inode alone names none. */
export function labelEnds(label: string | undefined): { local?: string; peer?: string } {
  const m = label ? /^(TCP|UDP|TCPv6|UDPv6):\[(.*)\]$/.exec(label) : null;
  if (!m) return {};
  const [local, peer] = m[2]!.split("->");
  const addr = (s: string | undefined) => (s !== undefined && /:\d+$/.test(s) ? s : undefined);
  const out: { local?: string; peer?: string } = {};
  const l = addr(local);
  const p = addr(peer);
  if (l) out.local = l;
  if (p) out.peer = p;
  return out;
}

/** One strace line's parts: "name(args) = result <duration>". */
interface Parts {
  name: string;
  args: string[];
  /** The result without its duration: "0", "3<TCP:[…]>", "-1 ECONNREFUSED (Connection refused)". */
  result?: string;
  /** -T: seconds the call took. */
  took?: number;
}

function parts(text: string): Parts | undefined {
  const name = /^([a-z_][a-z0-9_]*)\(/.exec(text);
  if (!name) return undefined;
  const done = /^(.*\))\s+= (.*?)(?:\s+<(\d+\.\d+)>)?$/s.exec(text);
  if (!done) return { name: name[1]!, args: splitArgs(text.slice(name[0].length).replace(/,\s*$/, "")) };
  const out: Parts = { name: name[1]!, args: splitArgs(done[1]!.slice(name[0].length, -1)), result: done[2]!.trim() };
  if (done[3] !== undefined) out.took = Number(done[3]);
  return out;
}

/** The argument list without the fd (the views put "fd N" first themselves). */
const rest = (args: string[]): string[] => args.slice(1);

/** The data argument: b'…' when strace printed a string, else what it printed. */
function dataArg(arg: string | undefined): string {
  if (arg === undefined) return "";
  const s = cString(arg);
  return s ? bytesLiteral(s.bytes, s.truncated) : arg;
}

/** Flags that say nothing (0) are left out, as a learner writes the call. */
const flags = (arg: string | undefined): string[] => (arg === undefined || arg === "0" ? [] : [arg]);

interface Described {
  call: string;
  args: string[];
  kind?: CallEvent["kind"];
  note?: string;
  /** The addresses its arguments name (bind's, connect's, sendto's), whether it succeeds or fails. */
  ends?: { local?: string; peer?: string };
  /** The end's fields, once the call returned. */
  end?: (result: string) => Record<string, unknown>;
}

/** A count returned: "8"; undefined on failure. */
const count = (result: string): number | undefined => (/^\d+$/.test(result) ? Number(result) : undefined);

/** A received buffer: "5 bytes b'hello'" (the bytes strace showed, which -s may have cut). */
function received(buffer: string | undefined, result: string): Record<string, unknown> {
  const n = count(result);
  if (n === undefined) return {};
  const s = buffer !== undefined ? cString(buffer) : undefined;
  const shown = s ? ` ${bytesLiteral(s.bytes.slice(0, n), s.truncated)}` : "";
  return { result: `${n} byte${n === 1 ? "" : "s"}${shown}`, bytes: n };
}

function sent(result: string): Record<string, unknown> {
  const n = count(result);
  return n === undefined ? {} : { result: `${n} byte${n === 1 ? "" : "s"} sent`, bytes: n };
}

function describe(p: Parts, c: StraceCall): Described | undefined {
  const a = p.args;
  switch (p.name) {
    case "socket": {
      const args = a.slice(0, 2);
      if (a[2] !== undefined && a[2] !== "IPPROTO_IP" && a[2] !== "0") args.push(a[2]);
      return { call: "socket", args, end: (r) => (c.resultFd !== undefined ? { result: `fd ${c.resultFd}`, fd: c.resultFd, newFd: c.resultFd } : { result: r }) };
    }
    case "bind":
    case "connect": {
      const addr = sockaddrText(a[1] ?? "");
      return { call: p.name, args: [addr ?? a[1] ?? ""], ...(addr ? { ends: p.name === "bind" ? { local: addr } : { peer: addr } } : {}) };
    }
    case "listen":
      return { call: "listen", args: rest(a).slice(0, 1) };
    case "accept":
    case "accept4":
      return {
        call: "accept",
        args: p.name === "accept4" ? flags(a[3]) : [],
        end: () => {
          const ends = labelEnds(/^\d+<(.*)>$/.exec(p.result ?? "")?.[1]);
          if (c.resultFd === undefined) return {};
          return { ...ends, newFd: c.resultFd, result: ends.peer ? `fd ${c.resultFd}, peer ${ends.peer}` : `fd ${c.resultFd}` };
        },
      };
    case "shutdown":
      return { call: "shutdown", args: rest(a) };
    case "close":
      return { call: "close", args: [] };
    case "setsockopt":
    case "getsockopt":
      return { call: p.name, args: [a[1] ?? "", a[2] ?? "", (a[3] ?? "").replace(/^\[(.*)\]$/, "$1")].filter((x) => x !== "") };
    case "read":
      return { call: "recv", args: [a[2] ?? ""], note: t("trace.strace.read"), end: (r) => received(a[1], r) };
    case "write":
      return { call: "send", args: [dataArg(a[1])], note: t("trace.strace.write"), end: sent };
    case "readv":
      return { call: "recv", args: [], note: t("trace.strace.readv"), end: (r) => (count(r) !== undefined ? { result: `${r} bytes`, bytes: count(r) } : {}) };
    case "writev":
      return { call: "send", args: [], note: t("trace.strace.writev"), end: sent };
    case "recvfrom": {
      const from = sockaddrText(a[4] ?? "");
      if (!from) return { call: "recv", args: [a[2] ?? "", ...flags(a[3])], end: (r) => received(a[1], r) };
      return {
        call: "recvfrom",
        args: [a[2] ?? "", ...flags(a[3])],
        end: (r) => {
          const got = received(a[1], r);
          return got.result ? { ...got, result: `${got.result as string} from ${from}`, peer: from } : got;
        },
      };
    }
    case "sendto": {
      const to = sockaddrText(a[4] ?? "");
      if (!to) return { call: "send", args: [dataArg(a[1]), ...flags(a[3])], end: sent };
      return { call: "sendto", args: [dataArg(a[1]), to, ...flags(a[3])], ends: { peer: to }, end: sent };
    }
    case "sendmsg":
    case "sendmmsg":
      return { call: p.name, args: [], end: sent };
    case "recvmsg":
    case "recvmmsg":
      return { call: p.name, args: [], end: (r) => (count(r) !== undefined ? { result: `${r} bytes`, bytes: count(r) } : {}) };
    default:
      if (SKIPPED.has(p.name)) return undefined;
      // getsockname, getpeername, socketpair, poll, select…: strace's own arguments, without the fd.
      return { call: p.name, args: WAITS.has(p.name) ? a : rest(a), ...(WAITS.has(p.name) ? { kind: "select" as const } : {}) };
  }
}

/**
 * Turns the strace calls of one program (all its processes and threads, strace -f)
 * into CallEvents of process `proc`: a call still running (a blocked accept()) as a
 * `start`, and each call that returned as its `start` (when not seen running) and `end`.
 * `hostPid` maps strace's pid (in a private network, the pid inside its PID namespace)
 * to the one the tutor's /proc and the kernel table use.
 */
export class StraceCallEvents {
  private seq = 0;
  /** pid → the call it is in (seen running, not returned yet). */
  private readonly running = new Map<number, { seq: number; name: string; t: number }>();

  constructor(
    private readonly proc: string,
    private readonly hostPid: (pid: number) => number,
    private readonly emit: (ev: CallEvent) => void,
    private readonly clock: () => number,
    /**
     * The socket inodes of the program's standard streams (the tutor's socketpairs): a
     * copy of one (`dup(2)`, as perror() makes) is plumbing too, whatever its fd.
     */
    private readonly plumbing: ReadonlySet<number> = new Set(),
  ) {}

  /** A call on a copy of a standard stream: not the program's own socket. */
  private isPlumbing(c: StraceCall): boolean {
    const inode = c.label ? /^UNIX-[A-Z]+:\[(\d+)/.exec(c.label)?.[1] : undefined;
    return inode !== undefined && this.plumbing.has(Number(inode));
  }

  /** A call strace has started to print and not finished: it waits (StraceFollower.pending()). */
  started(c: StraceCall): void {
    const p = parts(c.text);
    if (!p || this.isPlumbing(c)) return;
    const known = this.running.get(c.pid);
    const t = c.t ?? this.clock();
    if (known && known.name === p.name && known.t === t) return;
    const d = describe(p, c);
    if (!d) return;
    const seq = ++this.seq;
    this.running.set(c.pid, { seq, name: p.name, t });
    this.send({ ...this.base(c, d, seq), phase: "start", t });
  }

  /** A call that returned. */
  finished(c: StraceCall): void {
    const p = parts(c.text);
    if (!p || this.isPlumbing(c)) {
      this.running.delete(c.pid);
      return;
    }
    const d = describe(p, c);
    const t = c.t ?? this.clock();
    const known = this.running.get(c.pid);
    const seen = known && known.name === p.name && known.t === t ? known : undefined;
    if (known) this.running.delete(c.pid);
    if (!d) return;
    const seq = seen?.seq ?? ++this.seq;
    const base = this.base(c, d, seq);
    if (!seen) this.send({ ...base, phase: "start", t });
    const end: Record<string, unknown> = { ...base, ...d.ends, phase: "end", t: p.took !== undefined ? t + p.took * 1000 : t };
    const result = p.result ?? "?";
    const failed = /^(?:-1|\?) (E[A-Z0-9]+)(?: \((.*)\))?/.exec(result);
    if (failed) {
      end.errno = failed[1];
      if (failed[2]) end.error = failed[2];
    } else {
      const more = d.end ? d.end(result) : {};
      Object.assign(end, more);
      if (end.result === undefined) end.result = result === "0" ? "ok" : result;
    }
    this.send(end);
  }

  private base(c: StraceCall, d: Described, seq: number): Record<string, unknown> {
    // A call still running has printed only the arguments it takes in: the rest are left out, not shown empty.
    const ev: Record<string, unknown> = { type: "call", pid: this.hostPid(c.pid), seq, call: d.call, args: d.args.filter((a) => a !== ""), kind: d.kind ?? "socket", ...labelEnds(c.label) };
    if (c.fd !== undefined && d.call !== "socket") ev.fd = c.fd;
    if (d.note) ev.note = d.note;
    return ev;
  }

  private send(o: Record<string, unknown>): void {
    const ev = sanitizeCall(o, this.proc);
    if (ev) this.emit(ev);
  }
}
