import { readFileSync, readlinkSync } from "node:fs";

/**
 * Telling one process from another that later got the same pid, on Linux: a pid
 * is reused once its process is gone, but the pair (pid, start time) is not; and
 * a pid means something only inside its pid namespace (a container sharing /tmp
 * with the host counts its own pids). Both are read from /proc.
 */

export type ProcessLookup =
  /** The pid has a process in /proc's namespace; `startTime` is when it started (clock ticks since boot). */
  | { state: "running"; startTime: string }
  /** No process has this pid. */
  | { state: "gone" }
  /** /proc could not say (not Linux, not readable, an odd line): nothing may be concluded. */
  | { state: "unknown" };

/**
 * Field 22 (starttime) of /proc/<pid>/stat. The second field is the command name in
 * parentheses and may itself hold spaces and ")", so fields are counted after the last ")".
 */
export function parseStartTime(stat: string): string | undefined {
  const close = stat.lastIndexOf(")");
  if (close < 0) return undefined;
  const rest = stat.slice(close + 1).trim().split(/\s+/);
  // rest[0] is field 3 (state), so field 22 is rest[19]
  const start = rest[19];
  return start !== undefined && /^\d+$/.test(start) ? start : undefined;
}

export function lookupProcess(pid: number, procRoot = "/proc"): ProcessLookup {
  if (!Number.isInteger(pid) || pid <= 0) return { state: "unknown" };
  let stat: string;
  try {
    stat = readFileSync(`${procRoot}/${pid}/stat`, "utf8");
  } catch (err) {
    // ENOENT (or ESRCH while it exits): no such process. Anything else proves nothing.
    const code = (err as NodeJS.ErrnoException).code;
    return code === "ENOENT" || code === "ESRCH" ? { state: "gone" } : { state: "unknown" };
  }
  const startTime = parseStartTime(stat);
  return startTime ? { state: "running", startTime } : { state: "unknown" };
}

/** This process's pid namespace, as the link names it ("pid:[4026531836]"), or undefined where there is none to read. */
export function ownPidNamespace(procRoot = "/proc"): string | undefined {
  try {
    const link = readlinkSync(`${procRoot}/self/ns/pid`);
    return /^pid:\[\d+\]$/.test(link) ? link : undefined;
  } catch {
    return undefined;
  }
}
