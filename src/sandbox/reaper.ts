/**
 * The fallback's clean-up of escaped children (Linux without a run's PID namespace:
 * SOCKET_TUTOR_SANDBOX=off, or no user namespaces). A process group ends everything a
 * program starts, except what leaves the group: a double fork, a daemon that calls
 * setsid(), a program under strace when the tutor is killed (strace stays, and holds it).
 * So every program of a run (verify's, trace's, a demo's) runs under a small subreaper
 * (socket_tutor_reaper.py, on the Python the demos use): orphans of the program are
 * reparented to it. It reports the
 * program's exit on a pipe, keeps what the program left running until the run ends (as a
 * PID namespace would), and SIGKILLs it all when the tutor stops the run (SIGUSR1) or
 * dies, even by SIGKILL (PR_SET_PDEATHSIG).
 *
 * What it cannot end (the README says so): an escaped process whose program killed its own
 * group with SIGKILL (`kill(0, SIGKILL)`), which takes the subreaper down too. A program
 * that sends SIGUSR1 to its own group ends its run.
 * Where python3 is missing, or not Linux, runs go on with the group clean-up alone.
 */
import { accessSync, constants } from "node:fs";
import { constants as osConstants } from "node:os";
import type { Readable } from "node:stream";
import path from "node:path";
import { packageRoot } from "../paths.js";
import { findPython } from "../util/python.js";
import { which } from "../util/which.js";

/** A command line, and whether the subreaper leads it (then stop it with `endReaped`, not a group SIGKILL). */
export interface WrappedCommand {
  cmd: string;
  args: string[];
  reaped?: boolean;
}

/**
 * `where.cwd`: where the command runs (a relative path names a file there); `where.statusFd`:
 * the pipe, in the spawned process, that the program's exit is reported on. Without `where`
 * nothing is wrapped.
 */
export type ReaperWrap = (cmd: string, args: readonly string[], where?: { cwd: string; statusFd: number }) => WrappedCommand;

export function reaperScript(): string {
  return path.join(packageRoot, "src", "sandbox", "socket_tutor_reaper.py");
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A wrap that runs a command under the subreaper, or undefined where there is none
 * (not Linux, no Python 3.8+, the script missing from the install). A command whose
 * executable cannot be found is left as it is: spawning it then fails the usual way,
 * with the usual message.
 */
export async function subreaperWrap(env: NodeJS.ProcessEnv = process.env): Promise<ReaperWrap | undefined> {
  if (process.platform !== "linux") return undefined;
  const script = reaperScript();
  const python = await findPython(env);
  if (!python || !executable(python.executable)) return undefined;
  try {
    accessSync(script, constants.R_OK);
  } catch {
    return undefined;
  }
  return (cmd, args, where) => {
    if (!where) return { cmd, args: [...args] };
    // The subreaper execs an absolute path (no PATH search of its own): found here, as spawn would.
    const file = cmd.includes("/") ? path.resolve(where.cwd, cmd) : which(cmd, env);
    if (!file || !executable(file)) return { cmd, args: [...args] };
    return { cmd: python.executable, args: ["-I", "-S", script, String(process.pid), String(where.statusFd), "--", file, ...args], reaped: true };
  };
}

/** Tells a subreaper to end its run: it SIGKILLs the program and every orphan, then exits. */
export function endReaped(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 1) return false;
  try {
    process.kill(pid, "SIGUSR1");
    return true;
  } catch {
    return false;
  }
}

/** What a subreaper says on its status pipe (socket_tutor_reaper.py). */
export interface ReaperStatus {
  /** "exit 3", "signal 15": the program ended (the last line). */
  ended(code: number | null, signal: NodeJS.Signals | null): void;
  /** "pid N": the program's pid, once forked. */
  forked?(pid: number): void;
  /** The pipe ended without an end line (the subreaper ran the program in its own place, or was killed). */
  closed?(): void;
}

/** Reads a subreaper's status lines ("pid 123", then "exit 3" or "signal 15"); anything else is ignored. */
export function readReaperStatus(stream: Readable, on: ReaperStatus): void {
  let held = "";
  let done = false;
  stream.on("error", () => undefined);
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    // Two short lines at most: what is past them is not the subreaper's.
    held = (held + chunk).slice(0, 128);
    for (let nl = held.indexOf("\n"); nl >= 0 && !done; nl = held.indexOf("\n")) {
      const line = held.slice(0, nl);
      held = held.slice(nl + 1);
      const pid = /^pid (\d{1,10})$/.exec(line);
      if (pid) {
        on.forked?.(Number(pid[1]));
        continue;
      }
      const m = /^(exit|signal) (\d{1,3})$/.exec(line);
      if (!m) continue;
      done = true;
      stream.destroy();
      const n = Number(m[2]);
      if (m[1] === "exit") return on.ended(n, null);
      const name = Object.entries(osConstants.signals).find(([, num]) => num === n)?.[0] as NodeJS.Signals | undefined;
      on.ended(name ? null : 128 + n, name ?? null);
    }
  });
  stream.on("close", () => {
    if (!done) on.closed?.();
  });
}
