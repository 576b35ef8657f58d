/**
 * The live view's wire: every packet of the run, a line each, newest at the bottom
 * ("0.012  client → server  SYN  seq 0  win 65495  mss 65495"), and the packets as
 * arrows in the timeline between the calls that caused them. Pure functions of the
 * run's state (state.wire, reduced in demo/wire.ts): the words are the plain view's
 * (demo/wire-format.ts), so both views say the same of a packet.
 */
import type { DemoState } from "../../demo/state.js";
import { gapText, packetDetails, packetEndsText, packetKind, packetLabel, seconds } from "../../demo/wire-format.js";
import { endpointProcess, packetEnds } from "../../demo/wire-view.js";
import type { PacketView } from "../../demo/wire.js";
import { t } from "../../text/catalog.js";
import { displayWidth, padStart } from "../../text/width.js";
import { tutor } from "../../util/invocation.js";
import { fit, plainText, sanitize, seg, wrapText, type Line, type Tone } from "./paint.js";

/** A packet's colour: what it does to the connection (opens, closes, resets, carries data, is sent again). */
export function packetTone(p: PacketView): Tone | undefined {
  if (p.retransmission) return "redBold";
  if (p.icmp || p.flags?.includes("RST")) return "red";
  if (p.flags?.includes("SYN")) return "magenta";
  if (p.flags?.includes("FIN")) return "yellow";
  if (p.bytes > 0) return "blue";
  return undefined;
}

/**
 * The wire view's lines for a box `width` x `height` (inside its border): the newest
 * packets, or `scroll` lines further back; when the run has no capture, why not and
 * what would give one.
 */
export function wireLines(state: DemoState, width: number, height: number, scroll = 0, settle?: (scroll: number) => void): Line[] {
  const w = state.wire;
  // Until the packets say otherwise, nothing is scrolled.
  settle?.(0);
  if (w.status === "unavailable") {
    const why = wrapText(sanitize(w.reason ?? t("wire.view.noReason")), width).map((l) => [seg(l, "yellow")]);
    const more = wrapText(t("wire.view.doctor", { command: tutor("doctor") }), width).map((l) => [seg(l, "dim")]);
    return [...why, ...more].slice(0, Math.max(1, height)).map((l) => fit(l, width));
  }
  if (w.packets.length === 0) {
    const text = w.status === "capturing" ? t("wire.view.none") : t("wire.view.starting");
    return wrapText(text, width)
      .map((l) => [seg(l, "dim")])
      .slice(0, Math.max(1, height));
  }
  const t0 = state.startedAt ?? w.packets[0]!.t;
  // The time column is as wide as the newest packet's time needs: it grows, it never jumps back.
  const timeW = displayWidth(seconds(Math.max(0, w.packets[w.packets.length - 1]!.t - t0)));
  const rows: Line[] = w.packets.map((p) => packetLine(state, p, t0, timeW, width));
  const foot: Line[] = [];
  if (w.missed.budget > 0) foot.push([seg(gapText({ count: w.missed.budget, bytes: w.missed.bytes, cause: "budget" }), "dim")]);
  if (w.missed.kernel > 0) foot.push([seg(gapText({ count: w.missed.kernel, cause: "kernel" }), "dim")]);
  const head: Line[] = w.droppedPackets > 0 ? [[seg(t("wire.notKept", { n: w.droppedPackets }), "dim")]] : [];
  const room = Math.max(1, height - foot.length - head.length);
  const body = scrolledRows(rows, room, scroll, settle);
  return [...head, ...body, ...foot].map((l) => fit(l, width));
}

/** "  0.012  client → server  SYN  seq 0 …": the time since the run started, the ends, the kind, the header fields. */
function packetLine(state: DemoState, p: PacketView, t0: number, timeW: number, width: number): Line {
  const time = padStart(seconds(Math.max(0, p.t - t0)), timeW);
  // A retransmission says so right after its kind: at 80 columns the header fields are what gets cut.
  const details = packetDetails(p, { retransmission: false });
  const again = p.retransmission ? (p.retransmission.after !== undefined ? t("wire.retransmissionAfter", { seconds: seconds(p.retransmission.after) }) : t("wire.retransmission")) : "";
  const line: Line = [
    seg(`${time}  `, "dim"),
    seg(`${packetEndsText(state, p)}  `),
    seg(packetKind(state, p), packetTone(p) ?? "bold"),
    ...(again ? [seg(`  ${again}`, "redBold")] : []),
    ...(details ? [seg(`  ${details}`)] : []),
  ];
  return fit(line, width);
}

/** The newest `room` rows, or `scroll` rows further back; the first and last rows say what is out of view. */
function scrolledRows(rows: Line[], room: number, scroll: number, settle?: (scroll: number) => void): Line[] {
  if (rows.length <= room) return rows;
  const back = Math.max(0, Math.min(scroll, rows.length - room));
  settle?.(back);
  const end = rows.length - back;
  const visible = rows.slice(end - room, end);
  const above = end - room;
  if (above > 0) visible[0] = [seg(t("wire.view.earlier", { n: above + 1 }), "dim")];
  if (back > 0) visible[visible.length - 1] = [seg(t("wire.view.newer", { n: back + 1 }), "dim")];
  return visible;
}

/** The side both ends of a packet are on, when they are on one (a relay and its server, both on the left). */
export function packetOneSide(state: DemoState, p: PacketView): "left" | "right" | undefined {
  const { from, to } = packetEnds(p);
  const a = endpointSide(state, from);
  return a !== undefined && a === endpointSide(state, to) ? a : undefined;
}

function endpointSide(state: DemoState, addr: string): "left" | "right" | undefined {
  const name = endpointProcess(state, addr);
  return name === undefined ? undefined : state.processes.find((x) => x.name === name)?.side;
}

/**
 * A packet between two processes of one side, drawn in that side's column of `width`:
 * "relay ─ UDP 8 ─▶ server". Across the middle it would look as if it went to the other side.
 */
export function packetSideArrow(state: DemoState, p: PacketView, width: number): Line {
  const { from, to } = packetEnds(p);
  const base = packetLabel(p);
  const label = p.retransmission ? t("wire.label.again", { label: base }) : base;
  const a = endpointProcess(state, from) ?? from;
  const b = endpointProcess(state, to) ?? to;
  const text = `  ${a} ─ ${label} ─▶ ${b}`;
  return fit([seg(text, packetTone(p) ?? "cyan")], width);
}

/**
 * Which column a packet goes from, in the timeline: its sender's side, or (an end no
 * process owns, as the kernel's RST for a closed port) the side opposite its receiver.
 */
export function packetFromSide(state: DemoState, p: PacketView): "left" | "right" {
  const { from, to } = packetEnds(p);
  const side = (addr: string): "left" | "right" | undefined => {
    const name = endpointProcess(state, addr);
    return name === undefined ? undefined : state.processes.find((x) => x.name === name)?.side;
  };
  const a = side(from);
  if (a) return a;
  const b = side(to);
  return b === "left" ? "right" : "left";
}

/** A packet as an arrow of `width` columns: "─ SYN+ACK ─▶" from the left, "◀─ ACK ─" from the right. */
export function packetArrow(state: DemoState, p: PacketView, width: number): Line {
  const base = packetLabel(p);
  const label = p.retransmission ? t("wire.label.again", { label: base }) : base;
  const fromSide = packetFromSide(state, p);
  const room = Math.max(1, width - 2);
  const shown = displayWidth(label) + 2 <= room ? ` ${label} ` : displayWidth(label) <= room ? label : plainText(fit([seg(label)], room));
  const dashes = Math.max(0, room - displayWidth(shown));
  const leftD = Math.floor(dashes / 2);
  const body = `${"─".repeat(leftD)}${shown}${"─".repeat(dashes - leftD)}`;
  const text = fromSide === "right" ? `◀${body}─` : `─${body}▶`;
  return [seg(text, packetTone(p) ?? "cyan")];
}
