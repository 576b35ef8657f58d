/**
 * For translators: `npm run i18n:missing` prints the catalog keys a language lacks
 * (each falls back to English until translated) and the lesson, task, hints and demo
 * files with no translation; `npm run i18n:stale` prints the translations whose
 * English changed since they were made, each with the English diff since.
 *
 * How the diff is found: a translation's `source:` is git's hash of the English file
 * it was made from (git hash-object). Git keeps every committed version of a file as
 * an object named by that hash, so `git cat-file blob <source>` gives the old English
 * text back in any full clone, and it is diffed against the file as it is now. (A
 * shallow clone, or a `source` of an English text that was never committed, has no
 * such object: the script says so and prints what it can.)
 *
 * Usage: node dist/scripts/i18n.js missing|stale [zh-CN]   Exit 1 when something is listed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { translationReports } from "../src/course/translations.js";
import { catalogOf, englishMessages, type MessageKey } from "../src/text/catalog.js";
import { isLanguage, LANGUAGES, type Language } from "../src/text/language.js";
import { packageRoot } from "../src/paths.js";
import { readTranslatedHints } from "../src/exercises/translation.js";

function languages(arg: string | undefined): Language[] {
  if (arg === undefined) return LANGUAGES.filter((l) => l !== "en");
  if (!isLanguage(arg) || arg === "en") {
    process.stderr.write(`unknown language '${arg}' (translations: ${LANGUAGES.filter((l) => l !== "en").join(", ")})\n`);
    process.exit(2);
  }
  return [arg];
}

/** The catalog keys `language` has no text for, in the English catalog's order. */
export function missingKeys(language: Language): MessageKey[] {
  const has = catalogOf(language);
  return (Object.keys(englishMessages()) as MessageKey[]).filter((k) => has[k] === undefined);
}

function rel(file: string): string {
  return path.relative(packageRoot, file) || file;
}

function missing(langs: Language[]): number {
  let found = 0;
  for (const language of langs) {
    const keys = missingKeys(language);
    const report = translationReports(undefined, language)[0]!;
    found += keys.length + report.missing.length;
    process.stdout.write(`${language}: ${keys.length} catalog keys missing (shown in English until translated)\n`);
    for (const k of keys) process.stdout.write(`  ${k}: ${JSON.stringify(englishMessages()[k])}\n`);
    process.stdout.write(`${language}: ${report.missing.length} files without a translation\n`);
    for (const f of report.missing) process.stdout.write(`  ${rel(f)}\n`);
  }
  return found ? 1 : 0;
}

/** The `source:` a translation records. */
function sourceOf(file: string): string | undefined {
  const text = readFileSync(file, "utf8");
  if (file.endsWith(".json")) {
    try {
      const v = (JSON.parse(text) as { source?: unknown }).source;
      return typeof v === "string" ? v : undefined;
    } catch {
      return undefined;
    }
  }
  return readTranslatedHints(text).source?.value ?? /^source\s*:\s*(\S+)/m.exec(text)?.[1];
}

/** git, run in the English file's folder: the lessons may be an author's own repository (SOCKET_TUTOR_LESSONS). */
function git(args: string[], cwd: string): { ok: boolean; out: string } {
  const r = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  return { ok: r.status === 0 || (args[0] === "diff" && r.status === 1), out: r.stdout ?? "" };
}

function englishDiff(source: string, english: string): string {
  const cwd = path.dirname(english);
  const old = git(["cat-file", "blob", source], cwd);
  if (!old.ok) return `    (git has no object ${source}: that English text was never committed here, or this clone is shallow; no diff to show)\n`;
  const commit = git(["log", "--all", "--format=%h %ad %s", "--date=short", `--find-object=${source}`, "-1", "--", english], cwd).out.trim();
  const dir = mkdtempSync(path.join(os.tmpdir(), "st-i18n-"));
  try {
    const before = path.join(dir, "translated-from", path.basename(english));
    execFileSync("mkdir", ["-p", path.dirname(before)]);
    writeFileSync(before, old.out);
    const diff = git(["diff", "--no-index", "--no-color", "--", before, english], cwd).out;
    const head = commit ? `    translated from the English of ${commit}\n` : "";
    return head + diff.split("\n").map((l) => `    ${l}`).join("\n") + "\n";
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function stale(langs: Language[]): number {
  let found = 0;
  for (const report of langs.flatMap((l) => translationReports(undefined, l))) {
    const notes = report.notes;
    process.stdout.write(`${report.language}: ${notes.filter((n) => n.kind === "stale").length} out of date, ${notes.filter((n) => n.kind !== "stale").length} not used (do not match the English)\n`);
    for (const n of notes) {
      found++;
      process.stdout.write(`  ${rel(n.file)}${n.line ? `:${n.line}` : ""}: ${n.message}\n`);
      if (n.kind !== "stale") continue;
      const source = sourceOf(n.file);
      process.stdout.write(source ? englishDiff(source, n.english) : "    (no source: hash to diff from)\n");
    }
  }
  return found ? 1 : 0;
}

// `… | head` closes the pipe early: the reader's choice, not an error.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

const [what, lang] = process.argv.slice(2);
if (what === "missing") process.exitCode = missing(languages(lang));
else if (what === "stale") process.exitCode = stale(languages(lang));
else {
  process.stderr.write("usage: node dist/scripts/i18n.js missing|stale [language]\n");
  process.exitCode = 2;
}
