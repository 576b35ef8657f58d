import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { packageRoot } from "../paths.js";
import type { LessonProblem } from "../lessons/types.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";

/**
 * Exercises are found by convention: an exercise is a folder lessons/exercises/<id>/ and
 * one checker module src/check/exercises/<id>.ts that exports `checker`. Nothing lists
 * them: this module only knows where the checker modules are and which ids they have,
 * from file names, without loading one (the menu and `list` stay fast; a checker is
 * imported only when its exercise is verified, src/check/checkers.ts).
 *
 * A helper shared by several checkers lives in src/check/common/, never beside the
 * checkers: every file in src/check/exercises/ is one exercise's checker.
 */

/** Where the sources are in a checkout; an installed package has only the compiled modules. */
export const CHECKER_SOURCE_DIR = path.join(packageRoot, "src", "check", "exercises");
/** The compiled modules (dist/src/check/exercises/ in a checkout), the ones `verify` imports. */
export const CHECKER_BUILT_DIR = fileURLToPath(new URL("../check/exercises/", import.meta.url));

/** How an author names a checker module in a message: the source path, relative to the package. */
export function checkerModuleName(id: string): string {
  return `src/check/exercises/${id}.ts`;
}

export interface CheckerDirs {
  /** The .ts sources, when this is a checkout (undefined or missing: an installed package). */
  source?: string;
  built: string;
}

const DEFAULT_DIRS: CheckerDirs = { source: CHECKER_SOURCE_DIR, built: CHECKER_BUILT_DIR };

/**
 * The ids that have a checker module. In a checkout the sources decide, not dist/: tsc
 * never deletes a compiled file whose source was moved or removed, and such a leftover
 * must not count as a checker. Sorted.
 */
export function checkerModuleIds(dirs: CheckerDirs = DEFAULT_DIRS): string[] {
  const fromSource = dirs.source === undefined ? undefined : namesIn(dirs.source, /\.ts$/, /\.d\.ts$/);
  return (fromSource ?? namesIn(dirs.built, /\.js$/) ?? []).sort();
}

function namesIn(dir: string, ext: RegExp, not?: RegExp): string[] | undefined {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && ext.test(e.name) && !(not?.test(e.name) ?? false))
      .map((e) => e.name.replace(ext, ""));
  } catch {
    return undefined;
  }
}

/**
 * What breaks the convention. An exercise without a checker module can never be verified:
 * always said (for the exercises that load: a broken task.md is said first and alone). A
 * checker module without a folder is said only when `folders` are given, for the tutor's
 * own lessons: a lessons folder an author points SOCKET_TUTOR_LESSONS at may hold just
 * the exercise being written.
 */
export function checkerProblems(exercises: readonly { id: string; dir: string }[], folders: readonly string[] | undefined, dirs: CheckerDirs = DEFAULT_DIRS): LessonProblem[] {
  const modules = checkerModuleIds(dirs);
  const out: LessonProblem[] = [];
  for (const e of exercises) {
    if (!modules.includes(e.id)) out.push({ file: e.dir, line: 0, message: t("lessons.exercise.noChecker", { module: checkerModuleName(escapeTerminal(e.id)) }) });
  }
  if (folders === undefined) return out;
  const present = new Set(folders);
  const where = dirs.source !== undefined && namesIn(dirs.source, /\.ts$/) !== undefined ? dirs.source : dirs.built;
  const ext = where === dirs.built ? ".js" : ".ts";
  for (const id of modules) {
    if (!present.has(id)) out.push({ file: path.join(where, id + ext), line: 0, message: t("lessons.exercise.checkerWithoutFolder", { folder: `lessons/exercises/${escapeTerminal(id)}/` }) });
  }
  return out;
}
