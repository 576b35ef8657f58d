import { findEntry, loadGlossary, normalTerm, type Glossary, type GlossaryEntry } from "../lessons/glossary.js";
import type { Lesson } from "../lessons/types.js";
import { renderEntry } from "../render/words.js";
import { t } from "../text/catalog.js";
import { colourEnabled, readingWidth } from "../util/style.js";
import type { StepTool } from "./lesson-runner.js";
import { clearScreen, PromptResized, searchSelect, select, styler, type Choice } from "./prompts.js";
import { listOf } from "../text/list.js";

/**
 * "Look up a word" in the step prompt: type to filter the glossary, read the entry, come
 * back to the step (the lesson then draws the step again, where it was).
 */
export function glossaryTool(lessons: readonly Lesson[], glossary: Glossary = loadGlossary()): StepTool | undefined {
  // A lessons folder without a glossary offers no empty screen.
  if (glossary.entries.length === 0) return undefined;
  return { label: t("words.tool"), description: t("words.toolDescription"), run: async () => lookUp(glossary, lessons) };
}

/** The entries whose names start with what was typed (any word of them), all when nothing is typed. */
export function matching(g: Glossary, typed: string): GlossaryEntry[] {
  const q = normalTerm(typed);
  if (!q) return g.entries;
  const exact = findEntry(g, typed);
  const starts = g.entries.filter((e) => [e.term, ...e.also].some((n) => normalTerm(n).split(" ").some((_, i, words) => words.slice(i).join(" ").startsWith(q))));
  return exact ? [exact, ...starts.filter((e) => e !== exact)] : starts;
}

async function lookUp(g: Glossary, lessons: readonly Lesson[]): Promise<void> {
  if (g.entries.length === 0) return;
  const s = styler();
  for (;;) {
    clearScreen();
    process.stdout.write(`${s.bold(s.magenta(t("words.toolTitle")))}\n\n`);
    const rows = process.stdout.rows ?? 24;
    const entry = await searchSelect<GlossaryEntry>(
      t("words.toolPrompt"),
      (typed) => matching(g, typed).map((e): Choice<GlossaryEntry> => ({ name: e.term, value: e, ...(e.also.length ? { description: listOf(e.also) } : {}) })),
      { pageSize: Math.max(5, rows - 8) },
    );
    const again = await showEntry(entry, lessons);
    if (!again) return;
  }
}

/** The entry on a screen of its own; true when the learner wants another word. */
async function showEntry(entry: GlossaryEntry, lessons: readonly Lesson[]): Promise<boolean> {
  const s = styler();
  for (;;) {
    clearScreen();
    const opts = { width: readingWidth(), colour: colourEnabled() };
    process.stdout.write(`${s.bold(s.magenta(t("words.toolTitle")))}\n\n${await renderEntry(entry, lessons, opts, false)}\n\n`);
    try {
      const choice = await select<"another" | "back">(t("words.toolNext"), [
        { name: t("words.toolBack"), value: "back" },
        { name: t("words.toolAnother"), value: "another" },
      ], { resizeThrows: true });
      return choice === "another";
    } catch (err) {
      if (err instanceof PromptResized) continue;
      throw err;
    }
  }
}
