import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ExerciseInfo } from "./catalog.js";
import { learnerFileName, starterFiles } from "./files.js";

/** Where `exercise <id>` puts the starters, relative to the current directory. */
export const EXERCISES_FOLDER = "socket-tutor-exercises";

/**
 * Writes the starters into <cwd>/socket-tutor-exercises/<id>/ as <id>.py and <id>.mjs,
 * keeping any file that exists (the learner's work). Used by the exercise command and
 * by a lesson's exercise step.
 */
export function writeStarters(ex: ExerciseInfo, cwd: string): { dir: string; written: string[]; kept: string[] } {
  const dir = path.join(cwd, EXERCISES_FOLDER, ex.id);
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const kept: string[] = [];
  for (const starter of starterFiles(ex)) {
    const name = learnerFileName(ex, starter);
    const target = path.join(dir, name);
    if (existsSync(target)) {
      kept.push(name);
      continue;
    }
    try {
      // 'wx': fail rather than overwrite, even if the file appeared a moment ago.
      writeFileSync(target, starter.text, { flag: "wx" });
      written.push(name);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") kept.push(name);
      else throw err;
    }
  }
  return { dir, written, kept };
}
