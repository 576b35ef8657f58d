import path from "node:path";
import { readFrontMatter } from "../lessons/parse.js";
import { readTextInside } from "../lessons/read.js";
import { checkSource, translatedName, type TranslationInfo, type TranslationNote } from "../lessons/translation.js";
import { t } from "../text/catalog.js";
import type { Language } from "../text/language.js";
import { parseHints, type Hint } from "./hints.js";

/**
 * An exercise's translations: task.<language>.md (front matter `source`, `title`,
 * `summary`, then the task) and hints.<language>.md (front matter `source`, then the
 * same hints with the same ids in the same order). See lessons/translation.ts.
 */

const TASK_META = ["source", "title", "summary"] as const;

export interface TranslatedTask {
  title: string;
  summary: string;
  task: string;
  translation: TranslationInfo;
}

/** The task in `language`, or undefined when there is no usable translation (the notes say why, if it exists). */
export function translateTask(exDir: string, englishFile: string, englishText: string, language: Language, notes: TranslationNote[]): TranslatedTask | undefined {
  const file = translatedName(englishFile, language);
  const read = readTextInside(file, exDir, t("lessons.root.exercise"), { kind: t("lessons.kind.task") });
  if (!read.ok) {
    if (!read.missing) notes.push({ file, english: englishFile, line: read.line ?? 0, kind: "mismatch", message: t("lessons.file.reason", { file: path.basename(file), reason: read.reason }) });
    return undefined;
  }
  const before = notes.length;
  const lines = read.text.replace(/\r\n?/g, "\n").split("\n");
  const front = readFrontMatter(lines, TASK_META, (line, message) => notes.push({ file, english: englishFile, line, kind: "mismatch", message }));
  if (!front || !front.ok || notes.length > before) return undefined;
  const source = front.values.get("source")!;
  const stale = checkSource(source.value, englishText, file, englishFile, source.line);
  if (stale) notes.push(stale);
  return {
    title: front.values.get("title")!.value,
    summary: front.values.get("summary")!.value,
    task: lines.slice(front.bodyStart).join("\n").trim(),
    translation: { language, file, stale: stale !== undefined },
  };
}

/**
 * hints.<language>.md without its front matter (blank lines in its place, so line
 * numbers stay right), its `source`, and its hints.
 */
export function readTranslatedHints(text: string): { source?: { value: string; line: number }; body: string } {
  const lines = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
  if (lines[0]?.trim() !== "---") return { body: lines.join("\n") };
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === "---");
  if (end < 0) return { body: lines.join("\n") };
  let source: { value: string; line: number } | undefined;
  for (let i = 1; i < end; i++) {
    const m = /^source\s*:\s*(\S+)\s*$/.exec(lines[i]!);
    if (m) source = { value: m[1]!, line: i + 1 };
  }
  const body = [...lines.slice(0, end + 1).map(() => ""), ...lines.slice(end + 1)].join("\n");
  return source ? { source, body } : { body };
}

/**
 * The hints in `language` when hints.<language>.md exists and has the English ids in
 * the English order; undefined otherwise (the English hints are given).
 */
export function translateHints(
  exDir: string,
  englishFile: string,
  englishText: string,
  englishHints: readonly Hint[],
  language: Language,
  notes: TranslationNote[],
): { hints: Hint[]; translation: TranslationInfo } | undefined {
  const file = translatedName(englishFile, language);
  const read = readTextInside(file, exDir, t("lessons.root.exercise"), { kind: t("lessons.kind.exerciseFile", { name: path.basename(file) }) });
  if (!read.ok) {
    if (!read.missing) notes.push({ file, english: englishFile, line: read.line ?? 0, kind: "mismatch", message: t("lessons.file.reason", { file: path.basename(file), reason: read.reason }) });
    return undefined;
  }
  const { source, body } = readTranslatedHints(read.text);
  if (!source) {
    notes.push({ file, english: englishFile, line: 1, kind: "mismatch", message: t("lessons.translation.noSource", { english: path.basename(englishFile) }) });
    return undefined;
  }
  const parsed = parseHints(body);
  for (const p of parsed.problems) notes.push({ file, english: englishFile, kind: "mismatch", ...p });
  const ids = (hs: readonly Hint[]): string => hs.map((h) => `${h.id}${h.python !== undefined ? "+py" : ""}${h.javascript !== undefined ? "+js" : ""}`).join(", ");
  if (ids(parsed.hints) !== ids(englishHints)) {
    notes.push({ file, english: englishFile, line: 1, kind: "mismatch", message: t("lessons.translation.hintIds", { english: ids(englishHints) || "-", translated: ids(parsed.hints) || "-" }) });
    return undefined;
  }
  if (parsed.problems.length) return undefined;
  const stale = checkSource(source.value, englishText, file, englishFile, source.line);
  if (stale) notes.push(stale);
  return { hints: parsed.hints, translation: { language, file, stale: stale !== undefined } };
}
