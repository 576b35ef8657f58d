import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import os from "node:os";
import { fileURLToPath } from "node:url";

/**
 * The package root holds lessons/ and the tracers. Found by walking up from this
 * module, so the same code works from dist/ in the repo and from a global install.
 */
function findPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        const name: unknown = (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name;
        if (name === "socket-tutor") return dir;
      } catch {
        // not ours; keep walking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("socket-tutor: cannot find the package root (package.json)");
    dir = parent;
  }
}

export const packageRoot = findPackageRoot();

/**
 * An environment variable's value, or undefined when it is unset or empty:
 * `SOCKET_TUTOR_LESSONS= socket-tutor list` (or an empty export in a shell
 * profile) means "not set", not "the folder named ''".
 */
export function envValue(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === "" ? undefined : v;
}

export function lessonsDir(): string {
  const chosen = envValue("SOCKET_TUTOR_LESSONS");
  // Resolved once here, so every message names the same absolute folder.
  return chosen !== undefined ? path.resolve(chosen) : path.join(packageRoot, "lessons");
}

export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot, "package.json"), "utf8")) as { version?: string };
  return manifest.version ?? "0.0.0";
}

/**
 * The tutor's own folder: progress, and caches such as which Python works.
 * SOCKET_TUTOR_HOME wins (tests set it so they never touch the learner's own), then XDG.
 */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SOCKET_TUTOR_HOME) return env.SOCKET_TUTOR_HOME;
  const xdg = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(os.homedir(), ".config");
  return path.join(xdg, "socket-tutor");
}
