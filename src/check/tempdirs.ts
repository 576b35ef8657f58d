import { rmSync } from "node:fs";
import os from "node:os";
import { CHECK_PREFIX, makeTempDir, sweepStaleTempDirs } from "../sandbox/temp-dirs.js";
import { onCleanup } from "../util/cleanup.js";

/**
 * The checker's private temporary folders (unix-echo's socket folder), made and swept
 * like the demos' (sandbox/temp-dirs.ts): each records its owner, the owner removes it
 * at the end of the run or on a signal it can catch, and a folder whose owner died
 * without that chance (kill -9) is removed by the next run once its owner is provably gone.
 */

export interface PrivateDir {
  dir: string;
  remove(): void;
}

/** A fresh folder (mode 0700 from mkdtemp) in the temp dir, owned by this process. */
export function privateDir(): PrivateDir {
  // os.tmpdir() keeps paths short: a Unix socket's sun_path holds only 108 bytes.
  const dir = makeTempDir(os.tmpdir(), CHECK_PREFIX);
  const remove = (): void => {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort; it is in the temp folder, and the next run sweeps it
    }
  };
  const unregister = onCleanup(remove);
  return {
    dir,
    remove: () => {
      unregister();
      remove();
    },
  };
}

/** Removes our user's checker folders whose owner is provably gone; returns how many. */
export function sweepStaleDirs(tmp = os.tmpdir()): number {
  return sweepStaleTempDirs(tmp, "/proc", CHECK_PREFIX).length;
}
