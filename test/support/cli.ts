import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const cliPath = path.join(repoRoot, "dist", "src", "cli.js");

const homes: string[] = [];
process.on("exit", () => {
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

/**
 * A fresh progress folder, so no test touches the learner's real one or another
 * test's. Removed when the test file's process exits.
 */
export function tempHome(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "st-home-"));
  homes.push(dir);
  return dir;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the compiled CLI without a terminal (pipes), with a deadline. */
export function runCli(args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", ...opts.env };
    // chalk reads an empty FORCE_COLOR as "colour on"; only the test's own env may set it.
    if (!opts.env || !("FORCE_COLOR" in opts.env)) delete env.FORCE_COLOR;
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: opts.cwd ?? repoRoot,
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`socket-tutor ${args.join(" ")} did not finish in ${opts.timeoutMs ?? 10000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, opts.timeoutMs ?? 10000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? "");
  });
}
