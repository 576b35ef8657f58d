import dgram from "node:dgram";
import net from "node:net";
import { QueueProbe } from "./queues.js";
import { directSockets, type SocketFactory } from "../sandbox/socket-broker.js";

/**
 * The checker's side of the conversation: real sockets on loopback. Checks talk to
 * the learner's program only through this interface, so a live view can later
 * give them a Peer that also reports each call (connect, send, recv) to its panes.
 */

export type StreamTarget = { kind: "tcp"; host: string; port: number } | { kind: "unix"; path: string };
export type Target = StreamTarget | { kind: "udp"; host: string; port: number };

export function describeTarget(t: Target): string {
  if (t.kind === "unix") return t.path;
  return t.host.includes(":") ? `[${t.host}]:${t.port}` : `${t.host}:${t.port}`;
}

/** Why a read stopped. */
export type ReadEnd = "complete" | "eof" | "reset" | "error" | "timeout";

export interface ReadResult {
  data: Buffer;
  end: ReadEnd;
  /** errno code for reset/error (ECONNRESET, EPIPE…) */
  code?: string;
  ms: number;
}

export interface WriteResult {
  ok: boolean;
  code?: string;
}

export interface StreamConn {
  readonly label: string;
  /** This end's and the other end's address ("127.0.0.1:40000", "[::1]:8000", a Unix path), when known. */
  readonly local?: string;
  readonly remote?: string;
  write(data: Uint8Array): Promise<WriteResult>;
  /** Half-close: send FIN, keep reading. */
  end(): void;
  /**
   * Stops (true) or restarts (false) taking bytes from the kernel: a reader that falls
   * behind. What the program sends then waits in the kernel's buffers, and once they
   * are full the program's send() must wait (blocking) or fail with EAGAIN (non-blocking).
   */
  holdReading(hold: boolean): void;
  /**
   * Reads until `n` bytes have arrived (end "complete"), the peer closes or resets,
   * nothing arrives for idleMs, or totalMs passes (end "timeout").
   */
  read(n: number, opts: { idleMs: number; totalMs?: number }): Promise<ReadResult>;
  /** Reads until the peer closes (end "eof") or a timeout; at most `max` bytes are kept. */
  readToEnd(opts: { idleMs: number; totalMs?: number; max?: number }): Promise<ReadResult>;
  /** Whatever arrives within ms (end "timeout" when the wait ran out, which is normal here). */
  readFor(ms: number): Promise<ReadResult>;
  /** Closes both directions (FIN) and forgets the socket. */
  close(): void;
}

export type ConnectResult = { conn: StreamConn } | { error: string; ms: number };

export interface Datagram {
  data: Buffer;
  from: { address: string; port: number };
}

export interface DatagramPeer {
  readonly label: string;
  readonly port: number;
  send(data: Uint8Array, to: { host: string; port: number }): Promise<WriteResult>;
  /** The next datagram, or undefined if none arrives within ms. */
  recv(ms: number): Promise<Datagram | undefined>;
  close(): void;
}

export interface PeerServer {
  readonly host: string;
  readonly port: number;
  /** The next incoming connection, or undefined if none within ms. */
  accept(ms: number): Promise<StreamConn | undefined>;
  close(): void;
}

export interface Peer {
  /** Makes the sockets with this factory from now on (a run's private network). */
  useSockets?(factory: SocketFactory): void;
  connect(target: StreamTarget, label: string, timeoutMs?: number): Promise<ConnectResult>;
  datagram(family: 4 | 6, label: string): Promise<DatagramPeer>;
  listen(host: string, label: string): Promise<PeerServer>;
  /** Closes everything this peer opened. */
  dispose(): void;
}

/**
 * Sleeps up to `ms`, or until the waker handed to `setWake` is called (data, an end
 * or a datagram arrived). The waker is withdrawn when the time runs out.
 */
function wakeableSleep(ms: number, setWake: (wake: (() => void) | undefined) => void): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      setWake(undefined);
      resolve();
    }, ms);
    setWake(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export function endpoint(address: string | undefined, port: number | undefined): string | undefined {
  if (!address || port === undefined) return undefined;
  return address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;
}

class SocketConn implements StreamConn {
  private chunks: Buffer[] = [];
  private bytes = 0;
  private eof = false;
  private errCode: string | undefined;
  private wake: (() => void) | undefined;
  readonly local?: string;
  readonly remote?: string;

  constructor(
    readonly label: string,
    private socket: net.Socket,
    unixPath?: string,
  ) {
    this.local = unixPath !== undefined ? "" : endpoint(socket.localAddress, socket.localPort);
    this.remote = unixPath ?? endpoint(socket.remoteAddress, socket.remotePort);
    socket.setNoDelay(true);
    const probe = unixPath === undefined ? QueueProbe.between(this.local, this.remote) : undefined;
    socket.on("data", (d: Buffer) => {
      this.chunks.push(d);
      this.bytes += d.length;
      this.poke();
    });
    socket.on("end", () => {
      // Node reports a reset met while reading as a plain end of stream. The kernel knows: after
      // a FIN our end is still in its table (CLOSE_WAIT, or TIME_WAIT once we had closed too);
      // after a reset it is gone. (Node closes our side only after this event.)
      if (probe && this.errCode === undefined) {
        const q = probe.read("ours");
        if (q && !q.ours && probe.tableIsReal()) this.errCode = "ECONNRESET";
      }
      this.eof = true;
      this.poke();
    });
    socket.on("error", (err: NodeJS.ErrnoException) => {
      this.errCode ??= err.code ?? err.message;
      this.poke();
    });
    socket.on("close", () => {
      this.eof = true;
      this.poke();
    });
  }

  private poke(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  private take(n: number): Buffer {
    const all = Buffer.concat(this.chunks);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.bytes = rest.length;
    return out;
  }

  write(data: Uint8Array): Promise<WriteResult> {
    if (this.errCode) return Promise.resolve({ ok: false, code: this.errCode });
    if (this.socket.destroyed || !this.socket.writable) return Promise.resolve({ ok: false, code: "EPIPE" });
    return new Promise((resolve) => {
      this.socket.write(data, (err) => resolve(err ? { ok: false, code: (err as NodeJS.ErrnoException).code ?? err.message } : { ok: true }));
    });
  }

  end(): void {
    if (!this.socket.destroyed) this.socket.end();
  }

  holdReading(hold: boolean): void {
    // A paused socket reads on only until Node's own buffer is full (its highWaterMark), then stops reading from the kernel.
    if (hold) this.socket.pause();
    else this.socket.resume();
  }

  private async collect(want: number, keep: number, idleMs: number, totalMs: number): Promise<ReadResult> {
    const start = Date.now();
    let lastBytes = this.bytes;
    let idleStart = start;
    for (;;) {
      if (this.bytes >= want) return { data: this.take(want), end: "complete", ms: Date.now() - start };
      if (this.errCode) {
        const code = this.errCode;
        return { data: this.take(keep), end: code === "ECONNRESET" || code === "EPIPE" ? "reset" : "error", code, ms: Date.now() - start };
      }
      if (this.eof) return { data: this.take(keep), end: "eof", ms: Date.now() - start };
      const now = Date.now();
      if (this.bytes !== lastBytes) {
        lastBytes = this.bytes;
        idleStart = now;
      }
      const left = Math.min(idleStart + idleMs - now, start + totalMs - now);
      if (left <= 0) return { data: this.take(keep), end: "timeout", ms: now - start };
      await wakeableSleep(left, (w) => (this.wake = w));
    }
  }

  read(n: number, opts: { idleMs: number; totalMs?: number }): Promise<ReadResult> {
    return this.collect(n, n, opts.idleMs, opts.totalMs ?? opts.idleMs);
  }

  readToEnd(opts: { idleMs: number; totalMs?: number; max?: number }): Promise<ReadResult> {
    const max = opts.max ?? 64 << 20;
    return this.collect(Number.POSITIVE_INFINITY, max, opts.idleMs, opts.totalMs ?? opts.idleMs);
  }

  readFor(ms: number): Promise<ReadResult> {
    return this.collect(Number.POSITIVE_INFINITY, 64 << 20, ms, ms);
  }

  close(): void {
    this.socket.end();
    this.socket.destroySoon();
    // A peer that never reads could keep the socket half-open: bound the wait.
    setTimeout(() => this.socket.destroy(), 500).unref();
  }

  destroy(): void {
    this.socket.destroy();
  }
}

class UdpPeer implements DatagramPeer {
  private queue: Datagram[] = [];
  private wake: (() => void) | undefined;

  constructor(
    readonly label: string,
    private socket: dgram.Socket,
    readonly port: number,
  ) {
    socket.on("message", (data, rinfo) => {
      this.queue.push({ data, from: { address: rinfo.address, port: rinfo.port } });
      const w = this.wake;
      this.wake = undefined;
      w?.();
    });
    // ICMP port unreachable shows up as an error on some platforms: not fatal to the checker.
    socket.on("error", () => undefined);
  }

  send(data: Uint8Array, to: { host: string; port: number }): Promise<WriteResult> {
    return new Promise((resolve) => {
      this.socket.send(data, to.port, to.host, (err) => resolve(err ? { ok: false, code: (err as NodeJS.ErrnoException).code ?? err.message } : { ok: true }));
    });
  }

  async recv(ms: number): Promise<Datagram | undefined> {
    const deadline = Date.now() + ms;
    while (this.queue.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      await wakeableSleep(left, (w) => (this.wake = w));
    }
    return this.queue.shift();
  }

  close(): void {
    try {
      this.socket.close();
    } catch {
      // already closed
    }
  }
}

/**
 * The real thing: node:net and node:dgram sockets on loopback, made by a socket
 * factory: here in the tutor, or inside the run's private network (sandbox/socket-broker.ts).
 */
export class LoopbackPeer implements Peer {
  private closers: Array<() => void> = [];

  constructor(private sockets: SocketFactory = directSockets) {}

  /** Makes the sockets of the checks that follow with `factory` (the run's private network). */
  useSockets(factory: SocketFactory): void {
    this.sockets = factory;
  }

  async connect(target: StreamTarget, label: string, timeoutMs = 2000): Promise<ConnectResult> {
    const start = Date.now();
    try {
      const socket = await this.sockets.connect(target.kind === "unix" ? { path: target.path } : { host: target.host, port: target.port }, timeoutMs);
      this.closers.push(() => socket.destroy());
      return { conn: new SocketConn(label, socket, target.kind === "unix" ? target.path : undefined) };
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      return { error: e.code ?? e.message, ms: Date.now() - start };
    }
  }

  async datagram(family: 4 | 6, label: string): Promise<DatagramPeer> {
    const socket = await this.sockets.udp(family === 6 ? "::1" : "127.0.0.1", family);
    this.closers.push(() => {
      try {
        socket.close();
      } catch {
        // already closed
      }
    });
    return new UdpPeer(label, socket, socket.address().port);
  }

  async listen(host: string, _label: string): Promise<PeerServer> {
    const incoming: StreamConn[] = [];
    let wake: (() => void) | undefined;
    let count = 0;
    const server = await this.sockets.listen(host);
    server.on("connection", (socket) => {
      socket.allowHalfOpen = true;
      count++;
      const conn = new SocketConn(`connection ${count}`, socket);
      this.closers.push(() => conn.destroy());
      incoming.push(conn);
      const w = wake;
      wake = undefined;
      w?.();
    });
    this.closers.push(() => server.close());
    return {
      host,
      port: server.address().port,
      async accept(ms: number): Promise<StreamConn | undefined> {
        const deadline = Date.now() + ms;
        while (incoming.length === 0) {
          const left = deadline - Date.now();
          if (left <= 0) return undefined;
          await wakeableSleep(left, (w) => (wake = w));
        }
        return incoming.shift();
      },
      close: () => server.close(),
    };
  }

  dispose(): void {
    for (const close of this.closers.splice(0).reverse()) {
      try {
        close();
      } catch {
        // keep closing the rest
      }
    }
  }
}
