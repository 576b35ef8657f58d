import { spawn } from "node:child_process";

/**
 * The learner's program must die with the tutor, however the tutor dies. A signal
 * the tutor can catch runs its clean-up (util/cleanup.ts), but `kill -9` or a crash of
 * Node itself runs nothing, and an arbitrary program (a C binary) cannot be asked to
 * watch a pipe the way the demo tracers do. So each program gets a guardian: a tiny
 * `sh` that holds a pipe from the tutor and blocks reading it. The tutor never writes
 * until the run is over; then it writes one line and the guardian exits quietly. If
 * the tutor dies first, the kernel closes the pipe, `read` sees end-of-file, and the
 * guardian SIGKILLs the program's whole process group.
 *
 * The guardian runs in a process group of its own (detached), so neither the learner's
 * group kill (`kill(0, SIGKILL)`, `os.killpg`) nor Ctrl-C in the tutor's terminal
 * reaches it before it acts; only the tutor holds the pipe's other end (Node opens it
 * close-on-exec, so no program inherits it). `sh` is on every Unix; starting it costs a
 * few milliseconds (see the commit that added it). A later change runs the programs in
 * PID namespaces; this stays as the fallback where those are unavailable.
 *
 * Limits, known: a group whose members all exited long before the tutor died could in
 * principle have its number reused by then (the run ends, and the guardian is released,
 * within seconds of that); a program that leaves its group (setsid) escapes it (on Linux
 * the fallback's subreaper, sandbox/reaper.ts, ends those).
 */

// $1 is the group's id, a positive integer we pass. `kill -KILL -N` (not `kill -- -N`,
// which dash refuses) signals the group N on dash, bash and zsh.
const SCRIPT = 'read -r _ || kill -KILL -"$1" 2>/dev/null';
// Behind a subreaper (sandbox/reaper.ts): it leads the group and ends the whole run itself
// when the tutor dies, escaped orphans included, which a group kill would stop it doing.
// So the guardian kills the group only when the subreaper is gone (killed by the program).
const SCRIPT_BEHIND_REAPER = 'read -r _ || kill -0 "$1" 2>/dev/null || kill -KILL -"$1" 2>/dev/null';
/** Its $0, so it can be recognised in `ps` (and by the tests). */
export const GUARDIAN_NAME = "socket-tutor-guardian";

export interface Guardian {
  /** The run is over and the group is gone: the guardian exits without killing anything. */
  release(): void;
}

const NONE: Guardian = { release: () => undefined };

export function guardGroup(pgid: number, behindReaper = false): Guardian {
  if (!Number.isInteger(pgid) || pgid <= 1 || process.platform === "win32") return NONE;
  let child;
  try {
    child = spawn("/bin/sh", ["-c", behindReaper ? SCRIPT_BEHIND_REAPER : SCRIPT, GUARDIAN_NAME, String(pgid)], { stdio: ["pipe", "ignore", "ignore"], detached: true });
  } catch {
    return NONE;
  }
  // No /bin/sh: the catchable signals are still handled by the tutor's clean-up.
  child.on("error", () => undefined);
  const pipe = child.stdin!;
  pipe.on("error", () => undefined);
  // Neither the guardian nor its pipe keeps the tutor's event loop alive.
  child.unref();
  (pipe as unknown as { unref?: () => void }).unref?.();
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      pipe.end("done\n");
    },
  };
}
