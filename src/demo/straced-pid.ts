import { readFileSync } from "node:fs";
import { childPids } from "../kernel/owners.js";

/**
 * The pid of a program that strace runs: the child of strace (`parent`) whose command
 * line starts with `argv0`, once strace has forked it and it has run exec. Not simply
 * strace's first child: strace forks short-lived children of its own at start-up to
 * test what ptrace can do here, and naming one of those would leave the program's calls
 * and sockets unowned. When strace is gone first (exec failed, it said why on stderr),
 * or after `boundMs`, `found` gets `parent`.
 */
export function whenStracedProgramKnown(parent: number, argv0: string, gone: () => boolean, found: (pid: number) => void, boundMs = 15_000): void {
  const started = Date.now();
  let wait = 2;
  const look = (): void => {
    const program = childPids(parent).find((pid) => firstArg(pid) === argv0);
    if (program !== undefined) return found(program);
    if (gone() || Date.now() - started > boundMs) return found(parent);
    wait = Math.min(wait * 2, 25);
    setTimeout(look, wait);
  };
  look();
}

function firstArg(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0];
  } catch {
    return undefined; // gone
  }
}
