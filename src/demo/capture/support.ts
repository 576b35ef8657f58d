/**
 * Whether this machine can capture a run's packets, found once per process by trying
 * it (doctor): a private network, a Python 3.8+, and a packet socket opened inside it.
 */
import { RunSandbox, sandboxSupport } from "../../sandbox/namespace.js";
import { t } from "../../text/catalog.js";
import { escapeTerminal } from "../../text/escape.js";
import { findPython, noPythonReason } from "../runtime.js";
import { PacketCapture } from "./helper.js";

export interface CaptureSupport {
  available: boolean;
  /** Why not, and what would let it, in words for `doctor` and the views. */
  reason?: string;
  /** The interpreter the capture runs with. */
  python?: string;
}

let support: Promise<CaptureSupport> | undefined;

export function captureSupport(): Promise<CaptureSupport> {
  support ??= probe();
  return support;
}

async function probe(): Promise<CaptureSupport> {
  const box = await sandboxSupport();
  if (!box.available) return { available: false, reason: t("wire.unavailable.noSandbox", { why: box.reason ?? "?" }) };
  const python = await findPython();
  if (!python) return { available: false, reason: t("wire.unavailable.noPython", { why: noPythonReason() }) };
  let sandbox: RunSandbox | undefined;
  try {
    sandbox = await RunSandbox.start();
    const s = sandbox;
    const capture = await PacketCapture.start({ python: python.executable, wrap: (cmd, args) => s.wrap(cmd, args), onEvent: () => undefined, probe: true });
    capture.stop();
    return { available: true, python: python.executable };
  } catch (err) {
    return { available: false, reason: t("wire.unavailable.failed", { why: escapeTerminal((err as Error).message) }) };
  } finally {
    sandbox?.stop();
  }
}
