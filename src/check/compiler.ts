import { spawn } from "node:child_process";
import path from "node:path";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { onCleanup } from "../util/cleanup.js";
import { shellQuote } from "../util/invocation.js";
import { which } from "../util/which.js";
import type { BuildSource, LaunchCommand } from "./program.js";
import { privateDir } from "./tempdirs.js";

/**
 * `verify` on a .c file: the C compiler builds it into a private temporary folder first,
 * and the checks then run the program it made. The build comes before the checks start,
 * so its time never counts against a check's deadline or the wait for the program to listen.
 * The compiler gets its arguments as argv (no shell): a file named `$(rm -rf ~).c` is a name.
 */

/** The flags the reference solutions compile cleanly with; the starters say so too. */
export const C_FLAGS: readonly string[] = ["-std=c11", "-Wall", "-Wextra", "-O2"];
/** Compiler output lines shown; the message says how to see the rest. */
export const SHOWN_LINES = 20;
/** Bytes of compiler output kept: a flood of errors cannot fill the tutor's memory. */
const MAX_OUTPUT_BYTES = 256 * 1024;
/** A build that takes longer than this is stuck (an editor's swap file, an enormous include). */
const BUILD_TIMEOUT_MS = 120_000;

/** The C compiler on PATH: `cc` (what POSIX names it), else gcc or clang by their own names. */
export function findCompiler(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const name of ["cc", "gcc", "clang"]) {
    const found = which(name, env);
    if (found) return found;
  }
  return undefined;
}

/**
 * What to install for a C compiler on this machine: looked up, not assumed (the package
 * manager that is there, or Xcode's command line tools on macOS).
 */
export function compilerInstallHint(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === "darwin") return t("verify.build.installMac", { command: "xcode-select --install" });
  const managers: Array<[string, string]> = [
    ["apt-get", "sudo apt install gcc"],
    ["dnf", "sudo dnf install gcc"],
    ["yum", "sudo yum install gcc"],
    ["pacman", "sudo pacman -S gcc"],
    ["zypper", "sudo zypper install gcc"],
    ["apk", "sudo apk add build-base"],
  ];
  const found = managers.find(([tool]) => which(tool, env) !== undefined);
  return found ? t("verify.build.installWith", { command: found[1] }) : t("verify.build.installAny");
}

/** A build that failed: the message holds the compiler's first lines, escaped. */
export class BuildFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BuildFailed";
  }
}

export interface Built {
  command: LaunchCommand;
  /** The compiler's warnings (first lines, escaped), or "" when it said nothing. */
  warnings: string;
  /** Removes the program and its folder. */
  remove(): void;
}

/** The command that shows every line, for the learner to run: the flags, the file, and an output they can write. */
export function buildCommandLine(b: BuildSource, cwd: string = process.cwd()): string {
  const rel = path.relative(cwd, b.source);
  const shown = rel && !rel.startsWith("..") ? rel : b.source;
  const name = path.basename(b.source).replace(/\.c$/i, "") || "program";
  return escapeTerminal(["cc", ...C_FLAGS, "-o", name, shown].map(shellQuote).join(" "));
}

/**
 * Builds the program. Resolves with the command that runs it (from the source's folder, as
 * a script would run); rejects with BuildFailed when the compiler says no. Aborting stops
 * the compiler.
 */
export async function buildC(b: BuildSource, signal?: AbortSignal, cwd: string = process.cwd()): Promise<Built> {
  const dir = privateDir();
  const name = path.basename(b.source).replace(/\.c$/i, "") || "program";
  // A fixed, plain name inside our own folder: whatever the source is called, the output path is safe.
  const out = path.join(dir.dir, "program");
  let output: { code: number | null; text: string };
  try {
    // From the source's folder and by a relative name: the messages say "./echo.c:3:5", and the
    // "./" keeps a name that starts with "-" from being read as an option.
    output = await runCompiler(b.compiler, [...C_FLAGS, "-o", out, `./${path.basename(b.source)}`], path.dirname(b.source), signal);
  } catch (err) {
    dir.remove();
    throw err;
  }
  const shown = shortOutput(output.text, b, cwd);
  if (output.code !== 0) {
    dir.remove();
    if (signal?.aborted) throw new BuildFailed(t("check.cancelled"));
    const file = escapeTerminal(path.basename(b.source));
    throw new BuildFailed(output.code === null ? t("verify.build.timedOut", { file, seconds: BUILD_TIMEOUT_MS / 1000 }) : t("verify.build.failed", { file, output: shown }));
  }
  return {
    // Run from the source's folder, as a script is: a program that opens a file beside it finds it.
    command: { file: out, args: [], cwd: path.dirname(b.source), display: `./${name} (cc ${path.basename(b.source)})` },
    warnings: shown,
    remove: () => dir.remove(),
  };
}

/** The first SHOWN_LINES lines, escaped, and how to see every line when there are more. */
function shortOutput(text: string, b: BuildSource, cwd: string): string {
  const lines = text.replace(/\s+$/, "").split("\n").filter((l, i, all) => l !== "" || i < all.length - 1);
  if (lines.length === 0 || (lines.length === 1 && lines[0] === "")) return "";
  const head = lines.slice(0, SHOWN_LINES).map((l) => `  ${escapeTerminal(l)}`);
  if (lines.length > SHOWN_LINES) head.push(t("verify.build.more", { n: lines.length - SHOWN_LINES, command: buildCommandLine(b, cwd) }));
  return head.join("\n");
}

/** Runs the compiler with bounded output and time; code null: it was stopped (time out or abort). */
function runCompiler(compiler: string, args: string[], cwd: string, signal?: AbortSignal): Promise<{ code: number | null; text: string }> {
  return new Promise((resolve, reject) => {
    // LC_ALL=C: plain ASCII quotes in the messages, whatever the learner's locale.
    const child = spawn(compiler, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } });
    const chunks: Buffer[] = [];
    let size = 0;
    const keep = (c: Buffer): void => {
      if (size >= MAX_OUTPUT_BYTES) return;
      chunks.push(c.subarray(0, MAX_OUTPUT_BYTES - size));
      size += c.length;
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const stop = (): void => void child.kill("SIGKILL");
    const unregister = onCleanup(stop);
    const timer = setTimeout(stop, BUILD_TIMEOUT_MS);
    signal?.addEventListener("abort", stop, { once: true });
    child.once("error", (err) => {
      clearTimeout(timer);
      unregister();
      reject(err);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      unregister();
      signal?.removeEventListener("abort", stop);
      resolve({ code, text: Buffer.concat(chunks).toString("utf8") });
    });
  });
}
