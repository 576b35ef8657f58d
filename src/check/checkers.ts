import path from "node:path";
import { pathToFileURL } from "node:url";
import { CHECKER_BUILT_DIR, CHECKER_SOURCE_DIR, checkerModuleIds, checkerModuleName, type CheckerDirs } from "../exercises/checker-modules.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { UserError } from "../util/errors.js";
import type { ExerciseChecker } from "./types.js";

/**
 * One checker module per exercise, found by its name (src/check/exercises/<id>.ts, see
 * exercises/checker-modules.ts) and imported only when that exercise is verified: the
 * menu and `list` never load one.
 */

/** An exercise id is a folder name: only a kebab-case one can name a module (no "../", no "%2e"). */
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The exercise's checker, or undefined when it has no module. A module that exists but
 * cannot serve (not compiled, no `checker` export, another exercise's checker) is an
 * author's mistake, said in words.
 */
export async function loadChecker(id: string, dirs: CheckerDirs = { source: CHECKER_SOURCE_DIR, built: CHECKER_BUILT_DIR }): Promise<ExerciseChecker | undefined> {
  if (!ID.test(id) || !checkerModuleIds(dirs).includes(id)) return undefined;
  const file = path.join(dirs.built, `${id}.js`);
  const module = checkerModuleName(id);
  let loaded: { checker?: unknown };
  try {
    loaded = (await import(pathToFileURL(file).href)) as { checker?: unknown };
  } catch (err) {
    // The source is there but was never compiled.
    if ((err as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND" && String((err as Error).message).includes(file)) throw new UserError(t("verify.checkerNotBuilt", { module }));
    throw err;
  }
  const checker = loaded.checker;
  if (!isChecker(checker)) throw new UserError(t("verify.checkerNoExport", { module }));
  if (checker.id !== id) throw new UserError(t("verify.checkerWrongId", { module, id: escapeTerminal(checker.id) }));
  return checker;
}

function isChecker(v: unknown): v is ExerciseChecker {
  if (typeof v !== "object" || v === null) return false;
  const c = v as Record<string, unknown>;
  return typeof c.id === "string" && typeof c.prepare === "function" && typeof c.checks === "function";
}
