import { writeFileSync } from "node:fs";
import path from "node:path";
import { buildStraceCommand, StraceFollower, straceStatus } from "../kernel/strace.js";
import type { SyscallEvent } from "./events.js";
import type { DemoRuntime } from "./spec.js";
import { t } from "../text/catalog.js";

/**
 * The optional syscall view: each program runs under strace (src/kernel/strace.ts),
 * writing to its own file in the demo's private temp dir, which is tailed; each
 * socket call becomes a SyscallEvent. The tutor's plumbing is left out: stdio
 * (0-2) and the tracer's pipes (3 and 4 for Node; 200+ for Python, which moves them
 * there before the program runs, so its first socket can be fd 3).
 */
export type StraceSupport =
  | { available: false; reason: string }
  | {
      available: true;
      /** The command line that runs `argv` under strace for this process. */
      wrap: (name: string, argv: string[]) => { command: string; args: string[] };
      follow: (name: string, emit: (ev: SyscallEvent) => void) => void;
      close: () => void;
    };

const IGNORE: Record<DemoRuntime, number[]> = {
  python: [0, 1, 2, 200, 201],
  node: [0, 1, 2, 3, 4],
};

export async function startStrace(tempDir: string, runtime: DemoRuntime): Promise<StraceSupport> {
  const status = await straceStatus();
  if (!status.available) return { available: false, reason: t("kernel.strace.noView", { why: status.reason ?? t("kernel.strace.unavailable") }) };
  const followers: StraceFollower[] = [];
  const file = (name: string) => path.join(tempDir, `strace-${name.replace(/[^a-zA-Z0-9_-]/g, "_")}.txt`);
  return {
    available: true,
    wrap: (name, argv) => {
      writeFileSync(file(name), "", { mode: 0o644 });
      return buildStraceCommand(argv, { outputPath: file(name), strace: status.path });
    },
    follow: (name, emit) => {
      let seenProgram = false;
      followers.push(
        new StraceFollower(
          file(name),
          (c) => {
            // When the Python tracer moves its pipes off fds 3 and 4 it closes them: not the program's
            // doing. Only those closes are skipped: a program's own AF_UNIX socket may be fd 3 next.
            if (runtime === "python" && !seenProgram) {
              if (c.call === "close" && (c.fd === 3 || c.fd === 4) && c.label?.startsWith("UNIX")) return;
              seenProgram = true;
            }
            emit({ type: "syscall", proc: name, pid: c.pid, text: c.text, t: c.t ?? performance.timeOrigin + performance.now() });
          },
          { ignoreFds: IGNORE[runtime] },
        ),
      );
    },
    close: () => {
      for (const f of followers.splice(0)) f.stop();
    },
  };
}
