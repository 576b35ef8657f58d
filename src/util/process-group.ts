/**
 * Every program the tutor starts leads a process group of its own (spawn with
 * detached: true), so one signal to the group reaches whatever it started.
 */

/** Signals the whole group led by `pid`; false when there is no such group (already gone). */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  if (!Number.isInteger(pid) || pid <= 1) return false;
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    // ESRCH: nobody is left in the group (EPERM: not ours to signal)
    return false;
  }
}
