/**
 * The checker's sockets, made inside a run's private network. The tutor process
 * cannot enter a namespace, so a small Node helper runs inside (socket-helper.ts)
 * and hands each socket over the IPC channel: the tutor gets an ordinary net.Socket,
 * net.Server or dgram.Socket and uses it as if it had made it. Outside a sandbox
 * (no namespaces here), `directSockets` makes them in the tutor itself.
 */
import { spawn, type ChildProcess } from "node:child_process";
import dgram from "node:dgram";
import { EventEmitter } from "node:events";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { t } from "../text/catalog.js";
import type { BrokerReply, BrokerRequest } from "./broker-protocol.js";
import type { RunSandbox } from "./namespace.js";

/** A listening TCP socket: its address, and each connection it accepts. */
export interface Listener {
  address(): { address: string; port: number };
  on(event: "connection", listener: (socket: net.Socket) => void): this;
  once(event: "connection", listener: (socket: net.Socket) => void): this;
  close(): void;
}

/** What a checker needs to open: one method per kind of socket. */
export interface SocketFactory {
  /** A connected stream socket, or an error with the errno's code (ECONNREFUSED, ENOENT, ETIMEDOUT…). */
  connect(target: { host: string; port: number } | { path: string }, timeoutMs: number): Promise<net.Socket>;
  /** A listening TCP socket on host (port 0: any). */
  listen(host: string, port?: number): Promise<Listener>;
  /** A UDP socket bound to host, port 0. */
  udp(host: string, family: 4 | 6): Promise<dgram.Socket>;
  dispose(): void;
}

export class BrokerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "BrokerError";
  }
}

function codeError(code: string, message: string): NodeJS.ErrnoException {
  const e = new Error(message) as NodeJS.ErrnoException;
  e.code = code;
  return e;
}

/** Sockets made here, in the tutor (no private network). */
export const directSockets: SocketFactory = {
  connect(target, timeoutMs) {
    return new Promise((resolve, reject) => {
      const s = "path" in target ? net.connect({ path: target.path }) : net.connect({ host: target.host, port: target.port });
      const timer = setTimeout(() => {
        s.destroy();
        reject(codeError("ETIMEDOUT", "connect timed out"));
      }, timeoutMs);
      s.once("connect", () => {
        clearTimeout(timer);
        s.removeAllListeners("error");
        resolve(s);
      });
      s.once("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  },
  listen(host, port = 0) {
    return new Promise((resolve, reject) => {
      const server = net.createServer({ allowHalfOpen: true });
      server.once("error", reject);
      server.listen({ host, port }, () => {
        server.removeListener("error", reject);
        resolve(server as unknown as Listener);
      });
    });
  },
  udp(host, family) {
    return new Promise((resolve, reject) => {
      const u = dgram.createSocket(family === 6 ? "udp6" : "udp4");
      u.once("error", reject);
      u.bind(0, host, () => {
        u.removeListener("error", reject);
        resolve(u);
      });
    });
  },
  dispose() {
    // nothing held
  },
};

/** A server the helper holds: connections it accepts arrive as "accepted" messages. */
class BrokerListener extends EventEmitter implements Listener {
  constructor(
    private readonly where: { address: string; port: number },
    private readonly closeIt: () => void,
  ) {
    super();
  }

  address(): { address: string; port: number } {
    return this.where;
  }

  close(): void {
    this.closeIt();
    this.removeAllListeners();
  }
}

/** A request before it is numbered (distributed over the union, so each kind keeps its fields). */
type WithoutId<R> = R extends unknown ? Omit<R, "id"> : never;

const helperPath = path.join(path.dirname(fileURLToPath(import.meta.url)), "socket-helper.js");

/** Sockets made inside a sandbox by its helper. Start it early: Node takes a moment to start. */
export class SocketBroker implements SocketFactory {
  private readonly child: ChildProcess;
  private readonly ready: Promise<void>;
  private next = 1;
  private readonly waiting = new Map<number, (reply: BrokerReply, handle: unknown) => void>();
  private gone: string | undefined;
  private readonly listeners = new Map<number, BrokerListener>();

  constructor(sandbox: RunSandbox) {
    const { cmd, args } = sandbox.wrap(process.execPath, [helperPath]);
    this.child = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe", "ipc"], serialization: "json" });
    let err = "";
    this.child.stderr!.setEncoding("utf8").on("data", (d: string) => {
      if (err.length < 2000) err += d;
    });
    this.ready = new Promise((resolve, reject) => {
      this.waiting.set(0, () => resolve());
      const lost = (why: string): void => {
        this.gone = why;
        reject(new BrokerError("EIO", t("sandbox.helperGone", { why })));
        for (const [id, w] of this.waiting) if (id !== 0) w({ id, ok: false, code: "EIO", message: t("sandbox.helperGone", { why }) }, undefined);
        this.waiting.clear();
      };
      this.child.once("error", (e) => lost(e.message));
      this.child.once("exit", (code, signal) => lost(err.trim().split("\n")[0] || `exit ${code ?? signal}`));
    });
    this.ready.catch(() => undefined);
    this.child.on("message", (m: BrokerReply, handle: unknown) => {
      if ("accepted" in m) {
        const l = this.listeners.get(m.accepted);
        if (l && handle instanceof net.Socket) l.emit("connection", handle);
        else (handle as net.Socket | undefined)?.destroy();
        return;
      }
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      w?.(m, handle);
    });
    // The broker must not keep a finished tutor alive.
    this.child.unref();
    (this.child as unknown as { channel?: { unref(): void } }).channel?.unref();
  }

  /** Sends a request and resolves with the handle that comes with the reply (or the reply itself). */
  private async ask<T>(req: WithoutId<BrokerRequest>, id = this.next++): Promise<T> {
    await this.ready;
    if (this.gone) throw new BrokerError("EIO", t("sandbox.helperGone", { why: this.gone }));
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, (reply, handle) => {
        if ("accepted" in reply) return;
        if (!reply.ok) return reject(codeError(reply.code, reply.message));
        resolve((handle ?? reply) as T);
      });
      (this.child as unknown as { channel?: { ref(): void } }).channel?.ref();
      this.child.send({ ...req, id } as BrokerRequest, (err) => {
        if (err) {
          this.waiting.delete(id);
          reject(err);
        }
      });
    }).finally(() => {
      if (this.waiting.size === 0) (this.child as unknown as { channel?: { unref(): void } }).channel?.unref();
    });
  }

  connect(target: { host: string; port: number } | { path: string }, timeoutMs: number): Promise<net.Socket> {
    return this.ask<net.Socket>("path" in target ? { op: "connect", path: target.path, timeoutMs } : { op: "connect", host: target.host, port: target.port, timeoutMs });
  }

  async listen(host: string, port?: number): Promise<Listener> {
    const id = this.next++;
    const r = await this.ask<{ local: string; localPort: number }>(port === undefined ? { op: "listen", host } : { op: "listen", host, port }, id);
    const listener = new BrokerListener({ address: r.local, port: r.localPort }, () => {
      this.listeners.delete(id);
      if (!this.gone) void this.ask({ op: "unlisten", server: id }).catch(() => undefined);
    });
    // Set before any connection can come: the learner's program learns the port from this reply.
    this.listeners.set(id, listener);
    return listener;
  }

  udp(host: string, family: 4 | 6): Promise<dgram.Socket> {
    return this.ask<dgram.Socket>({ op: "udp", host, family });
  }

  dispose(): void {
    this.listeners.clear();
    try {
      this.child.kill("SIGKILL");
    } catch {
      // gone with the sandbox
    }
  }
}
