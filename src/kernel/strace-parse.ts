/**
 * A streaming parser of `strace -f -yy [-ttt]` output that keeps the calls a
 * learner cares about: those on socket fds, plus socket()/socketpair() even
 * when they fail. File I/O (the interpreter reading its modules) is dropped.
 *
 * Line forms (strace 5/6):
 *   8193  socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 19<TCP:[14872]>
 *   [pid  8193] ...            (the prefix when writing to a terminal)
 *   8193  1700000000.123456 listen(...)  (with -ttt)
 *   8676  accept4(3<TCP:[127.0.0.1:34155]>,  <unfinished ...>
 *   8676  <... accept4 resumed>{sa_family=AF_INET, ...}, [16], SOCK_CLOEXEC) = 4<TCP:[...]>
 *   8676  +++ exited with 0 +++   /   --- SIGCHLD {...} ---
 * -yy labels an fd with what it is: `3<TCP:[127.0.0.1:5555->127.0.0.1:46586]>`,
 * `<TCPv6:[[::1]:80]>`, `<UDP:[...]>`, `<UNIX-STREAM:[14901->14899,"/path"]>`,
 * `socket:[123]` (protocol unknown), versus `</usr/lib/x.so>`, `<pipe:[1]>`, `<anon_inode:[eventpoll]>`.
 */

export interface StraceCall {
  pid: number;
  /** The call as strace printed it, without pid/timestamp, an unfinished/resumed pair joined. */
  text: string;
  /** Syscall name: socket, bind, listen, accept4, connect, sendto, recvfrom, read, write, close, epoll_ctl... */
  call: string;
  /** The socket fd the call works on (for socket()/socketpair(): the new fd, if any). */
  fd?: number;
  /** Its -yy label without the fd: "TCP:[127.0.0.1:5555->127.0.0.1:46586]". */
  label?: string;
  /** True when an fd involved is a socket (always true for kept calls unless keepAll). */
  isSocket: boolean;
  /** What it returned, as printed: "0", "5", "4<TCP:[...]>", "-1 ECONNREFUSED (Connection refused)". Absent while unfinished. */
  result?: string;
  /** "ECONNREFUSED", "EAGAIN", "EINPROGRESS", "ERESTARTSYS"... */
  errno?: string;
  /** The fd a call returned, for socket/accept/accept4. */
  resultFd?: number;
  /** ms since epoch when the call started / returned (needs -ttt). */
  t?: number;
  tEnd?: number;
  /** Set on calls from pending(): started but not returned yet (blocked in accept(), recv()...). */
  unfinished?: boolean;
}

export interface StraceParserOptions {
  /** Pid for lines without a prefix (strace without -f). Default 0. */
  defaultPid?: number;
  /**
   * Socket fds to drop. Default [0, 1, 2]: a child spawned by Node with stdio
   * "pipe" has Unix socketpairs there, which are the tutor's plumbing, not the
   * demo's. Add the tracer's event/control fds.
   */
  ignoreFds?: readonly number[];
  /** Keep every call, socket or not (isSocket tells them apart). */
  keepAll?: boolean;
  /** Keep netlink sockets (glibc's getaddrinfo opens one). Default false. */
  keepNetlink?: boolean;
}

const SOCKET_LABEL = /(\d+)<((?:[A-Z][A-Za-z0-9-]*|socket)):\[(.*?)\]>/g;
const CREATORS = new Set(["socket", "socketpair"]);
const RETURNS_FD = new Set(["socket", "accept", "accept4"]);

interface Head {
  pid: number;
  t?: number;
  body: string;
}

/** Splits "[pid N] " / "N  " and an optional "-ttt" timestamp off a line. */
function splitHead(line: string, defaultPid: number): Head {
  let rest = line;
  let pid = defaultPid;
  let m = /^\[pid\s+(\d+)\]\s+/.exec(rest) ?? /^(\d+)\s+/.exec(rest);
  if (m) {
    pid = Number(m[1]);
    rest = rest.slice(m[0].length);
  }
  let t: number | undefined;
  m = /^(\d{9,}\.\d+)\s+/.exec(rest);
  if (m) {
    t = Number(m[1]) * 1000;
    rest = rest.slice(m[0].length);
  }
  return { pid, t, body: rest };
}

interface Label {
  fd: number;
  kind: string;
  text: string;
}

function socketLabels(s: string): Label[] {
  const out: Label[] = [];
  for (const m of s.matchAll(SOCKET_LABEL)) out.push({ fd: Number(m[1]), kind: m[2], text: `${m[2]}:[${m[3]}]` });
  return out;
}

/** Splits "name(args) = result" at the last ")<spaces>= ". */
function splitResult(body: string): { call: string; args: string; result?: string } | undefined {
  const name = /^([a-z_][a-z0-9_]*)\(/.exec(body);
  if (!name) return undefined;
  const m = /^(.*\))\s+= (.*)$/s.exec(body);
  if (!m) return { call: name[1], args: body.slice(name[0].length) };
  return { call: name[1], args: m[1].slice(name[0].length, -1), result: m[2].trim() };
}

export class StraceParser {
  private buf = "";
  /** pid → the start of a call that strace reported as unfinished. */
  private readonly open = new Map<number, { text: string; t?: number }>();
  private readonly defaultPid: number;
  private readonly ignore: ReadonlySet<number>;

  constructor(private readonly opts: StraceParserOptions = {}) {
    this.defaultPid = opts.defaultPid ?? 0;
    this.ignore = new Set(opts.ignoreFds ?? [0, 1, 2]);
  }

  /** Feeds a chunk of output; returns the calls completed by it, in order. */
  push(chunk: string): StraceCall[] {
    this.buf += chunk;
    const out: StraceCall[] = [];
    let nl: number;
    while ((nl = this.buf.indexOf("\n")) >= 0) {
      const line = this.buf.slice(0, nl);
      this.buf = this.buf.slice(nl + 1);
      const call = this.line(line);
      if (call) out.push(call);
    }
    return out;
  }

  /** Calls started and not yet returned: strace's "<unfinished ...>" ones and the line it is still writing. */
  pending(): StraceCall[] {
    const out: StraceCall[] = [];
    for (const [pid, o] of this.open) {
      const c = this.build(pid, o.text, o.t, undefined, true);
      if (c) out.push(c);
    }
    if (this.buf.trim() !== "") {
      const h = splitHead(this.buf, this.defaultPid);
      if (!this.open.has(h.pid)) {
        const c = this.build(h.pid, h.body.trimEnd(), h.t, undefined, true);
        if (c) out.push(c);
      }
    }
    return out;
  }

  /** End of output: a last line without a newline, then whatever is still unfinished. */
  end(): StraceCall[] {
    const out = this.buf.trim() !== "" ? this.push("\n") : [];
    out.push(...this.pending());
    this.open.clear();
    return out;
  }

  private line(raw: string): StraceCall | undefined {
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "") return undefined;
    const h = splitHead(line, this.defaultPid);
    const body = h.body;
    if (body.startsWith("+++ ") || body.startsWith("--- ")) {
      this.open.delete(h.pid);
      return undefined;
    }
    const unfinished = / <unfinished \.\.\.>$/.exec(body);
    const resumed = /^<\.\.\. ([a-z_][a-z0-9_]*) resumed>\s?/.exec(body);
    if (resumed) {
      const start = this.open.get(h.pid);
      this.open.delete(h.pid);
      let rest = body.slice(resumed[0].length);
      // "<... accept4 resumed> <unfinished ...>) = ?": the process died inside the call
      rest = rest.replace(/^<unfinished \.\.\.>/, "");
      const text = start ? start.text + rest : `${resumed[1]}(${rest}`;
      return this.build(h.pid, text, start?.t ?? h.t, h.t, false);
    }
    if (unfinished) {
      this.open.set(h.pid, { text: body.slice(0, unfinished.index), t: h.t });
      return undefined;
    }
    return this.build(h.pid, body, h.t, h.t, false);
  }

  private build(pid: number, text: string, t: number | undefined, tEnd: number | undefined, isPending: boolean): StraceCall | undefined {
    const parts = splitResult(text);
    if (!parts) return undefined;
    const argLabels = socketLabels(parts.args);
    const resultLabels = parts.result ? socketLabels(parts.result) : [];
    const keepKind = (l: Label) => this.opts.keepNetlink || l.kind !== "NETLINK";
    const creator = CREATORS.has(parts.call);
    let fdLabel: Label | undefined;
    if (creator) fdLabel = resultLabels[0] ?? argLabels[0];
    else fdLabel = argLabels[0];
    const netlink = (fdLabel !== undefined && !keepKind(fdLabel)) || (creator && !this.opts.keepNetlink && /^AF_NETLINK\b/.test(parts.args));
    const isSocket = !netlink && (fdLabel !== undefined || creator);
    if (!this.opts.keepAll) {
      if (!isSocket) return undefined;
      if (fdLabel && this.ignore.has(fdLabel.fd)) return undefined;
    }
    const call: StraceCall = { pid, text: text.trimEnd(), call: parts.call, isSocket };
    if (fdLabel) {
      call.fd = fdLabel.fd;
      call.label = fdLabel.text;
    }
    if (parts.result !== undefined && !isPending) {
      call.result = parts.result;
      const e = /^(?:-1|\?) (E[A-Z0-9]+)/.exec(parts.result);
      if (e) call.errno = e[1];
      if (RETURNS_FD.has(parts.call)) {
        const r = /^(\d+)/.exec(parts.result);
        if (r) call.resultFd = Number(r[1]);
      }
    }
    if (t !== undefined) call.t = t;
    if (tEnd !== undefined && !isPending) call.tEnd = tEnd;
    if (isPending) call.unfinished = true;
    return call;
  }
}

/** Parses a whole captured output at once (tests, post-mortem). */
export function parseStraceText(text: string, opts?: StraceParserOptions): StraceCall[] {
  const p = new StraceParser(opts);
  const out = p.push(text);
  out.push(...p.end());
  return out;
}
