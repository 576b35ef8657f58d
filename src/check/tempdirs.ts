import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { onCleanup } from "../util/cleanup.js";

/**
 * The checker's private temporary folders (unix-echo's socket folder). Each names its
 * owner: a file `tutor.pid` holding the tutor's pid, the convention of the demos' temp
 * dirs (sweepStaleTempDirs in demo/session.ts). The owner removes its folder at the end
 * of the run or on a signal it can catch; a folder whose owner died without that chance
 * (kill -9) is removed by the next run, once its owner is provably gone.
 */

const PREFIX = "socket-tutor-check-";
export const OWNER_FILE = "tutor.pid";

export interface PrivateDir {
  dir: string;
  remove(): void;
}

/** A fresh folder (mode 0700 from mkdtemp) in the temp dir, owned by this process. */
export function privateDir(): PrivateDir {
  // os.tmpdir() keeps paths short: a Unix socket's sun_path holds only 108 bytes.
  const dir = mkdtempSync(path.join(os.tmpdir(), PREFIX));
  const remove = (): void => {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort; it is in the temp folder, and the next run sweeps it
    }
  };
  const unregister = onCleanup(remove);
  try {
    writeFileSync(path.join(dir, OWNER_FILE), String(process.pid));
  } catch (err) {
    unregister();
    remove();
    throw err;
  }
  return {
    dir,
    remove: () => {
      unregister();
      remove();
    },
  };
}

/**
 * Removes our user's checker folders whose owner is gone. Cheap: one readdir of the
 * temp dir. A pid that is alive (even if reused by another program) keeps its folder:
 * only a provably dead owner loses it.
 */
export function sweepStaleDirs(tmp = os.tmpdir()): number {
  let names: string[];
  try {
    names = readdirSync(tmp).filter((n) => n.startsWith(PREFIX));
  } catch {
    return 0;
  }
  const uid = process.getuid?.();
  let removed = 0;
  for (const name of names) {
    const dir = path.join(tmp, name);
    try {
      const owner = path.join(dir, OWNER_FILE);
      // Only folders our own user made (a file of another user's is none of ours).
      if (uid !== undefined && statSync(owner).uid !== uid) continue;
      const pid = Number(readFileSync(owner, "utf8"));
      if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || alive(pid)) continue;
      rmSync(dir, { recursive: true, force: true });
      removed++;
    } catch {
      // no owner file yet (being created), or already gone
    }
  }
  return removed;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
