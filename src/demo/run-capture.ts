/**
 * A run's packet capture (capture/helper.ts), inside its private network: started
 * before any program, so no packet is missed. Where there is none, the reason, in words
 * that say what would give one (the views show it).
 */
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { sandboxSupport, type RunSandbox } from "../sandbox/namespace.js";
import { PacketCapture } from "./capture/helper.js";
import type { PacketEvent, PacketGapEvent } from "./events.js";
import { findPython, noPythonReason, type PythonInfo } from "./runtime.js";
import type { DemoSpec } from "./spec.js";

export interface CaptureRequest {
  sandbox?: RunSandbox;
  /** The run's Python, if it already has one (the capture helper is a Python program). */
  python?: PythonInfo;
  spec: DemoSpec;
  /** False when the run was asked to share the machine's network (SOCKET_TUTOR_SANDBOX=off, a test). */
  sandboxWanted: boolean;
  /** True once the run that asked is over or replaced. */
  stale(): boolean;
  onEvent(capture: PacketCapture, ev: PacketEvent | PacketGapEvent): void;
  /** The capture's answer to sync(): how far it has read (PacketCapture's onRead). */
  onRead?(capture: PacketCapture, t: number): void;
  /** The capture ended before the run did. */
  onEnd(capture: PacketCapture, why: string): void;
}

export type CaptureStart = { capture: PacketCapture } | { unavailable: string } | undefined;

/** Starts the capture; undefined when the run went stale meanwhile. */
export async function startRunCapture(r: CaptureRequest): Promise<CaptureStart> {
  const box = r.sandbox;
  if (!box) return { unavailable: await noSandboxReason(r.spec, r.sandboxWanted) };
  const python = r.python ?? (await findPython());
  if (r.stale()) return undefined;
  if (!python) return { unavailable: t("wire.unavailable.noPython", { why: noPythonReason() }) };
  try {
    const capture: PacketCapture = await PacketCapture.start({
      python: python.executable,
      wrap: (cmd, args) => box.wrap(cmd, args),
      onEvent: (ev) => r.onEvent(capture, ev),
      onRead: (t) => r.onRead?.(capture, t),
      onEnd: (why) => r.onEnd(capture, why),
    });
    if (r.stale()) {
      capture.stop();
      return undefined;
    }
    return { capture };
  } catch (err) {
    return r.stale() ? undefined : { unavailable: t("wire.unavailable.failed", { why: escapeTerminal((err as Error).message) }) };
  }
}

async function noSandboxReason(spec: DemoSpec, wanted: boolean): Promise<string> {
  if (wanted && (spec.noPrivateNetwork || spec.processes.some((p) => p.unprivileged))) return t("wire.unavailable.sharedNetwork");
  if (!wanted) return t("wire.unavailable.noSandbox", { why: t("sandbox.off") });
  const support = await sandboxSupport();
  return t("wire.unavailable.noSandbox", { why: support.reason ?? t("sandbox.exitedEarly") });
}
