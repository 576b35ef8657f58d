import { readFileSync } from "node:fs";
import { childPids } from "../kernel/owners.js";

/** Processes looked at when a pid is not known yet: a program that forks more than this is not followed further. */
const MAX_PROCESSES = 256;

/**
 * In a private network a program also has a PID namespace of its own, and what it (or
 * strace, inside) calls pid 7 is another number in the tutor's /proc, which the kernel
 * table's owners use. This maps the one to the other for `root` (the program, by the
 * tutor's pid) and its descendants, from the last field of each one's `NSpid:` line;
 * an unknown pid (a process gone already) maps to `root`.
 */
export function namespacePids(root: number, procRoot = "/proc"): (inner: number) => number {
  const known = new Map<number, number>();
  const scan = (): void => {
    const todo = [root];
    let seen = 0;
    while (todo.length && seen < MAX_PROCESSES) {
      const pid = todo.shift()!;
      seen++;
      try {
        const line = /^NSpid:\s*(.*)$/m.exec(readFileSync(`${procRoot}/${pid}/status`, "utf8"))?.[1];
        const inner = line ? Number(line.trim().split(/\s+/).pop()) : NaN;
        if (Number.isInteger(inner)) known.set(inner, pid);
      } catch {
        continue; // gone
      }
      todo.push(...childPids(pid, procRoot));
    }
  };
  return (inner) => {
    if (!known.has(inner)) scan();
    return known.get(inner) ?? root;
  };
}
