/**
 * The capture helper's output lines (socket_tutor_capture.py) as typed events. The
 * helper is the tutor's own code, but it runs inside the run's namespace, where a
 * program of the run is the same user and could write into its stdout: every line is
 * bounded and rebuilt field by field, as the tracers' lines are (tracer-lines.ts).
 */
import type { IcmpHeader, PacketEvent, PacketGapEvent, PacketProto, TcpHeader } from "../events.js";

/** A longer line is skipped unread; real ones are under 400 characters. */
export const CAPTURE_LINE_CHARS = 2048;

/** "read": the helper's answer to PacketCapture.sync(): every packet delivered before `t` was in the lines before it. */
export type CaptureLine = PacketEvent | PacketGapEvent | { type: "ready" } | { type: "error"; why: string } | { type: "read"; t: number };

function int(v: unknown, max = 2 ** 32 - 1): number | undefined {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= max ? v : undefined;
}

function time(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : undefined;
}

const V4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const V6 = /^[0-9a-fA-F:.]{2,45}$/;

function host(v: unknown): string | undefined {
  return typeof v === "string" && (V4.test(v) || (v.includes(":") && V6.test(v))) ? v : undefined;
}

/** "127.0.0.1:8000", "[::1]:8000", or the address alone when there is no port. */
function endpoint(h: string, port: number | undefined): string {
  if (port === undefined) return h;
  return h.includes(":") ? `[${h}]:${port}` : `${h}:${port}`;
}

const PROTOS: Record<string, PacketProto> = { tcp: "tcp", udp: "udp", icmp: "icmp", icmp6: "icmp", ip: "other" };
const FLAGS = /^[FSRPAUEC]{0,8}$/;
// The helper escapes a preview as a bytes literal's inside: printable ASCII and \xNN, \n, \t...
const PREVIEW = /^[\x20-\x7e]{0,200}$/;

function packet(o: Record<string, unknown>): PacketEvent | undefined {
  const n = int(o.n, Number.MAX_SAFE_INTEGER);
  const t = time(o.t);
  const ip = o.v === 4 || o.v === 6 ? o.v : undefined;
  const proto = typeof o.p === "string" ? PROTOS[o.p] : undefined;
  const src = host(o.src);
  const dst = host(o.dst);
  if (n === undefined || t === undefined || ip === undefined || proto === undefined || src === undefined || dst === undefined) return undefined;
  const hasPorts = proto === "tcp" || proto === "udp";
  const sp = hasPorts ? int(o.sp, 65535) : undefined;
  const dp = hasPorts ? int(o.dp, 65535) : undefined;
  if (hasPorts && (sp === undefined || dp === undefined)) return undefined;
  const ev: PacketEvent = { type: "packet", n, t, ip, proto, src: endpoint(src, sp), dst: endpoint(dst, dp), size: int(o.len, 1 << 20) ?? 0, bytes: int(o.pl, 1 << 20) ?? 0 };
  if (typeof o.pv === "string" && PREVIEW.test(o.pv)) ev.preview = o.pv;
  if (proto === "tcp") {
    const seq = int(o.seq);
    const ack = int(o.ack);
    const win = int(o.win, 65535);
    if (typeof o.f !== "string" || !FLAGS.test(o.f) || seq === undefined || ack === undefined || win === undefined) return undefined;
    const tcp: TcpHeader = { flags: o.f, seq, ack, win };
    const mss = int(o.mss, 65535);
    const ws = int(o.ws, 14);
    if (mss !== undefined) tcp.mss = mss;
    if (ws !== undefined) tcp.wscale = ws;
    ev.tcp = tcp;
  } else if (proto === "icmp") {
    const type = int(o.it, 255);
    const code = int(o.ic, 255);
    if (type === undefined || code === undefined) return undefined;
    const icmp: IcmpHeader = { type, code };
    const inner = typeof o.ip === "string" ? PROTOS[o.ip] : undefined;
    const isrc = host(o.isrc);
    const idst = host(o.idst);
    if (inner && isrc && idst) {
      const ports = inner === "tcp" || inner === "udp";
      icmp.about = { proto: inner, src: endpoint(isrc, ports ? int(o.isp, 65535) : undefined), dst: endpoint(idst, ports ? int(o.idp, 65535) : undefined) };
    }
    ev.icmp = icmp;
  } else if (proto === "other") {
    const p = int(o.proto, 255);
    if (p !== undefined) ev.ipProto = p;
  }
  return ev;
}

/** One line of the helper's output, or undefined when it is none of its kinds. */
export function parseCaptureLine(line: string): CaptureLine | undefined {
  if (line.length > CAPTURE_LINE_CHARS) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  switch (o.type) {
    case "p":
      return packet(o);
    case "gap":
    case "drops": {
      const count = int(o.n, Number.MAX_SAFE_INTEGER);
      if (count === undefined || count === 0) return undefined;
      const gap: PacketGapEvent = { type: "packet-gap", count, cause: o.type === "gap" ? "budget" : "kernel", t: time(o.t) ?? performance.timeOrigin + performance.now() };
      const bytes = int(o.bytes, Number.MAX_SAFE_INTEGER);
      if (bytes !== undefined) gap.bytes = bytes;
      return gap;
    }
    case "ready":
      return { type: "ready" };
    case "read": {
      const t = time(o.t);
      return t === undefined ? undefined : { type: "read", t };
    }
    case "error":
      return { type: "error", why: typeof o.why === "string" ? o.why.slice(0, 300) : "?" };
    default:
      return undefined;
  }
}
