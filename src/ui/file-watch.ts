import { createHash } from "node:crypto";
import { readFileSync, watch, type FSWatcher } from "node:fs";
import path from "node:path";

/** The file's content as a digest, or undefined while it cannot be read (an editor between write and rename). */
export function digest(file: string): string | undefined {
  try {
    return createHash("sha1").update(readFileSync(file)).digest("hex");
  } catch {
    return undefined;
  }
}

/**
 * Calls `changed` each time the file's content changes. The folder is watched, not the
 * file: editors often save by writing a new file and renaming it over the old one, which
 * a watch on the old file would miss. Saves come as bursts of events: one call per burst,
 * and none when the bytes are the same. Returns the function that stops watching.
 */
export function watchFile(file: string, changed: () => void): () => void {
  const name = path.basename(file);
  let last = digest(file);
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(path.dirname(file), (_event, filename) => {
      if (filename && filename !== name) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        const now = digest(file);
        if (now === undefined || now === last) return;
        last = now;
        changed();
      }, 150);
    });
    // A watcher that fails later (the folder removed) stops quietly: the prompt still works.
    watcher.on("error", () => watcher?.close());
  } catch {
    watcher = undefined;
  }
  return () => {
    clearTimeout(timer);
    watcher?.close();
  };
}
