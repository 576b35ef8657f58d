/**
 * The wire beside the calls, for every view: who sent a packet and to whom (by the
 * run's process names), and the timeline with packets placed among the calls on one
 * clock (the kernel stamps packets on the clock the tracers stamp calls with: see
 * socket_tutor_capture.py, CLOCK).
 *
 * Ties are broken by cause: a call that makes packets (connect, send, close) comes
 * before a packet it sent that is stamped up to CLOCK_SLACK_MS before its start, and
 * a packet comes before the call it let return (accept, recv: the packet came from
 * the call's peer) when that call is stamped up to CLOCK_SLACK_MS before it.
 */
import { callById, effectTime, initiates, type CallView, type DemoState } from "./state.js";
import { CLOCK_SLACK_MS, normalizeEndpoint, wireName, type PacketView } from "./wire.js";

/** A packet's two ends as addresses: for an ICMP error, the unreachable endpoint and the sender of the packet it is about. */
export function packetEnds(p: PacketView): { from: string; to: string } {
  if (p.icmp?.about) return { from: p.icmp.about.dst, to: p.icmp.about.src };
  return { from: p.src, to: p.dst };
}

/** The process at an endpoint ("server", "client 2"), or undefined when no process of the run has it. */
export function endpointProcess(state: DemoState, addr: string): string | undefined {
  return wireName(state.wire, addr);
}

/** The name a view shows for an endpoint: its process, else the address itself. */
export function endpointLabel(state: DemoState, addr: string): string {
  return endpointProcess(state, addr) ?? addr;
}

export type WireRow = { kind: "call"; id: string; call: CallView; t: number } | { kind: "packet"; packet: PacketView; t: number };

/**
 * The timeline's calls (state.timeline, each at its effect time) and the kept packets,
 * merged in time order with ties broken by cause (see the module comment). Calls the
 * state no longer keeps are left out, as the timeline views do.
 */
export function wireTimeline(state: DemoState): WireRow[] {
  const calls: WireRow[] = [];
  for (const id of state.timeline) {
    const call = callById(state, id);
    if (call) calls.push({ kind: "call", id, call, t: effectTime(call) });
  }
  const packets = state.wire.packets;
  const out: WireRow[] = [];
  let i = 0;
  let j = 0;
  while (i < calls.length || j < packets.length) {
    const c = calls[i] as Extract<WireRow, { kind: "call" }> | undefined;
    const p = packets[j];
    if (!p) {
      out.push(c!);
      i++;
      continue;
    }
    if (!c) {
      out.push({ kind: "packet", packet: p, t: p.t });
      j++;
      continue;
    }
    if (callFirst(state, c.call, c.t, p)) {
      out.push(c);
      i++;
    } else {
      out.push({ kind: "packet", packet: p, t: p.t });
      j++;
    }
  }
  return out;
}

function callFirst(state: DemoState, call: CallView, at: number, p: PacketView): boolean {
  if (at <= p.t) return !(p.t - at <= CLOCK_SLACK_MS && letReturn(state, p, call));
  return at - p.t <= CLOCK_SLACK_MS && sentBy(state, p, call);
}

/** The call made this packet: its process sends from the packet's source, on the socket whose peer is the packet's destination. */
function sentBy(state: DemoState, p: PacketView, call: CallView): boolean {
  if (!initiates(call.call)) return false;
  const { from, to } = packetEnds(p);
  if (endpointProcess(state, from) !== call.proc) return false;
  // A connect() that has not returned does not know its peer yet: its SYN is the packet.
  if (call.peer === undefined) return call.call === "connect" || call.call === "connect_ex";
  return normalizeEndpoint(call.peer) === to;
}

/** The packet let this call return: it came to the call's process from the call's peer (accept: the new connection's). */
function letReturn(state: DemoState, p: PacketView, call: CallView): boolean {
  if (initiates(call.call) || call.peer === undefined) return false;
  const { from, to } = packetEnds(p);
  return endpointProcess(state, to) === call.proc && normalizeEndpoint(call.peer) === from;
}

/** The packet by id (`packet#<n>`), while it is kept. */
export function packetById(state: DemoState, id: string): PacketView | undefined {
  const packets = state.wire.packets;
  for (let i = packets.length - 1; i >= 0; i--) if (packets[i]!.id === id) return packets[i];
  return undefined;
}
