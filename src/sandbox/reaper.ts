/**
 * The fallback's clean-up of escaped children (Linux without a run's PID namespace:
 * SOCKET_TUTOR_SANDBOX=off, or no user namespaces). A process group ends everything a
 * program starts, except what leaves the group: a double fork, a daemon that calls
 * setsid(). So the program runs under a small subreaper (socket_tutor_reaper.py, on the
 * Python the demos use): orphans of the program are reparented to it. It reports the
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
