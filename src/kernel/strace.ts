import { closeSync, mkdtempSync, openSync, readSync, rmSync, watch, writeFileSync, type FSWatcher } from "node:fs";
import os from "node:os";
import path from "node:path";
import { onCleanup } from "../util/cleanup.js";
import { which } from "../util/which.js";
import { runCommand } from "./run.js";
import { StraceParser, type StraceCall, type StraceParserOptions } from "./strace-parse.js";
import { t } from "../text/catalog.js";

export { StraceParser, parseStraceText, type StraceCall, type StraceParserOptions } from "./strace-parse.js";

/**
 * The syscall view: runs a demo program under strace and reads its socket
 * calls as they happen.
 *
 * Output goes to a regular file in a private temp dir, which we tail. Not
 * `-o /dev/fd/3`: when fd 3 is a Node "pipe" it is a socketpair, and strace
 * cannot open it by path. Not a FIFO either: Node has no mkfifo, and opening
 * one blocks a thread-pool thread until strace opens the other end. strace
 * writes each line as it goes, and the start of a call that blocks
 * ("accept4(3<TCP:[...]>, ") as soon as it is entered, so pending() can show it.
 *
 * Killing: with `-o FILE PROG`, strace blocks fatal signals (its -I default),
 * and when strace itself dies its tracees are detached and keep running. So
 * spawn strace in its own process group (`detached: true`) and kill the group
 * (`process.kill(-pid, "SIGKILL")`), or kill the traced program: strace exits
 * once its last tracee has.
 */

export interface StraceStatus {
  available: boolean;
  /** strace's path when found. */
  path?: string;
  /** Why not, in words for the view ("strace is not installed", "ptrace is not permitted here: ..."). */
  reason?: string;
}

let statusPromise: Promise<StraceStatus> | undefined;

/** Linux, strace on PATH, and it can trace (ptrace may be forbidden in containers). Checked once. */
export function straceStatus(): Promise<StraceStatus> {
  statusPromise ??= probeStrace();
  return statusPromise;
}

export async function straceAvailable(): Promise<boolean> {
  return (await straceStatus()).available;
}

async function probeStrace(): Promise<StraceStatus> {
  if (process.platform !== "linux") return { available: false, reason: t("kernel.strace.notLinux", { platform: process.platform }) };
  const bin = which("strace");
  if (!bin) return { available: false, reason: t("kernel.strace.missing") };
  const truePath = which("true") ?? "/bin/true";
  const r = await runCommand(bin, ["-f", "-qq", "-e", "trace=none", truePath], 5000);
  if (r.code === 0) return { available: true, path: bin };
  const why = r.failure ?? (r.stderr.trim().split("\n")[0] || `exit ${r.code}`);
  return { available: false, path: bin, reason: t("kernel.strace.blocked", { why }) };
}

/** Socket-related syscalls: %network (socket, bind, listen, accept4, connect, send*, recv*, shutdown, *sockopt...) plus the generic I/O and readiness calls Node's libuv uses on sockets. */
export const STRACE_SYSCALLS: readonly string[] = ["%network", "read", "write", "readv", "writev", "close", "epoll_ctl", "poll", "ppoll", "select", "pselect6"];

export interface StraceCommandOptions {
  /** Where strace writes (a file in a private dir: see createStraceOutput). */
  outputPath: string;
  /** strace to run; default "strace" (from PATH). */
  strace?: string;
  /** -ttt: each line starts with its time, so events carry when the call happened (default true). */
  timestamps?: boolean;
  /** -s: how much of each data buffer to print (default 64). */
  stringLimit?: number;
  /** More syscalls to trace. */
  extraSyscalls?: readonly string[];
  /** -T: each call ends with how long it took (`<0.000123>`), which gives its end time. */
  durations?: boolean;
}

/**
 * The command line that runs `argv` under strace. Pass the real executable
 * (for Python, resolvePythonExecutable()): a pyenv shim is a shell script, and
 * -f would trace bash and pyenv too.
 */
export function buildStraceCommand(argv: readonly string[], opts: StraceCommandOptions): { command: string; args: string[] } {
  if (argv.length === 0) throw new Error("buildStraceCommand: no program to run");
  const trace = [...STRACE_SYSCALLS, ...(opts.extraSyscalls ?? [])].join(",");
  const args = ["-f", "-qq", "-e", "signal=none", "-yy", "-e", `trace=${trace}`, "-s", String(opts.stringLimit ?? 64), "-o", opts.outputPath];
  if (opts.timestamps !== false) args.push("-ttt");
  if (opts.durations) args.push("-T");
  args.push("--", ...argv);
  return { command: opts.strace ?? "strace", args };
}

export interface StraceOutput {
  dir: string;
  /** The file to pass as outputPath (created empty, so a reader can open it before strace starts). */
  path: string;
  /** Removes the dir. Also runs at exit (src/util/cleanup.ts). */
  remove(): void;
}

/** A private (0700) temp dir with an empty output file for strace. */
export function createStraceOutput(): StraceOutput {
  const dir = mkdtempSync(path.join(os.tmpdir(), "st-strace-"));
  const file = path.join(dir, "trace.txt");
  writeFileSync(file, "", { mode: 0o600 });
  let unregister: (() => void) | undefined;
  const remove = () => {
    unregister?.();
    unregister = undefined;
    rmSync(dir, { recursive: true, force: true });
  };
  unregister = onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, path: file, remove };
}

export interface StraceFollowOptions extends StraceParserOptions {
  /** Safety net in case a change notification is missed (ms, default 100). */
  pollMs?: number;
}

/**
 * Tails strace's output file and hands each parsed socket call to `onCall`
 * as soon as strace writes it (inotify via fs.watch, plus a slow poll).
 * `stop()` reads what is left and reports calls still unfinished (unfinished: true).
 */
export class StraceFollower {
  private fd: number | undefined;
  private offset = 0;
  private readonly parser: StraceParser;
  private readonly decoder = new TextDecoder("utf-8");
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly chunk = Buffer.alloc(64 * 1024);

  constructor(
    readonly file: string,
    private readonly onCall: (call: StraceCall) => void,
    opts: StraceFollowOptions = {},
  ) {
    this.parser = new StraceParser(opts);
    this.fd = openSync(file, "r");
    try {
      this.watcher = watch(file, () => this.drain());
      this.watcher.on("error", () => undefined);
      this.watcher.unref();
    } catch {
      this.watcher = undefined; // the poll below still works
    }
    this.timer = setInterval(() => this.drain(), opts.pollMs ?? 100);
    this.timer.unref();
    this.drain();
  }

  /** Calls started but not returned yet (a blocked accept/recv), for a "waiting" display. */
  pending(): StraceCall[] {
    this.drain();
    return this.parser.pending();
  }

  /** Reads whatever strace has written so far. Synchronous and cheap: safe to call often. */
  drain(): void {
    if (this.fd === undefined) return;
    for (let i = 0; i < 1024; i++) {
      let n: number;
      try {
        n = readSync(this.fd, this.chunk, 0, this.chunk.length, this.offset);
      } catch {
        return;
      }
      if (n <= 0) return;
      this.offset += n;
      for (const c of this.parser.push(this.decoder.decode(this.chunk.subarray(0, n), { stream: true }))) this.onCall(c);
    }
  }

  stop(): void {
    if (this.fd === undefined) return;
    this.drain();
    if (this.timer) clearInterval(this.timer);
    this.watcher?.close();
    closeSync(this.fd);
    this.fd = undefined;
    for (const c of this.parser.push(this.decoder.decode())) this.onCall(c);
    for (const c of this.parser.end()) this.onCall(c);
  }
}

const pythonCache = new Map<string, Promise<string | undefined>>();

/**
 * The interpreter `command` really runs (sys.executable), resolved once per
 * command: `python3` may be a pyenv shim (a shell script), and strace -f would
 * then trace bash and pyenv before Python. Undefined when it does not run.
 */
export function resolvePythonExecutable(command = "python3"): Promise<string | undefined> {
  let p = pythonCache.get(command);
  if (!p) {
    p = runCommand(command, ["-c", "import sys; print(sys.executable)"], 10000).then((r) => {
      const exe = r.stdout.trim();
      return r.code === 0 && path.isAbsolute(exe) ? exe : undefined;
    });
    pythonCache.set(command, p);
  }
  return p;
}
