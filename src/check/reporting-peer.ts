import type { CallEvent } from "../demo/events.js";
import { t } from "../text/catalog.js";
import { bytesLiteral } from "../text/bytes-literal.js";
import { describeTarget, endpoint, type Datagram, type DatagramPeer, type Peer, type PeerServer, type ReadResult, type StreamConn, type StreamTarget, type WriteResult } from "./peer.js";
import type { SocketFactory } from "../sandbox/socket-broker.js";

/**
 * The checker's side for `verify --live`: the same real sockets as LoopbackPeer,
 * each call also reported as a CallEvent, so the checker's pane shows what it sent
 * and what came back, in the words a demo uses (connect, send, recv, shutdown...).
 * The checks cannot tell the difference. Call names and their arguments are code;
 * the results are words from the catalog.
 */
export class ReportingPeer implements Peer {
  private seq = 0;
  /** Addresses of the checker's sockets, so the kernel table can show them. */
  readonly endpoints = new Set<string>();

  constructor(
    private readonly inner: Peer,
    private readonly emit: (ev: CallEvent) => void,
    readonly proc = "checker",
  ) {}

  useSockets(factory: SocketFactory): void {
    this.inner.useSockets?.(factory);
  }

  /** Reports a call's start; the returned function reports its end. */
  call(name: string, args: string[], thread: string, extra: Partial<CallEvent> = {}): (end: Partial<CallEvent>) => void {
    const seq = ++this.seq;
    const base = { type: "call" as const, proc: this.proc, pid: process.pid, seq, call: name, args, kind: "socket" as const, thread, ...extra };
    this.emit({ ...base, phase: "start", t: Date.now() });
    return (end) => {
      for (const e of [end.local, end.peer]) if (e) this.endpoints.add(e);
      this.emit({ ...base, ...end, phase: "end", t: Date.now() });
    };
  }

  async connect(target: StreamTarget, label: string, timeoutMs?: number): Promise<Awaited<ReturnType<Peer["connect"]>>> {
    const done = this.call("connect", [describeTarget(target)], label);
    const r = await this.inner.connect(target, label, timeoutMs);
    if ("error" in r) {
      done({ errno: r.error, error: r.error === "ETIMEDOUT" ? t("check.call.noAnswer") : undefined });
      return r;
    }
    done({ result: t("check.call.ok"), ...(r.conn.local !== undefined ? { local: r.conn.local } : {}), ...(r.conn.remote !== undefined ? { peer: r.conn.remote } : {}) });
    return { conn: new ReportingConn(r.conn, this) };
  }

  async datagram(family: 4 | 6, label: string): Promise<DatagramPeer> {
    const host = family === 6 ? "::1" : "127.0.0.1";
    const done = this.call("bind", [family === 6 ? "('::1', 0)" : "('127.0.0.1', 0)"], label, { api: `socket(AF_INET${family === 6 ? "6" : ""}, SOCK_DGRAM) + bind` });
    const d = await this.inner.datagram(family, label);
    const local = endpoint(host, d.port)!;
    done({ result: t("check.call.okPort", { port: d.port }), local });
    return new ReportingDatagram(d, this, local);
  }

  async listen(host: string, label: string): Promise<PeerServer> {
    const done = this.call("listen", [host.includes(":") ? `('${host}', 0)` : `('${host}', 0)`], label, { api: "server.listen(): socket + bind + listen" });
    const server = await this.inner.listen(host, label);
    const local = endpoint(host, server.port)!;
    done({ result: t("check.call.okPort", { port: server.port }), local });
    const peer = this;
    return {
      host: server.host,
      port: server.port,
      async accept(ms: number): Promise<StreamConn | undefined> {
        const end = peer.call("accept", [], label, { local });
        const conn = await server.accept(ms);
        if (!conn) {
          end({ result: t("check.call.nothingWithin", { ms }), timedOut: true });
          return undefined;
        }
        end({ result: t("check.call.peer", { address: conn.remote ?? "?" }), local, ...(conn.remote ? { peer: conn.remote } : {}) });
        return new ReportingConn(conn, peer);
      },
      close: () => {
        peer.call("close", [], label, { local })({ result: t("check.call.ok") });
        server.close();
      },
    };
  }

  dispose(): void {
    this.inner.dispose();
  }
}

/** The bytes as the tracers show them: Python's b'…' (text/bytes-literal.ts), "..." when cut. */
function preview(data: Uint8Array, max = 24): string {
  return bytesLiteral(data.subarray(0, max)) + (data.length > max ? "..." : "");
}

function readResult(r: ReadResult): Partial<CallEvent> {
  const bytes = r.data.length;
  const n = bytes;
  if (r.end === "reset" || r.end === "error") return { bytes, errno: r.code ?? "ECONNRESET", ...(bytes ? { result: t("check.call.bytesThenError", { n, code: r.code ?? "ECONNRESET" }) } : {}) };
  if (r.end === "eof") return { bytes, result: bytes ? t("check.call.bytesThenClosed", { n, data: preview(r.data) }) : t("check.call.closed") };
  if (r.end === "timeout") return { bytes, timedOut: true, result: bytes ? t("check.call.bytesThenNothing", { n, data: preview(r.data) }) : t("check.call.nothingWithin", { ms: r.ms }) };
  return { bytes, result: t("check.call.bytes", { n, data: preview(r.data) }) };
}

class ReportingConn implements StreamConn {
  constructor(
    private readonly inner: StreamConn,
    private readonly peer: ReportingPeer,
  ) {}

  get label(): string {
    return this.inner.label;
  }
  get local(): string | undefined {
    return this.inner.local;
  }
  get remote(): string | undefined {
    return this.inner.remote;
  }

  private ends(): Partial<CallEvent> {
    return { ...(this.inner.local ? { local: this.inner.local } : {}), ...(this.inner.remote ? { peer: this.inner.remote } : {}) };
  }

  async write(data: Uint8Array): Promise<WriteResult> {
    const done = this.peer.call("send", [preview(data)], this.label, this.ends());
    const r = await this.inner.write(data);
    done(r.ok ? { result: t("common.bytes", { n: data.length }), bytes: data.length, ...this.ends() } : { errno: r.code ?? "EPIPE", ...this.ends() });
    return r;
  }

  end(): void {
    this.peer.call("shutdown", ["SHUT_WR"], this.label, this.ends())({ result: t("check.call.finSent"), ...this.ends() });
    this.inner.end();
  }

  holdReading(hold: boolean): void {
    this.inner.holdReading(hold);
  }

  private async reading(args: string[], run: () => Promise<ReadResult>): Promise<ReadResult> {
    const done = this.peer.call("recv", args, this.label, this.ends());
    const r = await run();
    done({ ...readResult(r), ...this.ends() });
    return r;
  }

  read(n: number, opts: { idleMs: number; totalMs?: number }): Promise<ReadResult> {
    return this.reading([String(n)], () => this.inner.read(n, opts));
  }

  readToEnd(opts: { idleMs: number; totalMs?: number; max?: number }): Promise<ReadResult> {
    return this.reading([t("check.call.untilEof")], () => this.inner.readToEnd(opts));
  }

  readFor(ms: number): Promise<ReadResult> {
    return this.reading([t("check.call.forMs", { ms })], () => this.inner.readFor(ms));
  }

  close(): void {
    this.peer.call("close", [], this.label, this.ends())({ result: t("check.call.ok"), ...this.ends() });
    this.inner.close();
  }
}

class ReportingDatagram implements DatagramPeer {
  constructor(
    private readonly inner: DatagramPeer,
    private readonly peer: ReportingPeer,
    private readonly localEnd: string,
  ) {}

  get label(): string {
    return this.inner.label;
  }
  get port(): number {
    return this.inner.port;
  }

  async send(data: Uint8Array, to: { host: string; port: number }): Promise<WriteResult> {
    const target = endpoint(to.host, to.port)!;
    const done = this.peer.call("sendto", [preview(data), target], this.label, { local: this.localEnd, peer: target });
    const r = await this.inner.send(data, to);
    done(r.ok ? { result: t("common.bytes", { n: data.length }), bytes: data.length, local: this.localEnd, peer: target } : { errno: r.code ?? "error", local: this.localEnd, peer: target });
    return r;
  }

  async recv(ms: number): Promise<Datagram | undefined> {
    const done = this.peer.call("recvfrom", ["1500"], this.label, { local: this.localEnd });
    const d = await this.inner.recv(ms);
    if (!d) done({ result: t("check.call.nothingWithin", { ms }), timedOut: true, local: this.localEnd });
    else {
      const from = endpoint(d.from.address, d.from.port)!;
      done({ result: t("check.call.bytesFrom", { n: d.data.length, data: preview(d.data), from }), bytes: d.data.length, local: this.localEnd, peer: from });
    }
    return d;
  }

  close(): void {
    this.peer.call("close", [], this.label, { local: this.localEnd })({ result: t("check.call.ok") });
    this.inner.close();
  }
}
