/**
 * A private network and process tree for one run (a demo, a verify), where Linux
 * allows it without root: `unshare` makes a user + network + PID namespace whose
 * first process (the holder, pid 1 inside) brings loopback up and then waits on
 * a pipe from the tutor. Every program of the run joins it through `nsenter`.
 * So: the run has its own 127.0.0.1 and ::1 (port 8000 is always free there, no
 * other program's sockets or TIME_WAIT rows show), and when the holder ends, the
 * kernel kills every process inside, whatever they did with setsid() or fork().
 * The holder ends when the tutor closes the pipe, stops the run, or dies (even by
 * SIGKILL: the pipe closes with it).
 *
 * Inside, a program is root of its own user namespace (mapped to the tutor's own
 * user outside): it can open packet sockets on its loopback, but nothing outside.
 * /proc is the outer one: /proc/self names a process by its outer pid, and
 * /proc/<holder>/net/* shows the run's sockets.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { signalGroup } from "../util/process-group.js";
import { onCleanup } from "../util/cleanup.js";
import { which } from "../util/which.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";

/**
 * The holder, as pid 1 of the new namespaces: loopback up (with ip, or Python's
 * ioctl where ip is missing), then its pid as seen from outside (read through the
 * outer /proc), then `cat` until the tutor closes stdin.
 */
const LO_UP_PY =
  "import socket,fcntl,struct;s=socket.socket();f=struct.unpack('16sH14x',fcntl.ioctl(s,0x8913,struct.pack('16sH14x',b'lo',0)))[1];fcntl.ioctl(s,0x8914,struct.pack('16sH14x',b'lo',f|1))";
const HOLDER = [
  `{ ip link set lo up 2>/dev/null || python3 -c "${LO_UP_PY}" 2>/dev/null; } || { echo "no-lo"; exit 97; }`,
  "read -r pid rest < /proc/self/stat",
  'echo "pid $pid"',
  "exec cat >/dev/null",
].join("\n");

export interface SandboxSupport {
  available: boolean;
  /** Why not, in words for `doctor` and the views. */
  reason?: string;
}

/** The programs a sandbox needs, found on PATH. */
function tools(env: NodeJS.ProcessEnv): { unshare: string; nsenter: string } | string {
  if (process.platform !== "linux") return t("sandbox.noNamespaces", { platform: process.platform });
  const unshare = which("unshare", env);
  const nsenter = which("nsenter", env);
  if (!unshare || !nsenter) return t("sandbox.missingTool", { tool: !unshare ? "unshare" : "nsenter" });
  return { unshare, nsenter };
}

export class SandboxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SandboxError";
  }
}

const START_TIMEOUT_MS = 5000;

/** One run's namespaces. `wrap` turns a command into one that runs inside them. */
export class RunSandbox {
  private stopped = false;
  private readonly unregister: () => void;

  private constructor(
    private readonly holder: ChildProcess,
    /** The holder's pid outside (pid 1 inside): the namespaces' handle. */
    readonly pid: number,
    private readonly nsenter: string,
  ) {
    // Synchronous, for the tutor's exit and its signals: the kernel does the rest.
    this.unregister = onCleanup(() => this.kill());
  }

  /** Starts the namespaces; rejects with a SandboxError saying why they cannot be had. */
  static async start(env: NodeJS.ProcessEnv = process.env): Promise<RunSandbox> {
    const found = tools(env);
    if (typeof found === "string") throw new SandboxError(found);
    // detached: the holder leads a group of its own, so a Ctrl-C to the tutor's group
    // does not end the run before the tutor has cleaned up.
    const holder = spawn(found.unshare, ["--user", "--map-root-user", "--net", "--pid", "--fork", "--kill-child", "sh", "-c", HOLDER], {
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
      env: { PATH: env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin", LANG: "C" },
    });
    holder.stdin!.on("error", () => undefined);
    let err = "";
    holder.stderr!.setEncoding("utf8").on("data", (d: string) => {
      if (err.length < 2000) err += d;
    });
    const pid = await new Promise<number>((resolve, reject) => {
      let out = "";
      const timer = setTimeout(() => fail(t("sandbox.startTimeout", { seconds: START_TIMEOUT_MS / 1000 })), START_TIMEOUT_MS);
      const fail = (why: string): void => {
        clearTimeout(timer);
        signalGroup(holder.pid ?? -1, "SIGKILL");
        reject(new SandboxError(why));
      };
      holder.stdout!.setEncoding("utf8").on("data", (d: string) => {
        out += d;
        const m = /pid (\d+)\n/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        } else if (out.includes("no-lo")) fail(t("sandbox.noLoopback"));
      });
      holder.once("error", (e) => fail(t("sandbox.cannotStart", { error: e.message })));
      holder.once("exit", () => fail(firstLine(err) || t("sandbox.exitedEarly")));
    });
    holder.removeAllListeners("exit");
    holder.stdout!.removeAllListeners("data");
    holder.stdout!.resume();
    holder.unref();
    (holder.stdout as unknown as { unref?: () => void }).unref?.();
    (holder.stderr as unknown as { unref?: () => void }).unref?.();
    return new RunSandbox(holder, pid, found.nsenter);
  }

  /** The command that runs `cmd args` inside the namespaces (nsenter forks it into the PID namespace and waits for it). */
  wrap(cmd: string, args: readonly string[]): { cmd: string; args: string[] } {
    return { cmd: this.nsenter, args: ["--target", String(this.pid), "--user", "--net", "--pid", "--preserve-credentials", "--", cmd, ...args] };
  }

  /** Where the run's socket tables are read: /proc/<holder>/net instead of /proc/net. */
  get procNet(): string {
    return `/proc/${this.pid}/net`;
  }

  get running(): boolean {
    return !this.stopped;
  }

  /** Ends the run: every process inside dies with the holder. */
  stop(): void {
    this.kill();
    this.unregister();
  }

  private kill(): void {
    if (this.stopped) return;
    this.stopped = true;
    try {
      // SIGKILL from outside always reaches a namespace's pid 1 (it ignores SIGTERM).
      process.kill(this.pid, "SIGKILL");
    } catch {
      // already gone
    }
    signalGroup(this.holder.pid ?? -1, "SIGKILL");
    this.holder.stdin?.destroy();
  }
}

function firstLine(text: string): string {
  return escapeTerminal(text.trim().split("\n")[0]?.replace(/^unshare: /, "") ?? "");
}

let support: Promise<SandboxSupport> | undefined;

/**
 * Whether runs can have private namespaces here, found once per process by starting
 * one (a container's seccomp profile or Ubuntu's AppArmor rule for unprivileged user
 * namespaces fail only when tried). SOCKET_TUTOR_SANDBOX=off says no.
 */
export function sandboxSupport(env: NodeJS.ProcessEnv = process.env): Promise<SandboxSupport> {
  if (env.SOCKET_TUTOR_SANDBOX === "off") return Promise.resolve({ available: false, reason: t("sandbox.off") });
  if (env !== process.env) return probe(env);
  support ??= probe(env);
  return support;
}

async function probe(env: NodeJS.ProcessEnv): Promise<SandboxSupport> {
  try {
    const box = await RunSandbox.start(env);
    box.stop();
    return { available: true };
  } catch (err) {
    return { available: false, reason: (err as Error).message };
  }
}

/**
 * A private network for a run where this machine allows it, else undefined (the run
 * then uses the shared loopback, as on machines without namespaces).
 */
export async function sandboxIfAvailable(): Promise<RunSandbox | undefined> {
  if (!(await sandboxSupport()).available) return undefined;
  try {
    return await RunSandbox.start();
  } catch {
    // It worked a moment ago (the probe): run on the shared loopback rather than not at all.
    return undefined;
  }
}
