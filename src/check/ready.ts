import { lstatSync } from "node:fs";
import net from "node:net";
import dgram from "node:dgram";
import { crashHints, describeExit, seconds, stderrExcerpt } from "./diagnose.js";
import { see } from "./lessons.js";
import { describeSocket, formatInet, readInetTable, readUnixTable, type InetSocket, type KernelSocket } from "./procnet.js";
import type { ProgramView } from "./program.js";
import { describeTarget, type Target } from "./peer.js";
import type { CheckContext, Outcome } from "./types.js";

/**
 * Is the learner's program ready? On Linux the kernel's socket table answers
 * without touching the program: a LISTEN row (TCP), a bound row (UDP), a listening
 * Unix socket at the path. That matters for a server that serves exactly one
 * client (a probe connection would be that client) and for UDP, where there is
 * nothing to connect to. Elsewhere: connect probes, or probe datagrams for UDP.
 */

function isV4(addr: string): boolean {
  return !addr.includes(":");
}

function unspecified(addr: string): boolean {
  return addr === "0.0.0.0" || addr === "::";
}

/** Does a socket bound to `addr` receive what is sent to `host`? */
export function covers(addr: string, host: string): boolean {
  if (addr === host) return true;
  if (isV4(host)) return addr === "0.0.0.0" || addr === "::" || addr === `::ffff:${host}`;
  return addr === "::";
}

export function findBound(target: Target, rows: KernelSocket[]): KernelSocket | undefined {
  if (target.kind === "unix") return rows.find((r) => r.table === "unix" && r.path === target.path && r.listening && r.type === "STREAM");
  const tables = target.kind === "tcp" ? ["tcp", "tcp6"] : ["udp", "udp6"];
  return rows.find(
    (r): r is InetSocket =>
      r.table !== "unix" && tables.includes(r.table) && r.localPort === target.port && (target.kind === "udp" || r.state === "LISTEN") && covers(r.localAddress, target.host),
  );
}

function readRows(target: Target): KernelSocket[] | undefined {
  if (target.kind === "unix") return readUnixTable();
  const [a, b] = target.kind === "tcp" ? (["tcp", "tcp6"] as const) : (["udp", "udp6"] as const);
  const r1 = readInetTable(a);
  const r2 = readInetTable(b);
  if (!r1 && !r2) return undefined;
  return [...(r1 ?? []), ...(r2 ?? [])];
}

async function probe(target: Target): Promise<boolean> {
  if (target.kind === "udp") {
    return new Promise((resolve) => {
      const s = dgram.createSocket(isV4(target.host) ? "udp4" : "udp6");
      const done = (ok: boolean): void => {
        clearTimeout(timer);
        try {
          s.close();
        } catch {
          // closed
        }
        resolve(ok);
      };
      const timer = setTimeout(() => done(false), 100);
      s.on("error", () => done(false));
      s.on("message", () => done(true));
      s.send(Buffer.from("probe"), target.port, target.host);
    });
  }
  return new Promise((resolve) => {
    const s = target.kind === "unix" ? net.connect({ path: target.path }) : net.connect({ host: target.host, port: target.port });
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

export interface ReadyResult {
  ready: boolean;
  ms: number;
  bound?: KernelSocket;
}

/** Polls until the address is served, the program exits, the run is cancelled, or timeoutMs passes. */
export async function waitReady(ctx: CheckContext, program: ProgramView, target: Target, timeoutMs: number): Promise<ReadyResult> {
  const start = Date.now();
  let kernel = ctx.readiness === "kernel";
  for (let i = 0; ; i++) {
    if (kernel) {
      const rows = readRows(target);
      if (rows === undefined) kernel = false;
      else {
        const bound = findBound(target, rows);
        if (bound) return { ready: true, ms: Date.now() - start, bound };
      }
    }
    if (!kernel && (await probe(target))) return { ready: true, ms: Date.now() - start };
    if (program.exit() || ctx.signal.aborted) return { ready: false, ms: Date.now() - start };
    const elapsed = Date.now() - start;
    if (elapsed >= timeoutMs) return { ready: false, ms: elapsed };
    // Bound to the wrong port, family or protocol: clear after a second, no need to wait 5.
    if (elapsed >= 1000 && i % 10 === 0 && (explainPath(target).length > 0 || (kernel && explainSockets(program.sockets(), target).length > 0))) return { ready: false, ms: elapsed };
    // Fast at first (a program is usually up in 50–300 ms), gentler later.
    await Promise.race([ctx.sleep(elapsed < 1000 ? 10 : 50), program.waitExit(elapsed < 1000 ? 10 : 50)]);
  }
}

function portHelp(): string {
  return "In Python: int(os.environ[\"PORT\"]); in JavaScript: Number(process.env.PORT).";
}

/** The diagnosis when nothing listens: what the program did bind, if anything, and what that means. */
export function explainNotReady(program: ProgramView, target: Target, ctx: CheckContext, r: ReadyResult): string {
  const where = describeTarget(target);
  const verb = target.kind === "udp" ? "bound" : "listening";
  const exit = program.exit();
  if (exit) {
    const lines = [`Your program ${describeExit(exit)} after ${seconds(exit.atMs)}, before it was ${verb} on ${where}.`, stderrExcerpt(program)];
    lines.push(...crashHints(program.stderrTail(), ctx.env));
    if (exit.code === 0 && !program.stderrTail().trim()) lines.push("It ended without an error: did it reach bind() and listen()? A server must keep running and serve clients in a loop.");
    return lines.join("\n");
  }
  const sockets = program.sockets();
  const lines = [`Nothing was ${verb} on ${where} after ${seconds(r.ms)}; your program is still running.`];
  const explained = [...explainPath(target), ...explainSockets(sockets, target)];
  if (explained.length) lines.push(...explained);
  else if (sockets.length === 0 && ctx.readiness === "kernel") {
    lines.push("It has no socket open at all: is it stuck before socket() and bind()?");
    const cpu = program.cpuMs();
    if (cpu !== undefined) lines.push(cpu > r.ms * 0.5 ? `It used ${(cpu / 1000).toFixed(1)} s of CPU: busy in a loop.` : "It is mostly idle: waiting for something (a sleep? reading input, which the checker does not give?).");
  } else if (ctx.readiness !== "kernel") {
    lines.push(
      target.kind === "unix"
        ? "Is it binding SOCKET_PATH from the environment, with an AF_UNIX SOCK_STREAM socket, and calling listen()?"
        : `Likely causes: it does not read PORT from the environment (so it listens on another port), or it listens on another address family than HOST (${target.kind === "udp" ? "" : "HOST is "}${"host" in target ? target.host : ""}). ${portHelp()}`,
    );
  } else {
    lines.push(`Its sockets: ${sockets.map(describeSocket).join("; ")}.`);
  }
  return lines.join("\n");
}

/**
 * unix-echo: what is at SOCKET_PATH when it is not a socket. The checker made the
 * folder and left the path free, so anything there came from the learner's program.
 */
export function explainPath(target: Target): string[] {
  if (target.kind !== "unix") return [];
  let kind: string;
  try {
    const st = lstatSync(target.path);
    if (st.isSocket()) return [];
    kind = st.isDirectory() ? "a directory (a folder)" : st.isFile() ? "a regular file, not a socket" : st.isSymbolicLink() ? "a symbolic link, not a socket" : st.isFIFO() ? "a named pipe (FIFO), not a socket" : "not a socket";
  } catch {
    return [];
  }
  const made = kind.startsWith("a directory") ? "Your program created it (os.makedirs? mkdir?)" : "Your program created it";
  return [
    `SOCKET_PATH (${target.path}) is ${kind}. ${made}, so there was nothing the checker could connect to. ` +
      `bind() creates the socket file itself: create nothing at that path, bind an AF_UNIX SOCK_STREAM socket to it and call listen() (${see("address-families")}).`,
  ];
}

function familyName(addr: string): string {
  return isV4(addr) ? "IPv4" : "IPv6";
}

/** Compares what the program bound with what the exercise asked for. */
export function explainSockets(sockets: KernelSocket[], target: Target): string[] {
  const out: string[] = [];
  const tcpListen = sockets.filter((s): s is InetSocket => (s.table === "tcp" || s.table === "tcp6") && s.state === "LISTEN");
  const tcpBoundOnly = sockets.filter((s): s is InetSocket => (s.table === "tcp" || s.table === "tcp6") && s.state === "CLOSE" && s.localPort !== 0);
  const udpBound = sockets.filter((s): s is InetSocket => (s.table === "udp" || s.table === "udp6") && s.localPort !== 0);
  const unixBound = sockets.filter((s): s is Extract<KernelSocket, { table: "unix" }> => s.table === "unix" && s.path !== "");
  const connecting = sockets.filter((s): s is InetSocket => (s.table === "tcp" || s.table === "tcp6") && s.state === "SYN_SENT");

  if (target.kind === "unix") {
    for (const s of tcpListen) out.push(`Your program is listening on TCP ${formatInet(s.localAddress, s.localPort)}, but this exercise needs an AF_UNIX stream socket bound to SOCKET_PATH (${target.path}). Create it with socket(AF_UNIX, SOCK_STREAM) and bind the path (${see("address-families")}).`);
    for (const s of unixBound) {
      if (s.path !== target.path) out.push(`Your program bound a Unix socket at ${s.path}, but SOCKET_PATH is ${target.path}: bind the path from the environment.`);
      else if (s.type !== "STREAM") out.push(`Your program bound ${target.path} as a ${s.type} socket; this exercise needs SOCK_STREAM (${see("socket-types")}).`);
      else if (!s.listening) out.push(`Your program bound ${target.path} but has not called listen() on it.`);
    }
    return out;
  }
  const host = target.host;
  const wantTcp = target.kind === "tcp";
  const proto = wantTcp ? "TCP" : "UDP";
  const same = wantTcp ? tcpListen : udpBound;
  const other = wantTcp ? udpBound : tcpListen;
  for (const s of same) {
    const at = formatInet(s.localAddress, s.localPort);
    if (s.localPort !== target.port) {
      out.push(`Your program is ${wantTcp ? "listening" : "bound"} on ${at}, but the checker asked for PORT=${target.port}. Are you reading PORT from the environment? ${portHelp()}`);
    } else if (familyName(s.localAddress) !== familyName(host)) {
      out.push(
        `Your program ${wantTcp ? "listens" : "is bound"} on ${at} (${familyName(s.localAddress)}), but HOST is ${host} (${familyName(host)}). ` +
          (isV4(host)
            ? `Bind HOST from the environment with an AF_INET socket (${see("address-families")}).`
            : `An AF_INET socket only takes IPv4 addresses: create the socket with AF_INET6 and bind (HOST, PORT) (${see("address-families")}).`),
      );
    } else if (!covers(s.localAddress, host)) {
      out.push(`Your program ${wantTcp ? "listens" : "is bound"} on ${at}, but HOST is ${host}: bind HOST from the environment.`);
    }
  }
  for (const s of other) {
    const at = formatInet(s.localAddress, s.localPort);
    out.push(
      wantTcp
        ? `Your program has a UDP socket bound to ${at}, but this exercise needs a TCP server: SOCK_STREAM, then listen() and accept() (${see("socket-types")}).`
        : `Your program is listening on TCP ${at}, but this exercise needs a UDP socket: SOCK_DGRAM, bind, then recvfrom/sendto — no listen() or accept() (${see("udp")}).`,
    );
  }
  if (wantTcp) {
    for (const s of tcpBoundOnly) out.push(`Your program bound a TCP socket to ${formatInet(s.localAddress, s.localPort)} but has not called listen() on it (${see("server-calls")}).`);
  }
  for (const s of connecting) out.push(`Your program is trying to connect to ${formatInet(s.remoteAddress, s.remotePort)} (SYN_SENT): this exercise needs a ${proto} server that waits for the checker.`);
  for (const s of unixBound) out.push(`Your program bound a Unix socket at ${s.path}; this exercise needs ${proto} on ${describeTarget(target)}.`);
  return out;
}

/** The first check of every server exercise: start the program and wait until it serves the address. */
export async function startAndWait(ctx: CheckContext, target: Target): Promise<Outcome> {
  const program = ctx.launch();
  const r = await waitReady(ctx, program, target, ctx.readyTimeoutMs);
  if (!r.ready) {
    const hint = target.kind === "unix" ? see("address-families", "AF_UNIX") : target.kind === "udp" ? see("udp", "socket, bind, recvfrom") : target.host.includes(":") ? see("address-families", "AF_INET6") : see("server-calls", "socket, bind, listen");
    return { passed: false, detail: explainNotReady(program, target, ctx, r), hint, stop: true };
  }
  if (r.bound && r.bound.table !== "unix" && unspecified(r.bound.localAddress)) {
    ctx.note(
      `Your server binds ${r.bound.localAddress} (every network interface), so other machines on your network can reach it too. It passes, but bind HOST (loopback) while you are learning.`,
    );
  }
  const how = r.bound ? describeSocket(r.bound) : describeTarget(target);
  return { passed: true, detail: `${target.kind === "udp" ? "bound" : "listening"} after ${seconds(r.ms)}: ${how}` };
}
