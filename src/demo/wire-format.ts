/**
 * Words for packets, shared by the plain view and the full-screen view so both say
 * the same: "client → server  SYN  seq 0  win 65495  mss 65495".
 */
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { formatSize } from "../text/units.js";
import type { PacketGapEvent } from "./events.js";
import type { DemoState } from "./state.js";
import type { PacketView } from "./wire.js";
import { endpointLabel, packetEnds } from "./wire-view.js";

const SEP = "  ";

/** Seconds with milliseconds: "1.203". */
export function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** "client → server": the packet's two ends, by process name where the run knows it. */
export function packetEndsText(state: DemoState, p: PacketView): string {
  const { from, to } = packetEnds(p);
  return t("wire.ends", { from: escapeTerminal(endpointLabel(state, from)), to: escapeTerminal(endpointLabel(state, to)) });
}

/** What the packet is: "SYN+ACK", "PSH+ACK", "UDP", "ICMP port unreachable: …". */
export function packetKind(state: DemoState, p: PacketView): string {
  if (p.flags) return p.flags;
  if (p.proto === "udp") return t("wire.udp");
  if (p.icmp) {
    const about = p.icmp.about;
    const ends = about ? { from: escapeTerminal(endpointLabel(state, about.src)), to: escapeTerminal(about.dst) } : undefined;
    if (p.icmp.meaning === "port-unreachable" && ends) return t("wire.icmp.portUnreachable", ends);
    if ((p.icmp.meaning === "host-unreachable" || p.icmp.meaning === "unreachable") && ends) return t("wire.icmp.unreachable", { code: p.icmp.code, ...ends });
    return t("wire.icmp.other", { type: p.icmp.type, code: p.icmp.code });
  }
  return t("wire.other", { proto: p.ipProto ?? "?", size: formatSize(p.size) });
}

/** The header fields and data after the kind: "seq 1  ack 1  win 65536  5 bytes b'hello'  (retransmission, 1.000 s after the last)". */
export function packetDetails(p: PacketView): string {
  const parts: string[] = [];
  if (p.flags) {
    parts.push(t("wire.tcp.seq", { seq: p.seq ?? 0 }));
    if (p.ack !== undefined) parts.push(t("wire.tcp.ack", { ack: p.ack }));
    if (p.win !== undefined) parts.push(t("wire.tcp.win", { win: p.win }));
    if (p.mss !== undefined) parts.push(t("wire.tcp.mss", { mss: p.mss }));
  }
  if (p.bytes > 0 && (p.proto === "tcp" || p.proto === "udp")) parts.push(t("wire.data", { n: p.bytes, preview: previewText(p) }));
  if (p.retransmission) parts.push(p.retransmission.after !== undefined ? t("wire.retransmissionAfter", { seconds: seconds(p.retransmission.after) }) : t("wire.retransmission"));
  return parts.join(SEP);
}

/** b'hello'…: the preview as a bytes literal, with an ellipsis when the payload is longer. */
export function previewText(p: PacketView): string {
  if (p.preview === undefined) return "";
  const shown = escapeTerminal(p.preview);
  // The helper keeps at most 24 bytes; each shown byte is 1 to 4 characters (\x00).
  const cut = p.bytes > 24 || (p.bytes > 0 && shown.length === 0);
  return `b'${shown}'${cut ? "…" : ""}`;
}

/** One line for a packet: "client → server  SYN  seq 0  win 65495  mss 65495". */
export function packetText(state: DemoState, p: PacketView): string {
  const details = packetDetails(p);
  return [packetEndsText(state, p), packetKind(state, p), ...(details ? [details] : [])].join(SEP);
}

/** The short label for an arrow in a sequence diagram: "SYN", "PSH+ACK 5", "UDP 5", "ICMP". */
export function packetLabel(p: PacketView): string {
  const kind = p.flags ?? (p.proto === "udp" ? t("wire.udp") : p.icmp ? "ICMP" : "IP");
  return p.bytes > 0 && (p.proto === "tcp" || p.proto === "udp") ? `${kind} ${p.bytes}` : kind;
}

/** "1,234 packets (95 MiB of data) not shown one by one: …". */
export function gapText(ev: Pick<PacketGapEvent, "count" | "bytes" | "cause">): string {
  return ev.cause === "kernel" ? t("wire.gap.kernel", { n: ev.count }) : t("wire.gap.budget", { n: ev.count, size: formatSize(ev.bytes ?? 0) });
}
