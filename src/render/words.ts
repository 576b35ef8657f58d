import type { GlossaryEntry } from "../lessons/glossary.js";
import { groupByLesson, stepShowing, type StepHit } from "../lessons/search.js";
import { expandTutor } from "../lessons/tokens.js";
import type { Lesson } from "../lessons/types.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { displayWidth, truncate } from "../text/width.js";
import { wrap } from "../text/wrap.js";
import { tutor } from "../util/invocation.js";
import { makeStyle } from "../util/style.js";
import { renderMarkdown, type RenderOptions } from "./markdown.js";
import { listOf } from "../text/list.js";

/** Glossary entries and search results as terminal text, for the commands and the lesson prompt alike. */

/** Where an entry is shown: "lesson 10, Closing a connection, step 6: TIME_WAIT". */
function shownIn(entry: GlossaryEntry, lessons: readonly Lesson[]): { lesson: Lesson; text: string }[] {
  const out: { lesson: Lesson; text: string }[] = [];
  for (const id of entry.lessons) {
    const lesson = lessons.find((l) => l.meta.id === id);
    if (!lesson) continue;
    const step = stepShowing(lesson, [entry.term, ...entry.also]);
    out.push({ lesson, text: t("words.shownIn", { order: lesson.meta.order, title: lesson.meta.title, step: step + 1, stepTitle: lesson.steps[step]!.title }) });
  }
  return out;
}

/** One entry: the term, its other names, the definition, and the lessons that show it (with the command that opens one when `commands`). */
export async function renderEntry(entry: GlossaryEntry, lessons: readonly Lesson[], opts: RenderOptions, commands = true): Promise<string> {
  const s = makeStyle(opts.colour);
  const out = [s.bold(s.cyan(escapeTerminal(entry.term)))];
  if (entry.also.length) out.push(s.dim(wrap(t("words.also", { names: listOf(entry.also.map((n) => escapeTerminal(n))) }), opts.width)));
  out.push(await renderMarkdown(expandTutor(entry.text), opts));
  const where = shownIn(entry, lessons);
  if (where.length) {
    out.push("");
    for (const w of where) {
      out.push(wrap(w.text, opts.width, "  "));
      if (commands) out.push(s.dim(`  ${tutor(`lesson ${w.lesson.meta.id}`)}`));
    }
  }
  return out.join("\n");
}

/** The whole glossary as a list: each term and the first sentence of its definition, on one line. */
export function renderGlossaryList(entries: readonly GlossaryEntry[], opts: RenderOptions): string {
  const s = makeStyle(opts.colour);
  const w = Math.min(18, Math.max(...entries.map((e) => displayWidth(escapeTerminal(e.term)))));
  const lines = entries.map((e) => {
    const first = e.text.replace(/\s+/g, " ").replace(/[`*]/g, "").split(/(?<=\.)\s/)[0]!;
    const term = escapeTerminal(e.term);
    const pad = " ".repeat(Math.max(1, w + 2 - displayWidth(term)));
    return `  ${s.bold(term)}${pad}${truncate(first, Math.max(10, opts.width - w - 4))}`;
  });
  return lines.join("\n");
}

/** A context line cut to the width around the match: "…stays in TIME_WAIT for 60 s…". */
export function contextLine(hit: Pick<StepHit, "context" | "at">, width: number): string {
  const line = escapeTerminal(hit.context);
  if (displayWidth(line) <= width) return line;
  // Start a little before the match, so it is never cut off the left.
  const start = Math.max(0, hit.at - Math.floor(width / 4));
  const head = start > 0 ? `…${line.slice(start).replace(/^\S*\s/, "")}` : line;
  return truncate(head, width);
}

/** The search results: lessons in rank order, each with its best steps and a line of context. */
export function renderSearch(hits: readonly StepHit[], opts: RenderOptions): string {
  const s = makeStyle(opts.colour);
  const out: string[] = [];
  for (const { lesson, steps } of groupByLesson(hits)) {
    out.push(s.bold(t("words.searchLesson", { order: lesson.meta.order, title: lesson.meta.title })));
    for (const h of steps) {
      out.push(`  ${t("words.searchStep", { step: h.step + 1, title: lesson.steps[h.step]!.title })}`);
      out.push(s.dim(`    ${contextLine(h, opts.width - 4)}`));
    }
  }
  return out.join("\n");
}
