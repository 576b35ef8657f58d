/**
 * One run's packet capture: socket_tutor_capture.py (beside this file, shipped as
 * source like the Python tracer) started inside the run's private network through the
 * sandbox's nsenter command line, its JSON lines turned into packet events.
 *
 *   const capture = await PacketCapture.start({ python, wrap: box.wrap, onEvent });
 *   ...                       // PacketEvents and PacketGapEvents, in the kernel's order
 *   capture.stop();           // or the run's namespace ends, which ends it too
 *
 * start() resolves once the helper's packet socket is bound (no packet of the run is
 * missed when the programs start after it) and rejects with a CaptureError saying why
 * it cannot capture.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { Readable } from "node:stream";
import { packageRoot } from "../../paths.js";
import { signalGroup } from "../../util/process-group.js";
import { onCleanup } from "../../util/cleanup.js";
import type { PacketEvent, PacketGapEvent } from "../events.js";
import { RateBudget } from "../tracer-lines.js";
import { CAPTURE_LINE_CHARS, parseCaptureLine } from "./lines.js";
import { t } from "../../text/catalog.js";

/** Where the helper is, from the repo and from an installed package alike (package.json "files" lists it). */
export function captureHelper(): string {
  return path.join(packageRoot, "src", "demo", "capture", "socket_tutor_capture.py");
}

export class CaptureError extends Error {
  constructor(
    message: string,
    /** What failed: the helper did not start, said it cannot capture, or did not answer. */
    readonly kind: "spawn" | "refused" | "timeout" | "exited",
  ) {
    super(message);
    this.name = "CaptureError";
  }
}

export interface CaptureOptions {
  /** A Python 3.8+ interpreter (the real one, not a shim). */
  python: string;
  /** Turns a command into one that runs inside the run's network (RunSandbox.wrap). */
  wrap: (cmd: string, args: readonly string[]) => { cmd: string; args: string[] };
  onEvent: (ev: PacketEvent | PacketGapEvent) => void;
  /** The helper's answer to sync(): every packet delivered before `t` (ms, the packets' clock) was given to onEvent already. */
  onRead?: (t: number) => void;
  /** The helper ended by itself after it was ready (not by stop()): why, in words. */
  onEnd?: (why: string) => void;
  /** Open the socket, say ready and exit (doctor's check). */
  probe?: boolean;
  /** More arguments for the helper (tests and the bench: --rate=N, --burst=N). */
  args?: string[];
  startTimeoutMs?: number;
}

/**
 * What the tutor parses a second, whatever arrives: the helper itself prints a burst of
 * 2,000 and then 500 a second; a program of the run that forges lines into its pipe
 * is held to this, and the excess is counted as packets not shown.
 */
const LINES_PER_SECOND = 3000;

export class PacketCapture {
  private stopped = false;
  private readonly unregister: () => void;

  private constructor(private readonly child: ChildProcess) {
    this.unregister = onCleanup(() => this.kill());
  }

  static start(opts: CaptureOptions): Promise<PacketCapture> {
    const { cmd, args } = opts.wrap(opts.python, ["-I", "-S", captureHelper(), ...(opts.probe ? ["--probe"] : []), ...(opts.args ?? [])]);
    let child: ChildProcess;
    try {
      child = spawn(cmd, args, {
        stdio: ["pipe", "pipe", "pipe"],
        // Its own group: a Ctrl-C to the tutor's group reaches the tutor, which stops it.
        detached: true,
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", LANG: "C", PYTHONDONTWRITEBYTECODE: "1" },
      });
    } catch (err) {
      return Promise.reject(new CaptureError((err as Error).message, "spawn"));
    }
    child.stdin!.on("error", () => undefined);
    child.stdout!.on("error", () => undefined);
    let err = "";
    child.stderr!.setEncoding("utf8").on("data", (d: string) => {
      if (err.length < 2000) err += d;
    });
    const capture = new PacketCapture(child);
    return new Promise<PacketCapture>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => fail(new CaptureError(t("wire.capture.timeout", { seconds: (opts.startTimeoutMs ?? 5000) / 1000 }), "timeout")), opts.startTimeoutMs ?? 5000);
      const fail = (e: CaptureError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        capture.stop();
        reject(e);
      };
      child.once("error", (e) => fail(new CaptureError(e.message, "spawn")));
      child.once("exit", (code) => {
        if (!settled && opts.probe && code === 0) return;
        const why = firstLine(err) || t("wire.capture.exited", { code: code ?? "?" });
        if (settled && !capture.stopped) {
          capture.stop();
          opts.onEnd?.(why);
        }
        fail(new CaptureError(why, "exited"));
      });
      readLines(child.stdout!, (line) => {
        if (line.type === "ready") {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(capture);
        } else if (line.type === "error") fail(new CaptureError(line.why, "refused"));
        else if (line.type === "read") {
          if (settled && !capture.stopped) opts.onRead?.(line.t);
        }
        else if (settled && !capture.stopped) opts.onEvent(line);
      });
    });
  }

  /**
   * Asks the helper how far it has read: it reads what the kernel has queued and answers
   * with a "read" line (onRead) after those packets. False when it cannot be asked.
   */
  sync(): boolean {
    const stdin = this.child.stdin;
    if (this.stopped || !stdin || stdin.destroyed || !stdin.writable) return false;
    stdin.write("?\n");
    return true;
  }

  /** Ends the helper (closing its stdin would too; the kill does not wait for it). */
  stop(): void {
    this.kill();
    this.unregister();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  private kill(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.child.stdin?.destroy();
    signalGroup(this.child.pid ?? -1, "SIGKILL");
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
  }
}

function firstLine(text: string): string {
  return text.trim().split("\n").at(-1)?.slice(0, 300) ?? "";
}

/** Line by line, each at most CAPTURE_LINE_CHARS (a longer one is skipped to its newline), at most LINES_PER_SECOND. */
function readLines(stream: Readable, onLine: (line: NonNullable<ReturnType<typeof parseCaptureLine>>) => void): void {
  const budget = new RateBudget(LINES_PER_SECOND);
  let held = "";
  let skipping = false;
  let overBudget = 0;
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    let start = 0;
    for (let nl = chunk.indexOf("\n"); nl >= 0; nl = chunk.indexOf("\n", start)) {
      const before = held;
      const from = start;
      held = "";
      start = nl + 1;
      if (skipping) {
        skipping = false;
        continue;
      }
      if (before.length + (nl - from) > CAPTURE_LINE_CHARS) continue;
      if (!budget.take()) {
        overBudget++;
        continue;
      }
      const parsed = parseCaptureLine(before + chunk.slice(from, nl));
      if (parsed) onLine(parsed);
    }
    if (!skipping && start < chunk.length) {
      held += chunk.slice(start, start + CAPTURE_LINE_CHARS + 1);
      if (held.length > CAPTURE_LINE_CHARS) {
        held = "";
        skipping = true;
      }
    }
    if (overBudget && budget.take()) {
      onLine({ type: "packet-gap", count: overBudget, cause: "budget", t: performance.timeOrigin + performance.now() });
      overBudget = 0;
    }
  });
}
