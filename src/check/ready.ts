import { lstatSync } from "node:fs";
import { t } from "../text/catalog.js";
import { crashHints, describeExit, seconds, stderrExcerpt } from "./diagnose.js";
import { see } from "./lessons.js";
import { describeSocket, formatInet, readInetTable, readUnixTable, type InetSocket, type KernelSocket } from "./procnet.js";
import type { ProgramView } from "./program.js";
import { describeTarget, type Peer, type Target } from "./peer.js";
import type { CheckContext, Outcome, ProgramEnv } from "./types.js";
import { clausesOf } from "../text/list.js";

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

/**
 * One probe: a connection, or for UDP a datagram that an upper-casing server answers. Made
 * through the checks' peer, so it is made where their sockets are (a run's private network).
 */
async function probe(target: Target, peer: Peer): Promise<boolean> {
  if (target.kind === "udp") {
    const s = await peer.datagram(isV4(target.host) ? 4 : 6, "probe");
    try {
      await s.send(Buffer.from("probe"), { host: target.host, port: target.port });
      return (await s.recv(100)) !== undefined;
    } finally {
      s.close();
    }
  }
  const r = await peer.connect(target, "probe", 1000);
  if (!("conn" in r)) return false;
  r.conn.close();
  return true;
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
    if (!kernel && (await probe(target, ctx.peer))) return { ready: true, ms: Date.now() - start };
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
  return t("check.ready.portHelp");
}

/** The diagnosis when nothing listens: what the program did bind, if anything, and what that means. */
export function explainNotReady(program: ProgramView, target: Target, ctx: CheckContext, r: ReadyResult): string {
  const where = describeTarget(target);
  const udp = target.kind === "udp";
  const exit = program.exit();
  if (exit) {
    const args = { exit: describeExit(exit), time: seconds(exit.atMs), where };
    const lines = [udp ? t("check.ready.exitedBeforeBound", args) : t("check.ready.exitedBeforeListening", args), stderrExcerpt(program)];
    lines.push(...crashHints(program.stderrTail(), ctx.env));
    if (exit.code === 0 && !program.stderrTail().trim()) lines.push(t("check.ready.endedCleanly"));
    return lines.join("\n");
  }
  const sockets = program.sockets();
  const args = { where, time: seconds(r.ms) };
  const lines = [udp ? t("check.ready.nothingBound", args) : t("check.ready.nothingListening", args)];
  const explained = [...explainPath(target), ...explainSockets(sockets, target)];
  if (explained.length) lines.push(...explained);
  else if (sockets.length === 0 && ctx.readiness === "kernel") {
    lines.push(t("check.ready.noSocket"));
    const cpu = program.cpuMs();
    if (cpu !== undefined) lines.push(cpu > r.ms * 0.5 ? t("check.ready.busy", { cpu: (cpu / 1000).toFixed(1) }) : t("check.ready.idle"));
  } else if (ctx.readiness !== "kernel") {
    if (target.kind === "unix") lines.push(t("check.ready.likelyUnix"));
    else lines.push(udp ? t("check.ready.likelyUdp", { host: target.host, portHelp: portHelp() }) : t("check.ready.likelyTcp", { host: target.host, portHelp: portHelp() }));
  } else {
    lines.push(t("check.sockets", { sockets: clausesOf(sockets.map(describeSocket)) }));
  }
  return lines.join("\n");
}

/**
 * unix-echo: what is at SOCKET_PATH when it is not a socket. The checker made the
 * folder and left the path free, so anything there came from the learner's program.
 */
export function explainPath(target: Target): string[] {
  if (target.kind !== "unix") return [];
  let what: string;
  try {
    const st = lstatSync(target.path);
    if (st.isSocket()) return [];
    const path = target.path;
    what = st.isDirectory()
      ? t("check.path.directory", { path })
      : st.isFile()
        ? t("check.path.file", { path })
        : st.isSymbolicLink()
          ? t("check.path.link", { path })
          : st.isFIFO()
            ? t("check.path.fifo", { path })
            : t("check.path.other", { path });
  } catch {
    return [];
  }
  return [`${what} ${t("check.path.bindCreates", { see: see("address-families") })}`];
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
    for (const s of tcpListen) out.push(t("check.bound.tcpNotUnix", { at: formatInet(s.localAddress, s.localPort), path: target.path, see: see("address-families") }));
    for (const s of unixBound) {
      if (s.path !== target.path) out.push(t("check.bound.otherPath", { bound: s.path, path: target.path }));
      else if (s.type !== "STREAM") out.push(t("check.bound.notStream", { path: target.path, type: s.type, see: see("socket-types") }));
      else if (!s.listening) out.push(t("check.bound.unixNotListening", { path: target.path }));
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
      const args = { at, port: target.port, portHelp: portHelp() };
      out.push(wantTcp ? t("check.bound.otherPortTcp", args) : t("check.bound.otherPortUdp", args));
    } else if (familyName(s.localAddress) !== familyName(host)) {
      const args = { at, family: familyName(s.localAddress), host, hostFamily: familyName(host) };
      const fix = isV4(host) ? t("check.bound.useInet", { see: see("address-families") }) : t("check.bound.useInet6", { see: see("address-families") });
      out.push(`${wantTcp ? t("check.bound.otherFamilyTcp", args) : t("check.bound.otherFamilyUdp", args)} ${fix}`);
    } else if (!covers(s.localAddress, host)) {
      out.push(wantTcp ? t("check.bound.otherHostTcp", { at, host }) : t("check.bound.otherHostUdp", { at, host }));
    }
  }
  for (const s of other) {
    const at = formatInet(s.localAddress, s.localPort);
    out.push(wantTcp ? t("check.bound.udpNotTcp", { at, see: see("socket-types") }) : t("check.bound.tcpNotUdp", { at, see: see("udp") }));
  }
  if (wantTcp) {
    for (const s of tcpBoundOnly) out.push(t("check.bound.tcpNotListening", { at: formatInet(s.localAddress, s.localPort), see: see("server-calls") }));
  }
  for (const s of connecting) out.push(t("check.bound.connecting", { at: formatInet(s.remoteAddress, s.remotePort), proto }));
  for (const s of unixBound) out.push(t("check.bound.unixNotInet", { path: s.path, proto, where: describeTarget(target) }));
  return out;
}

/** The first check of every server exercise: start the program and wait until it serves the address. */
export async function startAndWait(ctx: CheckContext, target: Target, extraEnv?: ProgramEnv): Promise<Outcome> {
  const program = ctx.launch(extraEnv);
  const r = await waitReady(ctx, program, target, ctx.readyTimeoutMs);
  if (!r.ready) {
    const hint =
      target.kind === "unix"
        ? see("address-families", "AF_UNIX")
        : target.kind === "udp"
          ? see("udp", t("check.topic.udpServerCalls"))
          : target.host.includes(":")
            ? see("address-families", "AF_INET6")
            : see("server-calls", t("check.topic.serverCalls"));
    return { passed: false, detail: explainNotReady(program, target, ctx, r), hint, stop: true };
  }
  if (r.bound && r.bound.table !== "unix" && unspecified(r.bound.localAddress)) {
    ctx.note(t("check.ready.everyInterface", { address: r.bound.localAddress }));
  }
  const how = r.bound ? describeSocket(r.bound) : describeTarget(target);
  const time = seconds(r.ms);
  return { passed: true, detail: target.kind === "udp" ? t("check.ready.boundAfter", { time, socket: how }) : t("check.ready.listeningAfter", { time, socket: how }) };
}
