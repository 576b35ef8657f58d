import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { repoRoot } from "../support/cli.js";
import { parseSsOutput, type SsRow } from "../../src/kernel/ss.js";
import { which } from "../../src/util/which.js";

export const fixtures = path.join(repoRoot, "test", "kernel", "fixtures");

export function fixture(...parts: string[]): string {
  return readFileSync(path.join(fixtures, ...parts), "utf8");
}

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Polls `fn` until it returns a value other than undefined, or fails with `what` after `ms`. */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, ms = 4000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await sleep(25);
  }
}

/** Live ss output, parsed (ss reads the kernel over netlink: an independent view of the same sockets). */
export function ssNow(flags: string): SsRow[] {
  const r = spawnSync("ss", [flags], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`ss ${flags}: ${r.stderr}`);
  return parseSsOutput(r.stdout);
}

export const hasSs = process.platform === "linux" && which("ss") !== undefined;

let python: string | null | undefined;
/** The real python3 interpreter, or undefined (tests that need one skip with a message). */
export function python3(): string | undefined {
  if (python === undefined) {
    const r = spawnSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" });
    python = r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
  }
  return python ?? undefined;
}

/**
 * A python3 child running `code`, which prints one JSON line when ready.
 * The child exits when its stdin closes (the test process dies, or stop()).
 */
export async function startPython(code: string, args: string[] = []): Promise<{ child: ChildProcess; ready: Record<string, unknown>; stop(): Promise<void> }> {
  const exe = python3();
  if (!exe) throw new Error("python3 missing");
  const prelude = "import sys, threading, os\nthreading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()\n";
  const child = spawn(exe, ["-c", prelude + code, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  let err = "";
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (err += d));
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`python helper not ready in 5 s: ${err}`)), 5000);
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      const nl = out.indexOf("\n");
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(JSON.parse(out.slice(0, nl)) as Record<string, unknown>);
      }
    });
    child.on("exit", (c) => {
      clearTimeout(timer);
      reject(new Error(`python helper exited ${c}: ${err}`));
    });
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once("exit", r));
    child.stdin?.end();
    const t = setTimeout(() => child.kill("SIGKILL"), 2000);
    await gone;
    clearTimeout(t);
  };
  return { child, ready, stop };
}

/** The fd number behind a Node socket/server (internal but stable on Unix: libuv's handle fd). */
export function handleFd(x: unknown): number {
  const fd = (x as { _handle?: { fd?: number } })._handle?.fd;
  if (typeof fd !== "number" || fd < 0) throw new Error("no fd on this handle");
  return fd;
}

/** Whether a process is still alive (kill 0). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
