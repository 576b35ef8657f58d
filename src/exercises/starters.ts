// The default import, not named ones: a test replaces fs.writeFileSync to make a write fail half-way.
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { UserError } from "../util/errors.js";
import { t, type MessageKey } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { expandTutor } from "../lessons/tokens.js";
import type { ExerciseInfo } from "./catalog.js";
import { codeFiles, learnerFileName, type MissingCode } from "./files.js";
import { listOf } from "../text/list.js";

/** Where `exercise <id>` puts the starters, relative to the current directory. */
export const EXERCISES_FOLDER = "socket-tutor-exercises";

export interface StartersWritten {
  dir: string;
  written: string[];
  kept: string[];
  /** Starters the exercise folder lacks: not written, and the caller says so. */
  missing: MissingCode[];
}

/**
 * Writes the starters into <cwd>/socket-tutor-exercises/<id>/ as <id>.py and <id>.mjs,
 * keeping any file that exists (the learner's work). Used by the exercise command and
 * by a lesson's exercise step.
 *
 * All or nothing: the starters are read before anything is written, and if a folder or
 * a file cannot be written, what this call made is removed again and a UserError says
 * which folder and why ("cannot write to /srv: permission denied").
 */
export function writeStarters(ex: ExerciseInfo, cwd: string): StartersWritten {
  const { files, missing } = codeFiles(ex, "starter");
  if (files.length === 0) throw new UserError(t("exercise.noStarters", { id: escapeTerminal(ex.id), names: listOf(missing.map((m) => m.name)), dir: escapeTerminal(ex.dir) }));
  const dir = path.join(exercisesRoot(cwd), ex.id);
  const made = new Undo();
  try {
    makeFolders(dir, made);
    const written: string[] = [];
    const kept: string[] = [];
    for (const starter of files) {
      const name = learnerFileName(ex, starter);
      // Its comments say how to check it from its own folder: `{{tutor}}` as it runs from there.
      if (placeFile(dir, name, expandTutor(starter.text, dir), made)) written.push(name);
      else kept.push(name);
    }
    return { dir, written, kept, missing };
  } catch (err) {
    made.undo();
    if (err instanceof WriteProblem) throw new UserError(err.message);
    throw err;
  }
}

/**
 * <cwd>/socket-tutor-exercises, unless the learner is in that folder already (or in one
 * exercise's folder inside it): a tutor started there uses the same folders, not new ones inside.
 */
export function exercisesRoot(cwd: string): string {
  if (path.basename(cwd) === EXERCISES_FOLDER) return cwd;
  if (path.basename(path.dirname(cwd)) === EXERCISES_FOLDER) return path.dirname(cwd);
  return path.join(cwd, EXERCISES_FOLDER);
}

class WriteProblem extends Error {}

/** What this call created, to remove again if a later step fails: files first, then folders, deepest first. */
class Undo {
  private readonly files: string[] = [];
  private readonly dirs: string[] = [];
  file(p: string): void {
    this.files.push(p);
  }
  dir(p: string): void {
    this.dirs.push(p);
  }
  forget(p: string): void {
    const i = this.files.indexOf(p);
    if (i >= 0) this.files.splice(i, 1);
  }
  undo(): void {
    for (const f of this.files.reverse()) fs.rmSync(f, { force: true });
    // rmdir, not rm -r: a folder that someone else filled meanwhile stays.
    for (const d of this.dirs.reverse()) {
      try {
        fs.rmdirSync(d);
      } catch {
        // not empty or already gone: leave it
      }
    }
  }
}

/** Creates `dir` and its missing parents one by one, so each can be undone and a failure names its folder. */
function makeFolders(dir: string, made: Undo): void {
  const missing: string[] = [];
  let cur = dir;
  for (;;) {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(cur);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // ENOTDIR: a parent is a file, said when the walk reaches it.
      if (code !== "ENOENT" && code !== "ENOTDIR") throw new WriteProblem(cannotWrite(path.dirname(cur), err));
    }
    if (st?.isDirectory()) break;
    if (st || isLink(cur)) throw new WriteProblem(t("exercise.notAFolder", { folder: escapeTerminal(path.dirname(cur)), name: escapeTerminal(path.basename(cur)) }));
    missing.unshift(cur);
    const parent = path.dirname(cur);
    if (parent === cur) break;
    cur = parent;
  }
  for (const d of missing) {
    try {
      fs.mkdirSync(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST" && fs.statSync(d, { throwIfNoEntry: false })?.isDirectory()) continue;
      throw new WriteProblem(cannotWrite(path.dirname(d), err));
    }
    made.dir(d);
  }
}

function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Writes `name` in `dir` unless something of that name is there. The text goes to a
 * temporary file first and is then linked into place: a full disk never leaves a
 * truncated starter that the next run would keep as "your work", and link() fails
 * rather than replace a file that appeared meanwhile. Returns false when kept.
 */
function placeFile(dir: string, name: string, text: string, made: Undo): boolean {
  const target = path.join(dir, name);
  if (fs.lstatSync(target, { throwIfNoEntry: false })) return false;
  const temp = path.join(dir, `.${name}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    fs.writeFileSync(temp, text, { flag: "wx", mode: 0o644 });
  } catch (err) {
    throw new WriteProblem(cannotWrite(dir, err));
  }
  made.file(temp);
  try {
    fs.linkSync(temp, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    // Some file systems (FAT, some network mounts) have no hard links: rename instead,
    // after one more look, which leaves only a moment in which a new file could be replaced.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "EXDEV") throw new WriteProblem(cannotWrite(dir, err));
    if (fs.lstatSync(target, { throwIfNoEntry: false })) return false;
    try {
      fs.renameSync(temp, target);
    } catch (renameErr) {
      throw new WriteProblem(cannotWrite(dir, renameErr));
    }
    made.forget(temp);
    made.file(target);
    return true;
  } finally {
    if (fs.existsSync(temp)) {
      fs.rmSync(temp, { force: true });
      made.forget(temp);
    }
  }
  made.file(target);
  return true;
}

/** The reasons that need no argument: the errno codes said in words. */
type WhyKey = Exclude<Extract<MessageKey, `exercise.why.${string}`>, "exercise.why.other" | "exercise.why.unknown">;

/** Why a folder cannot be written, by errno code. */
const WRITE_WHY: Record<string, WhyKey> = {
  EACCES: "exercise.why.denied",
  EPERM: "exercise.why.denied",
  EROFS: "exercise.why.readOnly",
  ENOSPC: "exercise.why.diskFull",
  EDQUOT: "exercise.why.quota",
  ENOTDIR: "exercise.why.notDir",
  ENAMETOOLONG: "exercise.why.nameTooLong",
  ELOOP: "exercise.why.loop",
  EIO: "exercise.why.io",
};

/** "cannot write to <folder>: <why, in words>", with what to do when it is a matter of permissions. */
function cannotWrite(folder: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const known = code === undefined ? undefined : WRITE_WHY[code];
  const message = escapeTerminal((err as Error).message);
  const why = known ? t(known) : code ? t("exercise.why.other", { code, message }) : t("exercise.why.unknown", { message });
  const args = { folder: escapeTerminal(folder), why };
  return code === "EACCES" || code === "EPERM" || code === "EROFS" ? t("exercise.cannotWriteOwnFolder", args) : t("exercise.cannotWrite", args);
}
