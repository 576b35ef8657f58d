import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { packageRoot } from "../paths.js";

/**
 * Where the injected tracers are at run time, from the repo's dist/ and from a
 * global install alike: the Python tracer ships as source under src/demo/tracers
 * (package.json "files" lists that folder); the Node preload is compiled beside
 * this module (dist/src/demo/tracers/node/preload.js).
 */
export function pythonTracer(): string {
  return path.join(packageRoot, "src", "demo", "tracers", "python", "socket_tutor_trace.py");
}

export function nodePreload(): string {
  const beside = path.join(path.dirname(fileURLToPath(import.meta.url)), "tracers", "node", "preload.js");
  if (existsSync(beside)) return beside;
  // Running from source (tsx): use the compiled copy.
  return path.join(packageRoot, "dist", "src", "demo", "tracers", "node", "preload.js");
}
