import { accessSync, constants, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { escapeTerminal } from "../text/escape.js";
import { closest } from "../util/suggest.js";
import { which } from "../util/which.js";
import type { LaunchCommand } from "./program.js";

/**
 * Why a file cannot be run; `usage` problems exit 2 (the learner typed something wrong).
 * The message quotes file names, which may hold anything: it is escaped for a terminal.
 */
export class LaunchProblem extends Error {
  constructor(message: string, readonly usage: boolean) {
    super(escapeTerminal(message));
    this.name = "LaunchProblem";
  }
}

const NODE_EXT = new Set([".js", ".mjs", ".cjs"]);
const TS_EXT = new Set([".ts", ".mts", ".cts"]);

/**
 * tsx's loader, given to the running Node with --import: one process instead of
 * tsx's CLI, which starts a second Node (measured: 0.30 s vs 0.43 s to start).
 */
export function tsxLoaderUrl(): string | undefined {
  try {
    return pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  } catch {
    return undefined;
  }
}

function rel(file: string, cwd: string): string {
  const r = path.relative(cwd, file);
  return r && !r.startsWith("..") ? r : file;
}

/** How to run the learner's file: by extension, else the file itself if executable. */
export function commandForFile(file: string, cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): LaunchCommand {
  const abs = path.resolve(cwd, file);
  let isFile = false;
  try {
    isFile = statSync(abs).isFile();
  } catch {
    throw new LaunchProblem(`no file '${file}' here (${cwd}).${nearbyFiles(abs)}`, true);
  }
  if (!isFile) throw new LaunchProblem(`'${file}' is not a file. Give the program's file, e.g. 'echo.py'.`, true);
  const dir = path.dirname(abs);
  const ext = path.extname(abs).toLowerCase();
  const shown = rel(abs, cwd);
  // The interpreter is given the absolute path: a bare name that starts with "-"
  // ("-cprint('X')#.py", "--eval=...js") would be read as an option and run as code.
  // python3 accepts "--" before the file too, but node would then resolve a bare name as
  // a package; an absolute path works for both, for tsx through --import, and keeps
  // tracebacks clean ("./" would show as /dir/./echo.py).
  const script = abs;
  if (ext === ".py") {
    const python = which("python3", env);
    if (!python) {
      throw new LaunchProblem(
        "python3 was not found on your PATH, so a .py file cannot run. Install Python 3 (3.8 or newer), or run it with your own interpreter: " +
          `socket-tutor verify <exercise> -- /path/to/python ${shown}`,
        false,
      );
    }
    return { file: python, args: [script], cwd: dir, display: `python3 ${shown}` };
  }
  if (NODE_EXT.has(ext)) return { file: process.execPath, args: [script], cwd: dir, display: `node ${shown}` };
  if (TS_EXT.has(ext)) {
    const loader = tsxLoaderUrl();
    if (!loader) throw new LaunchProblem("cannot find tsx (a dependency of socket-tutor) to run a .ts file; reinstall socket-tutor, or compile to .js and verify that", false);
    return { file: process.execPath, args: ["--import", loader, script], cwd: dir, display: `tsx ${shown}` };
  }
  try {
    accessSync(abs, constants.X_OK);
  } catch {
    throw new LaunchProblem(
      `'${shown}' is not executable, and socket-tutor runs only .py, .js/.mjs/.cjs and .ts files by their extension. ` +
        `Make it executable (chmod +x ${shown}, with a #! line), or give the command after --: socket-tutor verify <exercise> -- <command> ${shown}`,
      true,
    );
  }
  return { file: abs, args: [], cwd: dir, display: shown };
}

/** `verify <id> -- <command> [args...]`: run as given, from the current directory. */
export function commandFromArgv(argv: string[], cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): LaunchCommand {
  const [cmd, ...args] = argv;
  if (!cmd) throw new LaunchProblem("nothing after '--': give the command that runs your program, e.g. 'socket-tutor verify tcp-echo -- ./echo'", true);
  let file = cmd;
  if (cmd.includes("/")) {
    file = path.resolve(cwd, cmd);
    try {
      accessSync(file, constants.X_OK);
    } catch {
      throw new LaunchProblem(`'${cmd}' is not an executable file${exists(file) ? " (try chmod +x)" : ` (no such file in ${cwd})`}`, true);
    }
  } else {
    const found = which(cmd, env);
    if (!found) throw new LaunchProblem(`command '${cmd}' was not found on your PATH`, true);
    file = found;
  }
  const display = [cmd, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(" ");
  return { file, args, cwd, display };
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

function nearbyFiles(abs: string): string {
  let names: string[];
  try {
    names = readdirSync(path.dirname(abs)).filter((n) => !n.startsWith("."));
  } catch {
    return ` (the folder ${path.dirname(abs)} does not exist either)`;
  }
  const near = closest(path.basename(abs), names);
  if (near.length) return ` Did you mean ${near.map((n) => `'${n}'`).join(" or ")}?`;
  const programs = names.filter((n) => /\.(py|m?js|cjs|ts)$/.test(n)).slice(0, 5);
  return programs.length ? ` Files here: ${programs.join(", ")}.` : "";
}
