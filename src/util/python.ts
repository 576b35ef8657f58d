/**
 * The Python interpreter the tutor runs its own helpers on (the demo tracers, the
 * fallback's subreaper): SOCKET_TUTOR_PYTHON, else python3 on PATH, resolved once.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stateDir } from "../paths.js";
import { which } from "./which.js";

export interface PythonInfo {
  /** The real interpreter (sys.executable), not a shim: pyenv's shim is a bash script that costs ~100 ms a start. */
  executable: string;
  version: [number, number];
}

export const MIN_PYTHON: [number, number] = [3, 8];

interface CacheEntry {
  key: string;
  executable: string;
  version: [number, number];
}

let found: Promise<PythonInfo | undefined> | undefined;

/**
 * SOCKET_TUTOR_PYTHON when set, else python3 on PATH, resolved to its real interpreter, or undefined when there is none
 * or it is older than 3.8. The answer is cached in memory and on disk (keyed on the
 * PATH entry, its mtime, PYENV_VERSION and the working directory, which is what a
 * shim's choice depends on), so a demo does not pay for the lookup each time.
 */
export function findPython(env: NodeJS.ProcessEnv = process.env): Promise<PythonInfo | undefined> {
  found ??= locate(env);
  return found;
}

async function locate(env: NodeJS.ProcessEnv): Promise<PythonInfo | undefined> {
  // An explicit choice: the learner's (several Pythons installed) or a test's (no lookup per run).
  const chosen = env.SOCKET_TUTOR_PYTHON;
  if (chosen) {
    const info = await ask(chosen, env);
    return info ? usable(info) : undefined;
  }
  const onPath = which("python3", env);
  if (!onPath) return undefined;
  let key: string;
  try {
    const st = statSync(onPath);
    key = JSON.stringify([onPath, st.mtimeMs, st.size, env.PYENV_VERSION ?? "", process.cwd()]);
  } catch {
    return undefined;
  }
  const cacheFile = path.join(stateDir(env), "cache", "python.json");
  try {
    const cached = JSON.parse(readFileSync(cacheFile, "utf8")) as CacheEntry;
    if (cached.key === key && existsSync(cached.executable)) return usable({ executable: cached.executable, version: cached.version });
  } catch {
    // no cache yet, or unreadable: ask the interpreter
  }
  const info = await ask(onPath, env);
  if (!info) return undefined;
  try {
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    writeFileSync(cacheFile, JSON.stringify({ key, ...info } satisfies CacheEntry));
  } catch {
    // a read-only home only costs the next run a lookup
  }
  return usable(info);
}

function usable(info: PythonInfo): PythonInfo | undefined {
  const [maj, min] = info.version;
  return maj > MIN_PYTHON[0] || (maj === MIN_PYTHON[0] && min >= MIN_PYTHON[1]) ? info : undefined;
}

function ask(python: string, env: NodeJS.ProcessEnv): Promise<PythonInfo | undefined> {
  return new Promise((resolve) => {
    execFile(python, ["-c", "import sys; print(sys.executable); print(sys.version_info[0], sys.version_info[1])"], { env, timeout: 5000 }, (err, stdout) => {
      if (err) return resolve(undefined);
      const [exe, ver] = stdout.trim().split("\n");
      const [maj, min] = (ver ?? "").split(" ").map(Number);
      if (!exe || !Number.isInteger(maj) || !Number.isInteger(min)) return resolve(undefined);
      resolve({ executable: exe, version: [maj!, min!] });
    });
  });
}

/** For tests: forget the in-memory answer. */
export function resetPythonCache(): void {
  found = undefined;
}
