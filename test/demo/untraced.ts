/**
 * Running one demo program on its own, untraced, as a learner would run it
 * (`PORT=... python3 server.py`), so a test can put it under loads the demo's own
 * clients never make: a client that reads slowly, one that resets.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findPython } from "../../src/demo/runtime.js";
import type { DemoRuntime } from "../../src/demo/spec.js";
import { waitFor } from "../support/demo.js";

const lessonsRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "lessons");

export interface Untraced {
  port: number;
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (null when killed). */
  exited: Promise<number | null>;
  stop: () => Promise<void>;
}

/** A free loopback port from the kernel: bound to port 0, then released. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

/**
 * Starts lessons/<file> (relative to lessons/) with HOST and PORT, and waits until it
 * accepts connections (with `probe: "none"`, only that it started). Note: the
 * readiness probe is one connection of its own.
 */
export async function startUntraced(file: string, runtime: DemoRuntime, opts: { probe?: "tcp" | "none" } = {}): Promise<Untraced> {
  const port = await freePort();
  const program = path.join(lessonsRoot, file);
  const exe = runtime === "python" ? (await findPython())?.executable : process.execPath;
  if (!exe) throw new Error("no python3");
  const child = spawn(exe, [program], {
    cwd: path.dirname(program),
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), PYTHONUNBUFFERED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  };
  // The readiness probe costs the program one of its clients (it is one connection).
  // A UDP server has nothing to connect to: the test itself retries its first datagram.
  const up = opts.probe === "none" ? child.exitCode === null : await waitFor(() => child.exitCode === null && connects(port), 5000);
  if (!up) {
    await stop();
    throw new Error(`${file} (${runtime}) did not listen on ${port}:\n${out}`);
  }
  return { port, child, output: () => out, exited, stop };
}
