import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
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

export function lessonsDir(): string {
  return process.env.SOCKET_TUTOR_LESSONS ?? path.join(packageRoot, "lessons");
}

export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot, "package.json"), "utf8")) as { version?: string };
  return manifest.version ?? "0.0.0";
}
