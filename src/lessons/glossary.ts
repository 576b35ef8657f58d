import path from "node:path";
import { lessonsDir } from "../paths.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { tokenProblem } from "./parse.js";
import { readTextInside } from "./read.js";
import { unknownTokens } from "./tokens.js";
import type { Lesson, LessonProblem } from "./types.js";

/**
 * The glossary is lesson data, like the lessons (so it can be translated with them):
 * lessons/glossary.md, one entry a `## term` heading, then optional `key: value` lines,
 * then the definition in Markdown.
 *
 *   ## TIME_WAIT
 *   also: time wait
 *   lesson: closing
 *
 *   The state the side that closed first stays in ...
 *
 * `also:` other names it is looked up by (comma-separated); `lesson:` or `lessons:` the
 * lesson ids that show it, the first one best. Problems carry file:line like a lesson's.
 */

export interface GlossaryEntry {
  term: string;
  also: string[];
  lessons: string[];
  /** The definition, Markdown. */
  text: string;
  line: number;
}

export interface Glossary {
  entries: GlossaryEntry[];
  problems: LessonProblem[];
  file: string;
}

const KEYS = ["also", "lesson", "lessons"] as const;

export function glossaryFile(dir: string = lessonsDir()): string {
  return path.join(dir, "glossary.md");
}

/** A term as it is compared: case, spaces, hyphens and underscores do not count (TIME_WAIT = time-wait = time wait). */
export function normalTerm(s: string): string {
  return s
    .toLowerCase()
    .replace(/[\s_\-/]+/g, " ")
    .trim();
}

export function parseGlossary(text: string, file: string): Glossary {
  const problems: LessonProblem[] = [];
  const problem = (line: number, message: string): void => void problems.push({ file, line, message });
  const entries: GlossaryEntry[] = [];
  let current: (GlossaryEntry & { body: string[]; inBody: boolean; bodyLine: number }) | undefined;
  const all: (typeof current)[] = [];
  const lines = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
  let fence = false;
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    if (/^\s{0,3}(`{3,}|~{3,})/.test(raw)) fence = !fence;
    const heading = fence ? null : /^##\s+(.*?)\s*$/.exec(raw);
    if (heading) {
      if (!heading[1]) problem(lineNo, t("lessons.glossary.noTerm"));
      current = { term: heading[1] ?? "", also: [], lessons: [], text: "", line: lineNo, body: [], inBody: false, bodyLine: lineNo };
      all.push(current);
      return;
    }
    if (!current) {
      if (raw.trim() !== "") problem(lineNo, t("lessons.glossary.beforeFirst"));
      return;
    }
    const kv = !current.inBody && !fence ? /^([a-z]+):\s*(.*)$/.exec(raw) : null;
    if (kv) {
      const key = kv[1]!;
      const values = kv[2]!.split(",").map((v) => v.trim()).filter(Boolean);
      if (!(KEYS as readonly string[]).includes(key)) problem(lineNo, t("lessons.glossary.unknownKey", { key, keys: KEYS.join(", ") }));
      else if (key === "also") current.also.push(...values);
      else current.lessons.push(...values);
      return;
    }
    if (raw.trim() !== "" && !current.inBody) {
      current.inBody = true;
      current.bodyLine = lineNo;
    }
    if (current.inBody) current.body.push(raw);
  });
  const seen = new Map<string, number>();
  for (const e of all) {
    if (!e) continue;
    e.text = e.body.join("\n").trim();
    if (!e.text) problem(e.line, t("lessons.glossary.noText", { term: escapeTerminal(e.term) }));
    for (const u of unknownTokens(e.text, e.bodyLine)) problem(u.line, tokenProblem(u.name));
    for (const name of [e.term, ...e.also]) {
      const key = normalTerm(name);
      const first = seen.get(key);
      if (first !== undefined && first !== e.line) problem(e.line, t("lessons.glossary.twice", { term: escapeTerminal(name), line: first }));
      else seen.set(key, e.line);
    }
    if (e.term && e.text) entries.push({ term: e.term, also: e.also, lessons: e.lessons, text: e.text, line: e.line });
  }
  return { entries, problems, file };
}

/** The glossary of the lessons folder; no glossary.md is an empty glossary, not a problem. */
export function loadGlossary(dir: string = lessonsDir()): Glossary {
  const file = glossaryFile(dir);
  const read = readTextInside(file, dir, t("lessons.root.lessons"), { kind: t("lessons.kind.glossary") });
  if (!read.ok) return { entries: [], problems: read.missing ? [] : [{ file, line: read.line ?? 0, message: t("lessons.file.reason", { file: "glossary.md", reason: read.reason }) }], file };
  return parseGlossary(read.text, file);
}

/** Entries whose lessons do not exist: named with the line of their `lesson:` key. */
export function glossaryReferenceProblems(g: Glossary, lessons: readonly Lesson[]): LessonProblem[] {
  const ids = new Set(lessons.map((l) => l.meta.id));
  const out: LessonProblem[] = [];
  for (const e of g.entries) {
    for (const id of e.lessons) if (!ids.has(id)) out.push({ file: g.file, line: e.line, message: t("lessons.glossary.noLesson", { term: escapeTerminal(e.term), lesson: escapeTerminal(id) }) });
  }
  return out;
}

/** The entry for a word: its term or another name, exactly (normalized); else the only entry that starts with it. */
export function findEntry(g: Glossary, word: string): GlossaryEntry | undefined {
  const q = normalTerm(word);
  if (!q) return undefined;
  const exact = g.entries.find((e) => [e.term, ...e.also].some((n) => normalTerm(n) === q));
  if (exact) return exact;
  const starts = g.entries.filter((e) => [e.term, ...e.also].some((n) => normalTerm(n).startsWith(q)));
  return starts.length === 1 ? starts[0] : undefined;
}

/** The entry one of whose names is exactly the word (normalized), without guessing from a prefix. */
export function exactEntry(g: Glossary, word: string): GlossaryEntry | undefined {
  const q = normalTerm(word);
  return q ? g.entries.find((e) => [e.term, ...e.also].some((n) => normalTerm(n) === q)) : undefined;
}

/** Every name an entry is looked up by, for suggestions. */
export function allNames(g: Glossary): string[] {
  return g.entries.flatMap((e) => [e.term, ...e.also]);
}
