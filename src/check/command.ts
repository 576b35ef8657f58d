import { accessSync, constants, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { tutor } from "../util/invocation.js";
import { didYouMean } from "../util/suggest.js";
import { which } from "../util/which.js";
import { compilerInstallHint, findCompiler } from "./compiler.js";
import type { LaunchCommand } from "./program.js";
import { listOf } from "../text/list.js";

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
    throw new LaunchProblem(t("verify.launch.noFile", { file, cwd, more: nearbyFiles(abs) }), true);
  }
  if (!isFile) throw new LaunchProblem(t("verify.launch.notAFile", { file }), true);
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
      throw new LaunchProblem(t("verify.launch.noPython", { command: tutor(`verify <exercise> -- /path/to/python ${shown}`) }), false);
    }
    return { file: python, args: [script], cwd: dir, display: `python3 ${shown}` };
  }
  if (ext === ".c") {
    // Built by the harness before the checks (compiler.ts): the build's time is not the program's.
    const compiler = findCompiler(env);
    if (!compiler) throw new LaunchProblem(t("verify.launch.noCompiler", { file: shown, install: compilerInstallHint(env), command: tutor(`verify <exercise> -- ./${path.basename(abs, path.extname(abs))}`) }), false);
    return { file: compiler, args: [], cwd: dir, display: `cc ${shown}`, build: { compiler, source: abs } };
  }
  if (NODE_EXT.has(ext)) return { file: process.execPath, args: [script], cwd: dir, display: `node ${shown}` };
  if (TS_EXT.has(ext)) {
    const loader = tsxLoaderUrl();
    if (!loader) throw new LaunchProblem(t("verify.launch.noTsx"), false);
    return { file: process.execPath, args: ["--import", loader, script], cwd: dir, display: `tsx ${shown}` };
  }
  try {
    accessSync(abs, constants.X_OK);
  } catch {
    throw new LaunchProblem(t("verify.launch.notExecutable", { file: shown, command: tutor(`verify <exercise> -- <command> ${shown}`) }), true);
  }
  return { file: abs, args: [], cwd: dir, display: shown };
}

/** `verify <id> -- <command> [args...]`: run as given, from the current directory. */
export function commandFromArgv(argv: string[], cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): LaunchCommand {
  const [cmd, ...args] = argv;
  if (!cmd) throw new LaunchProblem(t("verify.launch.nothingAfterDashes", { example: tutor("verify tcp-echo -- ./echo") }), true);
  let file = cmd;
  if (cmd.includes("/")) {
    file = path.resolve(cwd, cmd);
    try {
      accessSync(file, constants.X_OK);
    } catch {
      throw new LaunchProblem(exists(file) ? t("verify.launch.notExecutableChmod", { command: cmd }) : t("verify.launch.noSuchFile", { command: cmd, cwd }), true);
    }
  } else {
    const found = which(cmd, env);
    if (!found) throw new LaunchProblem(t("verify.launch.notOnPath", { command: cmd }), true);
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

/** What follows "no file 'x' here": the closest names, or the program files there are, or that the folder is missing too. */
function nearbyFiles(abs: string): string {
  let names: string[];
  try {
    names = readdirSync(path.dirname(abs)).filter((n) => !n.startsWith("."));
  } catch {
    return t("verify.launch.noFolder", { folder: path.dirname(abs) });
  }
  const suggestion = didYouMean(path.basename(abs), names);
  if (suggestion) return suggestion;
  const programs = names.filter((n) => /\.(py|m?js|cjs|ts|c)$/.test(n)).slice(0, 5);
  return programs.length ? t("verify.launch.filesHere", { files: listOf(programs) }) : "";
}
