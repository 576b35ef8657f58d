/**
 * How the learner runs the tutor from where they are, so that every command the
 * tutor prints runs as printed. `socket-tutor` only when that name on PATH is this
 * very program; otherwise `node <path to cli.js>`, relative to the learner's
 * folder when that is short. (`npx socket-tutor` is not offered: outside the
 * package it asks the registry for a package of that name, and inside it npm
 * installs the folder again, running its build, before it runs.)
 */
import { realpathSync } from "node:fs";
import path from "node:path";
import { packageRoot } from "../paths.js";
import { which } from "./which.js";

/**
 * The folder the learner typed the command in: under `npm start` that is INIT_CWD, not the
 * package root. Only when npm runs a script of this very package (npm_package_json is its
 * package.json) in its root: every process started below an npm script inherits INIT_CWD,
 * and a tutor started by a test suite (or another package's script) in a folder of its own
 * must not see its starters land in the suite's folder.
 */
export function learnerCwd(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const init = env.INIT_CWD;
  const manifest = env.npm_package_json;
  if (!init || !path.isAbsolute(init) || !manifest || real(manifest) !== real(path.join(packageRoot, "package.json"))) return cwd;
  const here = real(cwd);
  return here !== undefined && here === real(packageRoot) ? init : cwd;
}

function real(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

/** A word the shell reads as one argument. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

const cache = new Map<string, string>();

/** The command prefix to print: "socket-tutor", or "node dist/src/cli.js", or "node /abs/path/cli.js". */
export function tutorCommand(env: NodeJS.ProcessEnv = process.env, cwd = learnerCwd(env)): string {
  const hit = env === process.env ? cache.get(cwd) : undefined;
  if (hit !== undefined) return hit;
  const cli = path.join(packageRoot, "dist", "src", "cli.js");
  const onPath = which("socket-tutor", env);
  let out: string;
  if (onPath && real(onPath) !== undefined && real(onPath) === real(cli)) out = "socket-tutor";
  else {
    // Relative only from inside the package's own folders, where it is short (dist/src/cli.js).
    const inside = !path.relative(packageRoot, cwd).startsWith("..") && !path.isAbsolute(path.relative(packageRoot, cwd));
    const shown = inside ? path.relative(cwd, cli) : cli;
    out = `node ${shellQuote(shown)}`;
  }
  if (env === process.env) cache.set(cwd, out);
  return out;
}

/** A full command line to print: `tutor("verify tcp-echo echo.py")`. */
export function tutor(args: string): string {
  return `${tutorCommand()} ${args}`;
}
