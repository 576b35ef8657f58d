/**
 * socket-tutor's tracer for Node demo programs, loaded with
 * `node --import <this file> PROGRAM.mjs`. Written in TypeScript and compiled with
 * the rest (dist/src/demo/tracers/node/preload.js) so its events are type-checked
 * against CallEvent; it imports only Node built-ins, so loading it costs little.
 *
 * It patches net and dgram prototypes, so it sees calls however the program
 * imports them, and maps them to BSD names honestly: Node's server.listen() is one
 * call that does socket+bind+listen, so it is reported as one `listen` with a note
 * saying so; 'connection' and 'data' are reported as accept and recv *after* libuv
 * made those calls, again with a note. Nothing is reported that Node did not do.
 *
 * Protocol (all of it, in one place: docs/tracer-protocol.md), as the Python tracer:
 * JSON lines out on fd 3; commands in on fd 4 ("c", "c N", "r", "s", "q"), EOF =
 * the tutor is gone = exit. In step mode a patched call blocks in fs.readSync on
 * fd 4 (libuv made it non-blocking: EAGAIN is retried after a short Atomics.wait);
 * between calls an unref'd stream on fd 4 notices EOF from the event loop, so a
 * process idle in the loop (waiting for a connection) still dies with the tutor.
 * Without SOCKET_TUTOR_TRACE_MODE (a child the demo itself starts) it does nothing.
 *
 * The demo clock (src/demo/clock.ts): "t run D M" / "t hold D" on fd 4 (and
 * SOCKET_TUTOR_CLOCK at start) say when the tutor's clock runs and when it is
 * stopped (while any call of the demo waits for the learner's key). The waits a
 * demo program can use follow it: global and node:timers setTimeout/setInterval,
 * node:timers/promises setTimeout, net.Socket#setTimeout, Atomics.wait (a sleep)
 * and performance.now(). A timer is a real timer armed for the demo time left (none
 * while the clock is stopped) that checks the demo clock when it fires, so a process
 * released from a long pause (blocked in readSync meanwhile) does not fire all its
 * overdue timers at once: each waits for the demo time it still has. The tutor's
 * demo programs use nothing else (test/demo/timing-lint.test.ts).
 */
import dgram from "node:dgram";
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";
import path from "node:path";
import timers from "node:timers";
import timersPromises from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";
import type { CallEvent } from "../../events.js";

type Fn = (this: unknown, ...args: unknown[]) => unknown;
type Traced = Omit<CallEvent, "proc">;
interface Site {
  file?: string;
  line?: number;
  via?: string;
}
interface Handle {
  _handle?: { fd?: number } | null;
}

const EV_FD = 3;
const CTL_FD = 4;
const MODE = process.env.SOCKET_TUTOR_TRACE_MODE;
const SELF = fileURLToPath(import.meta.url);
const PROGRAM = path.resolve(process.argv[1] ?? "");
const PROGRAM_DIR = path.dirname(PROGRAM);
const DATA_SHOWN = 48;
const INTERNAL = Symbol("socket-tutor internal");
const nap = new Int32Array(new SharedArrayBuffer(4));
// The real clocks and waits, taken before the program's are replaced (patchTime).
const realPerfNow = performance.now.bind(performance);
const realWait = Atomics.wait;
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

let stepping = MODE === "step";
let seq = 0;
let depth = 0;
let ctlBuffer = "";

function die(): never {
  process.exit(1);
}

function now(): number {
  return performance.timeOrigin + realPerfNow();
}

function sleepMs(ms: number): void {
  realWait(nap, 0, 0, ms);
}

function emitReady(): void {
  writeEventLine({ type: "ready", pid: OUTER_PID, t: now() });
}

function emit(ev: Traced): void {
  writeEventLine(ev);
}

function writeEventLine(ev: Traced | { type: "ready"; pid: number; t: number }): void {
  const data = Buffer.from(JSON.stringify(ev) + "\n");
  let off = 0;
  let wait = 1;
  while (off < data.length) {
    try {
      off += fs.writeSync(EV_FD, data, off);
      wait = 1;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EAGAIN") die();
      sleepMs(wait);
      wait = Math.min(wait * 2, 10);
    }
  }
}

/** One command line from fd 4, blocking (step mode); undefined at EOF. */
function readLineSync(): string | undefined {
  const buf = Buffer.alloc(64);
  let wait = 1;
  for (;;) {
    const nl = ctlBuffer.indexOf("\n");
    if (nl >= 0) {
      const line = ctlBuffer.slice(0, nl).trim();
      ctlBuffer = ctlBuffer.slice(nl + 1);
      return line;
    }
    let n: number;
    try {
      n = fs.readSync(CTL_FD, buf, 0, buf.length, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== "EAGAIN" && code !== "EINTR") return undefined;
      sleepMs(wait);
      wait = Math.min(wait + 1, 10);
      continue;
    }
    if (n === 0) return undefined;
    ctlBuffer += buf.toString("latin1", 0, n);
    wait = 1;
  }
}

function command(line: string): void {
  if (line.startsWith("t ")) setClock(line.slice(2));
  else if (line === "r") stepping = false;
  else if (line === "s") stepping = true;
  else if (line === "q") die();
  // "c" with nothing paused: stale, ignore.
}

function hold(n: number, announce: () => void): void {
  if (!stepping || depth > 0) return;
  announce();
  for (;;) {
    const line = readLineSync();
    if (line === undefined) die();
    if (line === "c" || line === `c ${n}`) return runBuffered();
    command(line);
    if (!stepping) return runBuffered();
  }
}

/**
 * The lines that came in the same read as the one that ended a hold ("c 1\nr\nt run …\n",
 * when the tutor continues a call and switches to run mode at once). The watcher below
 * sees only new data: left in the buffer, "t run" would wait for a line that may never
 * come, and the program's timers with it (its clock held).
 */
function runBuffered(): void {
  let nl: number;
  while ((nl = ctlBuffer.indexOf("\n")) >= 0) {
    const line = ctlBuffer.slice(0, nl).trim();
    ctlBuffer = ctlBuffer.slice(nl + 1);
    command(line);
  }
}

function watchControl(): void {
  const ctl = new net.Socket({ fd: CTL_FD, readable: true, writable: false });
  (ctl as unknown as Record<symbol, boolean>)[INTERNAL] = true;
  ctl.setEncoding("latin1");
  ctl.on("data", (chunk: string) => {
    ctlBuffer += chunk;
    let nl: number;
    while ((nl = ctlBuffer.indexOf("\n")) >= 0) {
      const line = ctlBuffer.slice(0, nl).trim();
      ctlBuffer = ctlBuffer.slice(nl + 1);
      command(line);
    }
  });
  ctl.on("end", die);
  ctl.on("error", die);
  ctl.unref();
}

// ---- the demo clock ----

const monoMs = (): number => Number(process.hrtime.bigint()) / 1e6;
/** A blocking wait (Atomics.wait) reads fd 4 this often: the clock may stop or start meanwhile. */
const WAIT_SLICE_MS = 50;
/** The longest delay of a real timer (Node's TIMEOUT_MAX): the wait of a timer while the clock is stopped. */
const TIMEOUT_MAX = 2 ** 31 - 1;
const clock = { running: true, base: 0, since: monoMs(), last: 0 };

/** Demo milliseconds since the run started, as the tutor's clock says; never backwards. */
function demoNow(): number {
  const value = clock.running ? clock.base + (monoMs() - clock.since) : clock.base;
  if (value > clock.last) clock.last = value;
  return clock.last;
}

/** "run D M" or "hold D" (see the header); anything else is ignored. */
function setClock(line: string): void {
  const [how, d, m] = line.split(" ");
  const demo = Number(d);
  if (!Number.isFinite(demo) || (how !== "run" && how !== "hold")) return;
  if (how === "run") {
    const since = Number(m);
    if (!Number.isFinite(since)) return;
    const mono = monoMs();
    // The same monotonic clock as the tutor's; a value from the future (or from another clock) counts from now.
    clock.since = mono - since >= 0 && mono - since < 60_000 ? since : mono;
    clock.running = true;
  } else clock.running = false;
  clock.base = demo;
  for (const timer of liveTimers) timer.arm();
}

/** Reads the control lines that wait on fd 4 now, without blocking (a blocking wait of the program's cannot use the event loop). */
function readControlNow(): void {
  const buf = Buffer.alloc(256);
  for (let i = 0; i < 64; i++) {
    let n: number;
    try {
      n = fs.readSync(CTL_FD, buf, 0, buf.length, null);
    } catch {
      return; // EAGAIN: nothing more for now
    }
    if (n === 0) die();
    ctlBuffer += buf.toString("latin1", 0, n);
    let nl: number;
    while ((nl = ctlBuffer.indexOf("\n")) >= 0) {
      const line = ctlBuffer.slice(0, nl).trim();
      ctlBuffer = ctlBuffer.slice(nl + 1);
      command(line);
    }
  }
}

const liveTimers = new Set<DemoTimer>();
const timersById = new Map<number, DemoTimer>();
// Far from Node's own timer ids, so clearTimeout(number) never takes one for the other.
let lastTimerId = 2 ** 30;

/**
 * A timer on the demo clock, with a Node Timeout's public face (ref, unref, hasRef,
 * refresh, close, a number for clearTimeout). Underneath, a real timer armed for
 * the demo time left, re-armed whenever the clock stops or starts and whenever it
 * fires early (a pause in between).
 */
class DemoTimer {
  readonly id = ++lastTimerId;
  private real: NodeJS.Timeout | undefined;
  private due: number;
  private refed = true;
  private cleared = false;

  constructor(
    private readonly fn: Fn,
    private readonly ms: number,
    private readonly args: unknown[],
    private readonly repeat: boolean,
  ) {
    this.due = demoNow() + ms;
    this.activate();
  }

  arm(): void {
    if (this.real !== undefined) realClearTimeout(this.real);
    const left = clock.running ? Math.max(1, Math.ceil(this.due - demoNow())) : TIMEOUT_MAX;
    this.real = realSetTimeout(() => this.fire(), Math.min(left, TIMEOUT_MAX));
    if (!this.refed) this.real.unref();
  }

  close(): this {
    this.cleared = true;
    this.deactivate();
    return this;
  }

  ref(): this {
    this.refed = true;
    this.real?.ref();
    return this;
  }

  unref(): this {
    this.refed = false;
    this.real?.unref();
    return this;
  }

  hasRef(): boolean {
    return this.refed;
  }

  /** Starts the delay again from now (also after the timer has fired, as Node's refresh does). */
  refresh(): this {
    if (this.cleared) return this;
    this.due = demoNow() + this.ms;
    this.activate();
    return this;
  }

  [Symbol.toPrimitive](): number {
    return this.id;
  }

  private activate(): void {
    liveTimers.add(this);
    timersById.set(this.id, this);
    this.arm();
  }

  private deactivate(): void {
    liveTimers.delete(this);
    timersById.delete(this.id);
    if (this.real !== undefined) realClearTimeout(this.real);
    this.real = undefined;
  }

  private fire(): void {
    this.real = undefined;
    if (!liveTimers.has(this)) return;
    // Early by the demo clock: the process was paused, or the clock stopped, in between.
    if (demoNow() + 0.5 < this.due) return this.arm();
    if (this.repeat) {
      this.due = demoNow() + this.ms;
      this.arm();
    } else this.deactivate();
    this.fn.apply(this, this.args);
  }
}

if (typeof Symbol.dispose === "symbol") (DemoTimer.prototype as unknown as Record<symbol, unknown>)[Symbol.dispose] = function (this: DemoTimer) {
  this.close();
};

/** Node's rule for a delay: a number from 1 to TIMEOUT_MAX, else 1. */
function delayOf(delay: unknown): number {
  const ms = Number(delay);
  return ms >= 1 && ms <= TIMEOUT_MAX ? ms : 1;
}

function demoSetTimeout(fn: unknown, delay?: unknown, ...args: unknown[]): unknown {
  // Not a function: Node's own error.
  if (typeof fn !== "function") return realSetTimeout(fn as () => void, Number(delay));
  return new DemoTimer(fn as Fn, delayOf(delay), args, false);
}

function demoSetInterval(fn: unknown, delay?: unknown, ...args: unknown[]): unknown {
  if (typeof fn !== "function") return realSetTimeout(fn as () => void, Number(delay));
  return new DemoTimer(fn as Fn, delayOf(delay), args, true);
}

function demoClearTimer(timer: unknown): void {
  if (timer instanceof DemoTimer) return void timer.close();
  if ((typeof timer === "number" || typeof timer === "string") && timersById.has(Number(timer))) return void timersById.get(Number(timer))!.close();
  realClearTimeout(timer as NodeJS.Timeout);
}

/** node:timers/promises setTimeout(delay, value, { signal, ref }) on the demo clock. */
function demoSleep(delay?: unknown, value?: unknown, options?: { signal?: AbortSignal; ref?: boolean }): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const signal = options?.signal;
    const aborted = (): Error => Object.assign(new Error("The operation was aborted"), { name: "AbortError", code: "ABORT_ERR", cause: signal?.reason });
    if (signal?.aborted) return reject(aborted());
    const onAbort = (): void => {
      timer.close();
      reject(aborted());
    };
    const timer = new DemoTimer(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve(value);
      },
      delayOf(delay),
      [],
      false,
    );
    if (options?.ref === false) timer.unref();
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Atomics.wait with a timeout (a demo's sleep): the timeout is demo time; fd 4 is read between slices. */
function demoWait(typedArray: Int32Array | BigInt64Array, index: number, value: number | bigint, timeout?: number): "ok" | "not-equal" | "timed-out" {
  const wait = realWait as (a: Int32Array | BigInt64Array, i: number, v: number | bigint, t?: number) => "ok" | "not-equal" | "timed-out";
  const ms = timeout === undefined ? Infinity : Number(timeout);
  if (!(ms > 0) || ms === Infinity) return wait(typedArray, index, value, timeout);
  const due = demoNow() + ms;
  for (;;) {
    readControlNow();
    const left = due - demoNow();
    if (left <= 0) return "timed-out";
    const result = wait(typedArray, index, value, Math.min(left, WAIT_SLICE_MS));
    if (result !== "timed-out") return result;
  }
}

function patchTime(): void {
  const globals = globalThis as unknown as Record<string | symbol, unknown>;
  const ownTimers = timers as unknown as Record<string, unknown>;
  const customPromisify = Symbol.for("nodejs.util.promisify.custom");
  (demoSetTimeout as unknown as Record<symbol, unknown>)[customPromisify] = demoSleep;
  for (const target of [globals, ownTimers]) {
    target.setTimeout = demoSetTimeout;
    target.setInterval = demoSetInterval;
    target.clearTimeout = demoClearTimer;
    target.clearInterval = demoClearTimer;
  }
  (timersPromises as unknown as Record<string, unknown>).setTimeout = demoSleep;
  // `import { setTimeout } from "node:timers"` in the program sees the new functions too.
  syncBuiltinESMExports();
  (Atomics as unknown as Record<string, unknown>).wait = demoWait;
  const perfBase = realPerfNow() - demoNow();
  performance.now = () => perfBase + demoNow();
}

// ---- where a call came from ----

function site(): Site {
  const limit = Error.stackTraceLimit;
  const prepare = Error.prepareStackTrace;
  Error.stackTraceLimit = 60;
  Error.prepareStackTrace = (_e, frames) => frames;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  Error.captureStackTrace(holder, site);
  const frames = holder.stack ?? [];
  Error.stackTraceLimit = limit;
  Error.prepareStackTrace = prepare;
  let inner: NodeJS.CallSite | undefined;
  for (const f of frames) {
    const raw = f.getFileName() ?? "";
    const file = raw.startsWith("file://") ? fileURLToPath(raw) : raw;
    if (file === SELF) continue;
    if (file === PROGRAM || file.startsWith(PROGRAM_DIR + path.sep)) {
      const out: Site = { file: path.relative(PROGRAM_DIR, file), line: f.getLineNumber() ?? undefined };
      const innerFile = inner?.getFileName() ?? "";
      const fn = inner?.getFunctionName();
      if (inner && innerFile.startsWith("node:") && !innerFile.startsWith("node:internal") && fn) out.via = `${innerFile.slice(5)}.${fn}`;
      return out;
    }
    inner = f;
  }
  return {};
}

/** Event handlers run from the event loop: their site is where the program registered them. */
const registered = new WeakMap<object, Map<string, Site>>();
const WATCHED = new Set(["connection", "data", "readable", "end", "message", "listening", "connect"]);

function handlerSite(emitter: object, ...events: string[]): Site {
  const map = registered.get(emitter);
  for (const e of events) {
    const s = map?.get(e);
    if (s) return s;
  }
  return {};
}

// ---- formatting ----

function show(v: unknown): string {
  if (typeof v === "string") return `'${v}'`;
  return inspect(v, { breakLength: Infinity, compact: true, depth: 2, colors: false });
}

function showArgs(args: unknown[]): string[] {
  return args.filter((a) => typeof a !== "function").map(show);
}

function toBuffer(data: unknown, encoding?: unknown): Buffer | undefined {
  if (Buffer.isBuffer(data)) return data;
  if (typeof data === "string") return Buffer.from(data, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
  if (data instanceof Uint8Array) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return undefined;
}

/**
 * Bytes as Python's repr writes them (b'caf\xc3\xa9'), the same in both runtimes
 * and on the checker's side. A copy of src/text/bytes-literal.ts: this file is
 * loaded alone into the traced program (test/demo/bytes-literal.test.ts keeps the two equal).
 */
function bytesLiteral(buf: Uint8Array): string {
  const quote = buf.includes(0x27) && !buf.includes(0x22) ? '"' : "'";
  let out = "";
  for (const b of buf) {
    if (b === 0x5c) out += "\\\\";
    else if (b === 0x09) out += "\\t";
    else if (b === 0x0a) out += "\\n";
    else if (b === 0x0d) out += "\\r";
    else if (b === quote.charCodeAt(0)) out += `\\${quote}`;
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, "0")}`;
  }
  return `b${quote}${out}${quote}`;
}

/** The first DATA_SHOWN bytes as a literal, "..." when there were more. */
function shownBytes(buf: Uint8Array): string {
  return bytesLiteral(buf.subarray(0, DATA_SHOWN)) + (buf.length > DATA_SHOWN ? "..." : "");
}

function showData(buf: Buffer): string {
  return `${buf.length} byte${buf.length === 1 ? "" : "s"} ${shownBytes(buf)}`;
}

function endpoint(address: string | undefined, port: number | undefined): string | undefined {
  if (address === undefined) return undefined;
  if (port === undefined) return address;
  return address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;
}

function fdOf(obj: unknown): number | undefined {
  const fd = (obj as Handle)._handle?.fd;
  return typeof fd === "number" && fd >= 0 ? fd : undefined;
}

/**
 * Unix socket paths, which Node does not report on a connected socket: the server
 * side's is the listening path, the client side's peer is the path it connected to.
 * They let the timeline pair the two ends, as addresses do for TCP.
 */
const unixNames = new WeakMap<object, { local?: string; peer?: string }>();

function socketNames(s: net.Socket): { local?: string; peer?: string } {
  const out: { local?: string; peer?: string } = {};
  const unix = unixNames.get(s);
  const local = endpoint(s.localAddress, s.localPort) ?? unix?.local;
  const peer = endpoint(s.remoteAddress, s.remotePort) ?? unix?.peer;
  if (local) out.local = local;
  if (peer) out.peer = peer;
  return out;
}

function serverName(server: net.Server): string | undefined {
  const a = server.address();
  if (a === null) return undefined;
  return typeof a === "string" ? a : endpoint(a.address, a.port);
}

const MESSAGES: Record<string, string> = {
  ECONNREFUSED: "Connection refused",
  EADDRINUSE: "Address already in use",
  EADDRNOTAVAIL: "Cannot assign requested address",
  EACCES: "Permission denied",
  EPERM: "Operation not permitted",
  ECONNRESET: "Connection reset by peer",
  EPIPE: "Broken pipe",
  ETIMEDOUT: "Connection timed out",
  ENOENT: "No such file or directory",
  EMSGSIZE: "Message too long",
  EINVAL: "Invalid argument",
  ENOTCONN: "Transport endpoint is not connected",
};

function errorFields(err: unknown): Partial<Traced> {
  const e = err as NodeJS.ErrnoException;
  const code = typeof e?.code === "string" ? e.code : undefined;
  return { errno: code, error: (code && MESSAGES[code]) ?? e?.message ?? String(err), result: undefined };
}

// ---- reporting ----

/**
 * The process's pid as the tutor sees it: inside a run's private PID namespace
 * process.pid is small (3, 4...), while /proc (the tutor's) names it by its pid outside.
 */
const OUTER_PID = ((): number => {
  try {
    return Number(fs.readlinkSync("/proc/self")) || process.pid;
  } catch {
    return process.pid;
  }
})();

interface Open {
  ev: Traced;
}

function begin(call: string, args: string[], extra: Partial<Traced>, where: Site, pause = true): Open {
  const n = ++seq;
  const ev: Traced = { type: "call", pid: OUTER_PID, seq: n, phase: "start", call, args, t: 0, kind: "socket", ...where, ...extra };
  if (pause) hold(n, () => emit({ ...ev, phase: "pending", t: now() }));
  emit({ ...ev, phase: "start", t: now() });
  return { ev };
}

function finish(open: Open, fields: Partial<Traced>): void {
  const out: Traced = { ...open.ev, ...fields, phase: "end", t: now() };
  for (const k of Object.keys(out) as (keyof Traced)[]) if (out[k] === undefined) delete out[k];
  emit(out);
}

/** A call made synchronously by the program: pending/start before, end after. */
function around(self: unknown, orig: Fn, args: unknown[], call: string, shown: string[], extra: Partial<Traced>, describe: (ret: unknown) => Partial<Traced>): unknown {
  const where = site();
  const open = begin(call, shown, where.file ? extra : { ...extra, note: byNode(extra.note) }, where);
  depth++;
  let ret: unknown;
  try {
    ret = orig.apply(self, args);
  } catch (err) {
    depth--;
    finish(open, errorFields(err));
    throw err;
  }
  depth--;
  finish(open, describe(ret));
  return ret;
}

function byNode(note: string | undefined): string {
  return note ? `${note} (Node made this call on its own, not your code)` : "Node made this call on its own, not your code";
}

function patch(proto: object, name: string, make: (orig: Fn) => Fn): void {
  const rec = proto as Record<string, unknown>;
  const orig = rec[name];
  if (typeof orig !== "function") return;
  rec[name] = make(orig as Fn);
}

/** The tracer's own control socket and the process's stdio pipes (also net.Sockets) are not the program's sockets. */
function internal(obj: unknown): boolean {
  if (obj instanceof dgram.Socket) return false; // never the tracer's; and its _handle getter is deprecated
  const o = obj as Record<symbol | string, unknown> & Handle;
  if (o[INTERNAL] === true || o._isStdio === true) return true;
  const fd = o._handle?.fd;
  return typeof fd === "number" && fd >= 0 && fd <= 2;
}

function watchRegistrations(proto: object): void {
  for (const method of ["on", "addListener", "once", "prependListener", "prependOnceListener"]) {
    patch(proto, method, (orig) =>
      function (this: unknown, ...args: unknown[]) {
        const event = args[0];
        if (typeof event === "string" && WATCHED.has(event) && !internal(this)) {
          // Where the handler was registered; not `via` (that names the registering helper, not the call).
          const { via: _via, ...s } = site();
          if (s.file) {
            let map = registered.get(this as object);
            if (!map) registered.set(this as object, (map = new Map()));
            if (!map.has(event)) map.set(event, s);
          }
        }
        return orig.apply(this, args);
      },
    );
  }
}

// ---- net ----

const pendingListen = new WeakMap<object, Open>();
const idleTimers = new WeakMap<object, DemoTimer>();
const pendingConnect = new WeakMap<object, Open>();

function patchNet(): void {
  watchRegistrations(net.Server.prototype);
  watchRegistrations(net.Socket.prototype);

  patch(net.Server.prototype, "listen", (orig) =>
    function (this: unknown, ...args: unknown[]) {
      const server = this as net.Server;
      if (pendingListen.has(server)) return orig.apply(this, args);
      const where = site();
      const open = begin("listen", showArgs(args), { api: `server.listen(${showArgs(args).join(", ")})`, note: "Node's server.listen() does socket()+bind()+listen() in one call (and libuv sets SO_REUSEADDR)" }, where);
      pendingListen.set(server, open);
      return orig.apply(this, args);
    },
  );

  patch(net.Server.prototype, "emit", (orig) =>
    function (this: unknown, ...args: unknown[]) {
      const server = this as net.Server;
      const event = args[0];
      const open = pendingListen.get(server);
      if (event === "listening" && open) {
        pendingListen.delete(server);
        const local = serverName(server);
        finish(open, { result: "ok", fd: fdOf(server), local });
      } else if (event === "error" && open) {
        pendingListen.delete(server);
        finish(open, errorFields(args[1]));
      } else if (event === "connection" && args[1] instanceof net.Socket) {
        const conn = args[1];
        const listening = server.address();
        if (typeof listening === "string") unixNames.set(conn, { local: listening });
        const where = handlerSite(server, "connection");
        const accepted = begin("accept", [], { fd: fdOf(server), api: "'connection' event", note: "libuv accepted this connection as soon as it arrived; Node hands it to your 'connection' handler" }, where);
        const fd = fdOf(conn);
        const peerName = endpoint(conn.remoteAddress, conn.remotePort) ?? (typeof listening === "string" ? "(unnamed)" : "?");
        finish(accepted, { result: `fd ${fd ?? "?"}, peer ${peerName}`, newFd: fd, ...socketNames(conn) });
      }
      return orig.apply(this, args);
    },
  );

  patch(net.Server.prototype, "close", (orig) =>
    function (this: unknown, ...args: unknown[]) {
      const server = this as net.Server;
      if (!server.listening) return orig.apply(this, args);
      const fd = fdOf(server);
      return around(this, orig, args, "close", [], { fd, api: "server.close()", note: "stops listening; Node waits for open connections to end before 'close'" }, () => ({ result: "ok" }));
    },
  );

  patch(net.Socket.prototype, "connect", (orig) =>
    function (this: unknown, ...args: unknown[]) {
      const sock = this as net.Socket;
      if (internal(sock) || pendingConnect.has(sock) || depth > 0) return orig.apply(this, args);
      const where = site();
      // net.connect() passes its arguments on already normalised: show the options object.
      const normalized = Array.isArray(args[0]) ? (args[0] as unknown[]) : undefined;
      const shown = normalized ? showArgs(normalized.slice(0, 1)) : showArgs(args);
      const open = begin("connect", shown, { api: `connect(${shown.join(", ")})`, note: "Node creates the socket and connects in one call: socket()+connect()" }, where);
      pendingConnect.set(sock, open);
      const options = (normalized?.[0] ?? args[0]) as { path?: unknown } | undefined;
      const path = typeof options === "string" ? options : typeof options?.path === "string" ? options.path : undefined;
      if (path) unixNames.set(sock, { peer: path });
      depth++;
      try {
        return orig.apply(this, args);
      } finally {
        depth--;
      }
    },
  );

  patch(net.Socket.prototype, "emit", (orig) =>
    function (this: unknown, ...args: unknown[]) {
      const sock = this as net.Socket;
      const event = args[0];
      if (!internal(sock)) {
        const open = pendingConnect.get(sock);
        if (event === "connect" && open) {
          pendingConnect.delete(sock);
          finish(open, { result: "ok", fd: fdOf(sock), ...socketNames(sock) });
        } else if (event === "error" && open) {
          pendingConnect.delete(sock);
          finish(open, errorFields(args[1]));
        }
      }
      return orig.apply(this, args);
    },
  );

  patch(net.Socket.prototype, "push", (orig) =>
    function (this: unknown, ...args: unknown[]) {
      const sock = this as net.Socket;
      const chunk = args[0];
      if (internal(sock) || !(chunk === null || Buffer.isBuffer(chunk))) return orig.apply(this, args);
      const where = handlerSite(sock, "data", "readable", "end");
      const fd = fdOf(sock);
      const open = begin("recv", [], { fd, api: chunk === null ? "'end' event" : "'data' event", note: "libuv read these bytes as soon as they arrived; Node hands them to your 'data' handler" }, where);
      const buf = chunk as Buffer | null;
      finish(open, { result: buf === null ? "0 bytes (the peer closed its side)" : showData(buf), bytes: buf === null ? 0 : buf.length, ...socketNames(sock) });
      return orig.apply(this, args);
    },
  );

  patch(net.Socket.prototype, "write", (orig) =>
    function (this: unknown, ...args: unknown[]) {
      const sock = this as net.Socket;
      const buf = toBuffer(args[0], args[1]);
      if (internal(sock) || !buf) return orig.apply(this, args);
      return around(this, orig, args, "send", [shownBytes(buf)], { fd: fdOf(sock), api: "socket.write()", note: "Node writes with write(2), the same as send() without flags" }, () => {
        const queued = sock.writableLength;
        return { result: queued > 0 ? `${buf.length} bytes, ${queued} waiting in Node's buffer` : `${buf.length} bytes handed to the kernel`, bytes: buf.length, fd: fdOf(sock), ...socketNames(sock) };
      });
    },
  );

  patch(net.Socket.prototype, "end", (orig) =>
    function (this: unknown, ...args: unknown[]) {
      const sock = this as net.Socket;
      if (internal(sock) || sock.writableEnded || sock.destroyed) return orig.apply(this, args);
      const data = typeof args[0] === "function" ? undefined : toBuffer(args[0], args[1]);
      if (!data?.length) return around(this, orig, args, "shutdown", ["SHUT_WR"], { fd: fdOf(sock), api: "socket.end()", note: "socket.end() sends what is queued, then shutdown(SHUT_WR): a FIN to the peer" }, () => ({ result: "ok", ...socketNames(sock) }));
      // end(data) writes through Writable's internals, not write(): report both halves.
      const where = site();
      const sent = begin("send", [shownBytes(data)], { fd: fdOf(sock), api: "socket.end(data)", note: "socket.end(data) writes the data, then shuts down: shutdown(SHUT_WR), a FIN to the peer" }, where);
      depth++;
      let ret: unknown;
      try {
        ret = orig.apply(this, args);
      } catch (err) {
        depth--;
        finish(sent, errorFields(err));
        throw err;
      }
      depth--;
      finish(sent, { result: `${data.length} bytes handed to Node, then the FIN`, bytes: data.length, ...socketNames(sock) });
      const shut = begin("shutdown", ["SHUT_WR"], { fd: fdOf(sock), api: "socket.end(data)" }, where, false);
      finish(shut, { result: "ok", ...socketNames(sock) });
      return ret;
    },
  );

  patch(net.Socket.prototype, "destroy", (orig) =>
    function (this: unknown, ...args: unknown[]) {
      const sock = this as net.Socket;
      const fd = fdOf(sock);
      if (internal(sock) || sock.destroyed || fd === undefined) return orig.apply(this, args);
      const names = socketNames(sock);
      return around(this, orig, args, "close", [], { fd, api: "socket.destroy()", note: "Node closes the socket's fd" }, () => ({ result: "ok", ...names }));
    },
  );

  patch(net.Socket.prototype, "setNoDelay", (orig) =>
    function (this: unknown, ...args: unknown[]) {
      const on = args[0] === undefined ? true : Boolean(args[0]);
      return around(this, orig, args, "setsockopt", ["IPPROTO_TCP", "TCP_NODELAY", on ? "1" : "0"], { fd: fdOf(this), api: "socket.setNoDelay()" }, () => ({ result: "ok" }));
    },
  );

  // The idle timeout, on the demo clock: Node's own timer is cleared, ours is reset
  // by the same activity that resets Node's (_unrefTimer, which Node calls on reads and writes).
  patch(net.Socket.prototype, "setTimeout", (orig) =>
    function (this: unknown, ...args: unknown[]) {
      const sock = this as net.Socket & { _onTimeout(): void };
      if (internal(sock)) return orig.apply(this, args);
      const ret = orig.apply(this, args); // Node checks the arguments and adds the callback as a 'timeout' listener
      idleTimers.get(sock)?.close();
      idleTimers.delete(sock);
      const ms = Number(args[0]);
      if (!(ms > 0) || sock.destroyed) return ret;
      orig.call(this, 0); // clears Node's own timer
      (sock as unknown as { timeout: number }).timeout = ms;
      const timer = new DemoTimer(() => {
        if (!sock.destroyed) sock._onTimeout();
      }, delayOf(ms), [], false);
      timer.unref();
      idleTimers.set(sock, timer);
      sock.once("close", () => idleTimers.get(sock)?.close());
      return ret;
    },
  );
  // (Node's stream code calls it as socket[kUpdateTimer], a getter that returns this._unrefTimer.)
  patch(net.Socket.prototype, "_unrefTimer", (orig) =>
    function (this: unknown, ...args: unknown[]) {
      for (let s = this as { _parent?: unknown } | null; s; s = (s._parent ?? null) as typeof s) idleTimers.get(s as object)?.refresh();
      return orig.apply(this, args);
    },
  );
}

// ---- dgram ----

const pendingBind = new WeakMap<object, Open>();
const queuedSends = new WeakMap<object, { where: Site; shown: string[] }[]>();
const pendingUdpConnect = new WeakMap<object, Open>();

/**
 * A dgram socket's fd. Not through `_handle`: that getter is deprecated (DEP0112)
 * and would print a warning in the program's output. Node keeps the handle under
 * a symbol described "state symbol"; when it is not found, no fd is shown.
 */
function udpFd(s: object): number | undefined {
  const key = Object.getOwnPropertySymbols(s).find((k) => k.description === "state symbol");
  const state = key ? ((s as Record<symbol, unknown>)[key] as { handle?: { fd?: number } } | undefined) : undefined;
  const fd = state?.handle?.fd;
  return typeof fd === "number" && fd >= 0 ? fd : undefined;
}

function udpName(s: dgram.Socket): string | undefined {
  try {
    const a = s.address();
    return endpoint(a.address, a.port);
  } catch {
    return undefined;
  }
}

function patchDgram(): void {
  const proto = dgram.Socket.prototype;
  watchRegistrations(proto);

  patch(proto, "bind", (orig) =>
    function (this: unknown, ...args: unknown[]) {
      if (pendingBind.has(this as object)) return orig.apply(this, args);
      const where = site();
      const shown = showArgs(args);
      const extra: Partial<Traced> = { api: `socket.bind(${shown.join(", ")})`, note: "dgram's bind() creates the socket and binds it: socket()+bind()" };
      const open = begin("bind", shown, where.file ? extra : { ...extra, note: byNode("dgram binds an unbound socket before its first send()") }, where);
      pendingBind.set(this as object, open);
      return orig.apply(this, args);
    },
  );

  patch(proto, "connect", (orig) =>
    function (this: unknown, ...args: unknown[]) {
      const where = site();
      const open = begin("connect", showArgs(args), { api: "socket.connect()", note: "a UDP connect() only fixes the peer address; no packet is sent" }, where);
      pendingUdpConnect.set(this as object, open);
      return orig.apply(this, args);
    },
  );

  patch(proto, "emit", (orig) =>
    function (this: unknown, ...args: unknown[]) {
      const sock = this as dgram.Socket;
      const event = args[0];
      const bindOpen = pendingBind.get(sock);
      const connOpen = pendingUdpConnect.get(sock);
      if (event === "listening" && bindOpen) {
        pendingBind.delete(sock);
        finish(bindOpen, { result: "ok", fd: udpFd(sock), local: udpName(sock) });
      } else if (event === "connect" && connOpen) {
        pendingUdpConnect.delete(sock);
        finish(connOpen, { result: "ok", fd: udpFd(sock), local: udpName(sock) });
      } else if (event === "error" && (bindOpen || connOpen)) {
        if (bindOpen) pendingBind.delete(sock);
        if (connOpen) pendingUdpConnect.delete(sock);
        finish((bindOpen ?? connOpen)!, errorFields(args[1]));
      } else if (event === "message" && Buffer.isBuffer(args[1])) {
        const msg = args[1];
        const rinfo = args[2] as dgram.RemoteInfo;
        const from = endpoint(rinfo.address, rinfo.port);
        const open = begin("recvfrom", [], { fd: udpFd(sock), api: "'message' event", note: "libuv received this datagram as soon as it arrived; Node hands it to your 'message' handler" }, handlerSite(sock, "message"));
        finish(open, { result: `${showData(msg)} from ${from}`, bytes: msg.length, local: udpName(sock), peer: from });
      }
      return orig.apply(this, args);
    },
  );

  patch(proto, "send", (orig) =>
    function (this: unknown, ...args: unknown[]) {
      const sock = this as dgram.Socket;
      const msg = args[0];
      const buf = Array.isArray(msg) ? Buffer.concat(msg.map((m) => toBuffer(m) ?? Buffer.alloc(0))) : toBuffer(msg);
      const rest = args.slice(1).filter((a) => typeof a !== "function" && a !== undefined && a !== null);
      // send(msg, [offset, length,] port, address): the last two plain values are the destination.
      const port = rest.length >= 2 ? rest[rest.length - 2] : rest[0];
      const address = rest.length >= 2 ? rest[rest.length - 1] : undefined;
      const peer = typeof port === "number" ? endpoint(typeof address === "string" ? address : "127.0.0.1", port) : undefined;
      // An unbound socket: Node binds it first and calls send() again once bound.
      // Report that second call only, with the program's line from this one.
      if (udpFd(sock) === undefined) {
        const queue = queuedSends.get(sock) ?? [];
        queue.push({ where: site(), shown: [buf ? shownBytes(buf) : show(msg), ...rest.map(show)] });
        queuedSends.set(sock, queue);
        return orig.apply(this, args);
      }
      let where = site();
      let shown = [buf ? shownBytes(buf) : show(msg), ...rest.map(show)];
      const queued = where.file ? undefined : queuedSends.get(sock)?.shift();
      if (queued) ({ where, shown } = queued);
      const open = begin("sendto", shown, { fd: udpFd(sock), api: "socket.send()" }, where);
      const cbIndex = args.findIndex((a) => typeof a === "function");
      const done = (err: unknown, bytes?: unknown) => {
        if (err) finish(open, errorFields(err));
        else finish(open, { result: `${typeof bytes === "number" ? bytes : buf?.length ?? "?"} bytes sent`, bytes: typeof bytes === "number" ? bytes : buf?.length, fd: udpFd(sock), local: udpName(sock), peer });
      };
      if (cbIndex >= 0) {
        const cb = args[cbIndex] as Fn;
        args[cbIndex] = function (this: unknown, ...cbArgs: unknown[]) {
          done(cbArgs[0], cbArgs[1]);
          return cb.apply(this, cbArgs);
        };
        return orig.apply(this, args);
      }
      // Without a callback the program learns of errors through 'error': adding one
      // would change that, so the call is reported as queued.
      const ret = orig.apply(this, args);
      finish(open, { result: `${buf?.length ?? "?"} bytes queued for sendto()`, bytes: buf?.length, fd: udpFd(sock), local: udpName(sock), peer });
      return ret;
    },
  );

  patch(proto, "close", (orig) =>
    function (this: unknown, ...args: unknown[]) {
      const fd = udpFd(this as object);
      if (fd === undefined) return orig.apply(this, args);
      return around(this, orig, args, "close", [], { fd, api: "socket.close()" }, () => ({ result: "ok" }));
    },
  );

  for (const [method, opt] of [["setRecvBufferSize", "SO_RCVBUF"], ["setSendBufferSize", "SO_SNDBUF"]] as const) {
    patch(proto, method, (orig) =>
      function (this: unknown, ...args: unknown[]) {
        return around(this, orig, args, "setsockopt", ["SOL_SOCKET", opt, show(args[0])], { fd: udpFd(this as object), api: `socket.${method}()` }, () => ({ result: "ok" }));
      },
    );
  }
}

/**
 * Stack traces without the tracer's frames: a program's error should look as it
 * would without the tutor (the patched emit/write sit between Node and its code).
 */
function hideOwnFrames(): void {
  // Node 20 installs its own formatter here; ours filters the frames and hands over.
  const format = Error.prepareStackTrace;
  Error.prepareStackTrace = (err, frames) => {
    const kept = frames.filter((f) => {
      const raw = f.getFileName() ?? "";
      return (raw.startsWith("file://") ? fileURLToPath(raw) : raw) !== SELF;
    });
    if (format) return format(err, kept);
    const head = err instanceof Error ? Error.prototype.toString.call(err) : String(err);
    return [head, ...kept.map((f) => `    at ${f.toString()}`)].join("\n");
  };
}

if (MODE !== undefined) {
  delete process.env.SOCKET_TUTOR_TRACE_MODE;
  const clockAtStart = process.env.SOCKET_TUTOR_CLOCK;
  delete process.env.SOCKET_TUTOR_CLOCK;
  if (clockAtStart?.startsWith("t ")) setClock(clockAtStart.slice(2));
  hideOwnFrames();
  watchControl();
  patchTime();
  patchNet();
  patchDgram();
  // The start-up is over: the tutor holds the demo clock until now (see docs/tracer-protocol.md).
  emitReady();
}
