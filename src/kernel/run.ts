import { execFile } from "node:child_process";

export interface RunResult {
  /** null when the command could not start or was killed. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Why it did not run to completion: "not found", "timed out", or the spawn error. */
  failure?: string;
}

/** Runs a short command without a shell, bounded in time and output; never rejects. */
export function runCommand(cmd: string, args: readonly string[], timeoutMs = 3000): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(cmd, args, { encoding: "utf8", timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (!err) return resolve({ code: 0, stdout, stderr });
      const e = err as NodeJS.ErrnoException & { code?: string | number; killed?: boolean; signal?: string | null };
      if (e.code === "ENOENT") return resolve({ code: null, stdout, stderr, failure: "not found" });
      if (e.killed || e.signal) return resolve({ code: null, stdout, stderr, failure: `timed out after ${timeoutMs} ms` });
      if (typeof e.code === "number") return resolve({ code: e.code, stdout, stderr });
      resolve({ code: null, stdout, stderr, failure: e.message });
    });
  });
}
