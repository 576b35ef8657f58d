import { existsSync } from "node:fs";
import path from "node:path";
import { listDemos } from "../demo/load.js";
import { loadExercises } from "../exercises/catalog.js";
import { loadLessons } from "../lessons/load.js";
import { glossaryFile, loadGlossary } from "../lessons/glossary.js";
import { translatedName, type TranslationNote } from "../lessons/translation.js";
import { lessonsDir } from "../paths.js";
import { LANGUAGES, type Language } from "../text/language.js";

/** The translations of the course, for authors: what is stale or unusable, and which English files have none. */
export interface TranslationReport {
  language: Language;
  notes: TranslationNote[];
  /** English files (lesson.md, task.md, hints.md, demo.json) with no translation beside them. */
  missing: string[];
}

/** Every language but English, or the one asked for. */
export function translationReports(root: string = lessonsDir(), only?: Language): TranslationReport[] {
  return LANGUAGES.filter((l) => l !== "en" && (only === undefined || l === only)).map((language) => report(root, language));
}

function report(root: string, language: Language): TranslationReport {
  const lessons = loadLessons(root, language);
  const exercises = loadExercises(path.join(root, "exercises"), language);
  const demos = listDemos(root, language);
  const missing: string[] = [];
  const want = (english: string): void => {
    if (existsSync(english) && !existsSync(translatedName(english, language))) missing.push(english);
  };
  for (const l of lessons.lessons) want(l.file);
  for (const e of exercises.exercises) {
    want(path.join(e.dir, "task.md"));
    want(path.join(e.dir, "hints.md"));
  }
  for (const d of demos.demos) want(d.file);
  want(glossaryFile(root));
  const glossary = loadGlossary(root, language);
  return { language, notes: [...lessons.translations, ...exercises.translations, ...demos.translations, ...(glossary.translations ?? [])], missing };
}
