import path from "node:path";
import { lessonsDir } from "../paths.js";
import { currentLanguage, t } from "../text/catalog.js";
import { isLanguage, type Language } from "../text/language.js";
import { checkSource, translatedName, type TranslationNote } from "./translation.js";
import { escapeTerminal } from "../text/escape.js";
import { tokenProblem } from "./parse.js";
import { readTextInside } from "./read.js";
import { unknownTokens } from "./tokens.js";
import type { Lesson, LessonProblem } from "./types.js";
import { listOf } from "../text/list.js";

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
  /** About glossary.<language>.md (stale, or not used): for authors and tests. */
  translations?: TranslationNote[];
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
      if (!(KEYS as readonly string[]).includes(key)) problem(lineNo, t("lessons.glossary.unknownKey", { key, keys: listOf(KEYS) }));
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

/**
 * The glossary of the lessons folder; no glossary.md is an empty glossary, not a problem.
 * In another language, glossary.<language>.md (front matter `source:`, then the same
 * entries: the same terms and lessons in the same order, the definitions translated, more
 * `also:` names allowed) is used when it matches the English; see lessons/translation.ts.
 */
export function loadGlossary(dir: string = lessonsDir(), language: Language = uiLanguage()): Glossary {
  const file = glossaryFile(dir);
  const read = readTextInside(file, dir, t("lessons.root.lessons"), { kind: t("lessons.kind.glossary") });
  if (!read.ok) return { entries: [], problems: read.missing ? [] : [{ file, line: read.line ?? 0, message: t("lessons.file.reason", { file: "glossary.md", reason: read.reason }) }], file };
  const english = parseGlossary(read.text, file);
  if (language === "en") return english;
  const notes: TranslationNote[] = [];
  const translated = translateGlossary(english, read.text, dir, language, notes);
  return { ...(translated ?? english), translations: notes };
}

function uiLanguage(): Language {
  const l = currentLanguage();
  return isLanguage(l) ? l : "en";
}

function translateGlossary(english: Glossary, englishText: string, dir: string, language: Language, notes: TranslationNote[]): Glossary | undefined {
  const file = translatedName(english.file, language);
  const note = (line: number, message: string): void => void notes.push({ file, english: english.file, line, kind: "mismatch", message });
  const read = readTextInside(file, dir, t("lessons.root.lessons"), { kind: t("lessons.kind.glossary") });
  if (!read.ok) {
    if (!read.missing) note(read.line ?? 0, t("lessons.file.reason", { file: path.basename(file), reason: read.reason }));
    return undefined;
  }
  const lines = read.text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
  const end = lines[0]?.trim() === "---" ? lines.findIndex((l, i) => i > 0 && l.trim() === "---") : -1;
  const source = end > 0 ? lines.slice(1, end).map((l, i) => ({ m: /^source\s*:\s*(\S+)\s*$/.exec(l), line: i + 2 })).find((x) => x.m) : undefined;
  if (!source?.m) {
    note(1, t("lessons.translation.noSource", { english: "glossary.md" }));
    return undefined;
  }
  // The front matter's lines become blank ones: line numbers stay those of the file.
  const body = [...lines.slice(0, end + 1).map(() => ""), ...lines.slice(end + 1)].join("\n");
  const parsed = parseGlossary(body, file);
  for (const p of parsed.problems) note(p.line, p.message);
  const shape = (g: Glossary): string => g.entries.map((e) => `${e.term} (${e.lessons.join(", ")})`).join("; ");
  if (shape(parsed) !== shape(english)) {
    note(1, t("lessons.translation.glossaryTerms", { english: shape(english), translated: shape(parsed) }));
    return undefined;
  }
  if (parsed.problems.length) return undefined;
  const stale = checkSource(source.m[1]!, englishText, file, english.file, source.line);
  if (stale) notes.push(stale);
  // The English names stay findable: a learner types TIME_WAIT or fd in any language.
  const entries = parsed.entries.map((e, i) => ({ ...e, also: [...new Set([...english.entries[i]!.also, ...e.also])] }));
  return { entries, problems: english.problems, file };
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
