import path from "node:path";
import type { Language } from "../text/language.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { blobHash } from "../util/blob-hash.js";
import { parseBody, readFrontMatter, type ParseOptions } from "./parse.js";
import type { Block, Lesson, Step } from "./types.js";

/**
 * Translated lesson files sit beside the English ones: lesson.md → lesson.zh-CN.md,
 * task.md → task.zh-CN.md, hints.md → hints.zh-CN.md, demo.json → demo.zh-CN.json.
 * Each records `source: <hash>`, git's hash of the English file it translates
 * (util/blob-hash.ts). The English file is the truth:
 * - a translation whose steps, directives or quiz answers differ from the English is
 *   not used (the English is shown) and the tests fail;
 * - a translation whose `source` is not the English file's hash today is stale: it is
 *   still shown, marked, and `list` (for authors) and the tests warn.
 */

export type TranslationNoteKind = "stale" | "mismatch";

/** Something an author should know about one translated file. */
export interface TranslationNote {
  /** The translated file. */
  file: string;
  /** The English file it translates. */
  english: string;
  line: number;
  kind: TranslationNoteKind;
  message: string;
}

/** What a lesson, task or demo shown in a language other than English came from. */
export interface TranslationInfo {
  language: Language;
  file: string;
  /** The English file changed since the translation was made. */
  stale: boolean;
}

/** The name of `file`'s translation: "lesson.md" → "lesson.zh-CN.md". */
export function translatedName(file: string, language: Language): string {
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}.${language}${ext}`);
}

/** The note for a translation whose `source` is not the English file's hash. */
export function staleNote(file: string, english: string, line: number): TranslationNote {
  return { file, english, line, kind: "stale", message: t("lessons.translation.stale", { english: escapeTerminal(path.basename(english)) }) };
}

/** `source` checked against the English text: undefined when it matches. */
export function checkSource(source: string, englishText: string, file: string, english: string, line: number): TranslationNote | undefined {
  return source === blobHash(englishText) ? undefined : staleNote(file, english, line);
}

/** A directive as the tests compare it: its kind and arguments; a quiz by its choices and which is right. */
export function directiveSignature(b: Block): string | undefined {
  switch (b.kind) {
    case "markdown":
      return undefined;
    case "quiz":
      return t("lessons.translation.quizSignature", { choices: b.quiz.choices.length, right: b.quiz.choices.findIndex((c) => c.correct) + 1 });
    case "demo":
      return `demo ${b.demo}`;
    case "exercise":
      return `exercise ${b.exercise}`;
    case "code":
      return `code ${b.files.map((f) => f.path).join(" ")}`;
  }
}

/** Where a translation's steps differ from the English ones: the step count, or a step's directives in order. */
export function compareSteps(english: readonly Step[], translated: readonly Step[]): { line: number; message: string }[] {
  const out: { line: number; message: string }[] = [];
  if (english.length !== translated.length) {
    out.push({ line: translated[0]?.line ?? 1, message: t("lessons.translation.stepCount", { english: english.length, translated: translated.length }) });
    return out;
  }
  english.forEach((step, i) => {
    const tr = translated[i]!;
    const a = step.blocks.map(directiveSignature).filter((x): x is string => x !== undefined);
    const b = tr.blocks.map(directiveSignature).filter((x): x is string => x !== undefined);
    if (a.join("\n") !== b.join("\n")) {
      out.push({
        line: tr.line,
        message: t("lessons.translation.directives", { step: i + 1, title: escapeTerminal(step.title), english: a.join("; ") || "-", translated: b.join("; ") || "-" }),
      });
    }
  });
  return out;
}

const TRANSLATION_META = ["source", "title", "chapter", "summary"] as const;

export interface TranslatedLesson {
  /** The lesson in the language, or undefined when the translation cannot be used (see notes). */
  lesson?: Lesson;
  notes: TranslationNote[];
}

/**
 * A lesson's translation (its text already read): front matter `source`, `title`,
 * `chapter`, `summary` (id and order are the English lesson's), then the same steps.
 */
export function translateLesson(english: Lesson, englishText: string, text: string, file: string, language: Language, options: ParseOptions = {}): TranslatedLesson {
  const notes: TranslationNote[] = [];
  const mismatch = (line: number, message: string): void => void notes.push({ file, english: english.file, line, kind: "mismatch", message });
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const front = readFrontMatter(lines, TRANSLATION_META, mismatch);
  if (!front || !front.ok) return { notes };
  const steps = parseBody(lines, front.bodyStart, mismatch, options);
  if (notes.length) return { notes };
  for (const d of compareSteps(english.steps, steps)) mismatch(d.line, d.message);
  if (notes.length) return { notes };
  const source = front.values.get("source")!;
  const stale = checkSource(source.value, englishText, file, english.file, source.line);
  if (stale) notes.push(stale);
  const v = (k: (typeof TRANSLATION_META)[number]): string => front.values.get(k)!.value;
  return {
    lesson: {
      ...english,
      meta: { ...english.meta, title: v("title"), chapter: v("chapter"), summary: v("summary") },
      steps,
      translation: { language, file, stale: stale !== undefined },
    },
    notes,
  };
}
