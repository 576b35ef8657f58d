import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { tokenProblem } from "../lessons/parse.js";
import { unknownTokens } from "../lessons/tokens.js";
import type { LessonProblem } from "../lessons/types.js";

/**
 * hints.md, the format (CONTRIBUTING.md documents the same):
 *
 *   ## One recv() is not the message {#recv-loop}
 *   Text for every language.
 *
 *   ::: python
 *   Only for a Python program.
 *   :::
 *
 *   ::: javascript
 *   Only for a JavaScript program.
 *   :::
 *
 * Every hint starts with a `## ` heading that ends in its id, `{#kebab-case}`. A check
 * names the id of the hint that addresses its failure, so the next hint is the one for
 * what failed first, then the others in the file's order. A hint with nothing for the
 * learner's language (no shared text, no block for it) is left out for that learner.
 */

export type HintLanguage = "python" | "javascript";
export const HINT_LANGUAGES: readonly HintLanguage[] = ["python", "javascript"];

export interface Hint {
  id: string;
  title: string;
  /** The heading's line in hints.md (1-based). */
  line: number;
  /** Text for every language. */
  shared: string;
  python?: string;
  javascript?: string;
}

export interface ParsedHints {
  hints: Hint[];
  /** Problems with `file` left empty: the caller knows the file. */
  problems: Omit<LessonProblem, "file">[];
}

const HEADING = /^##\s+(.*?)\s*$/;
const ID_SUFFIX = /\s*\{#([^}\s]*)\}$/;
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const OPEN = /^:::\s*([A-Za-z][\w-]*)?\s*(.*?)\s*$/;
const CLOSE = /^:::\s*$/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

export function parseHints(text: string): ParsedHints {
  const hints: Hint[] = [];
  const problems: Omit<LessonProblem, "file">[] = [];
  const problem = (line: number, message: string): void => void problems.push({ line, message });
  let current: { hint: Hint; shared: string[]; python: string[]; javascript: string[] } | undefined;
  let block: { language: HintLanguage; line: number } | undefined;
  let fence: string | undefined;
  const done: (typeof current)[] = [];

  const lines = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const fenceMatch = FENCE.exec(raw);
    if (fence) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length && raw.trim() === fenceMatch[1]) fence = undefined;
      if (current) current[block?.language ?? "shared"].push(raw);
      return;
    }
    if (fenceMatch) fence = fenceMatch[1];
    const heading = fenceMatch ? null : HEADING.exec(raw);
    if (heading) {
      if (block) {
        problem(block.line, t("exercise.hints.blockNotClosed", { language: block.language }));
        block = undefined;
      }
      const idMatch = ID_SUFFIX.exec(heading[1]!);
      const title = heading[1]!.replace(ID_SUFFIX, "").trim();
      let id = idMatch?.[1] ?? "";
      if (!idMatch) problem(lineNo, t("exercise.hints.noId", { title: escapeTerminal(title) }));
      else if (!ID_PATTERN.test(id)) problem(lineNo, t("exercise.hints.badId", { id: escapeTerminal(id) }));
      else if (hints.some((h) => h.id === id)) problem(lineNo, t("exercise.hints.duplicateId", { id, line: hints.find((h) => h.id === id)!.line }));
      // A hint still works without a usable id: it is given in order, and no check can name it.
      if (!idMatch || !ID_PATTERN.test(id) || hints.some((h) => h.id === id)) id = `#${hints.length + 1}`;
      const hint: Hint = { id, title, line: lineNo, shared: "" };
      hints.push(hint);
      current = { hint, shared: [], python: [], javascript: [] };
      done.push(current);
      return;
    }
    if (!fenceMatch && CLOSE.test(raw)) {
      if (block) block = undefined;
      else problem(lineNo, t("exercise.hints.strayClose"));
      return;
    }
    const open = fenceMatch ? null : OPEN.exec(raw);
    if (open && open[1]) {
      const name = open[1];
      if (block) problem(lineNo, t("exercise.hints.nested", { line: block.line }));
      else if (!current) problem(lineNo, t("exercise.hints.beforeFirst"));
      else if (name !== "python" && name !== "javascript") problem(lineNo, t("exercise.hints.unknownBlock", { name: escapeTerminal(name) }));
      else if (open[2]) problem(lineNo, t("exercise.hints.blockArgs", { name }));
      else {
        if (current[name].length) problem(lineNo, t("exercise.hints.blockTwice", { language: name }));
        block = { language: name, line: lineNo };
      }
      return;
    }
    if (!current) {
      if (raw.trim() !== "") problem(lineNo, t("exercise.hints.beforeFirst"));
      return;
    }
    current[block?.language ?? "shared"].push(raw);
  });
  if (block) problem(block.line, t("exercise.hints.blockNotClosed", { language: block.language }));
  for (const u of unknownTokens(lines.join("\n"))) {
    problem(u.line, tokenProblem(u.name));
  }
  for (const c of done) {
    if (!c) continue;
    c.hint.shared = c.shared.join("\n").trim();
    const py = c.python.join("\n").trim();
    const js = c.javascript.join("\n").trim();
    if (py) c.hint.python = py;
    if (js) c.hint.javascript = js;
    if (!c.hint.shared && !py && !js) problem(c.hint.line, t("exercise.hints.empty", { title: escapeTerminal(c.hint.title) }));
  }
  return { hints, problems: problems.sort((a, b) => a.line - b.line) };
}

/** Whether the hint says anything to a learner writing in `language`. */
export function hintFor(hint: Hint, language: HintLanguage): boolean {
  return hint.shared !== "" || hint[language] !== undefined;
}

/** The hint's Markdown for one language: the shared text, then that language's part. */
export function hintBody(hint: Hint, language: HintLanguage): string {
  return [hint.shared, hint[language] ?? ""].filter(Boolean).join("\n\n");
}

/** The hints a learner writing in `language` can be given, in the file's order. */
export function hintsFor(hints: readonly Hint[], language: HintLanguage): Hint[] {
  return hints.filter((h) => hintFor(h, language));
}

/**
 * The next hint to give: the one for the first failed check that has a hint not seen
 * yet, else the first unseen hint in order. `failed` holds the hint ids the last run's
 * failed checks named, in the order of the checks. Undefined when every hint was seen.
 */
export function nextHint(hints: readonly Hint[], seen: readonly string[], failed: readonly string[] = []): Hint | undefined {
  const unseen = (h: Hint): boolean => !seen.includes(h.id);
  for (const id of failed) {
    const h = hints.find((x) => x.id === id);
    if (h && unseen(h)) return h;
  }
  return hints.find(unseen);
}

/**
 * The hints seen so far, as ids. Progress files from before hints had ids hold only a
 * count, `hintsShown`: those were the first hints in order.
 */
export function seenIds(hints: readonly Hint[], saved: { hintsSeen?: readonly string[]; hintsShown?: number } | undefined): string[] {
  if (!saved) return [];
  if (saved.hintsSeen) return [...saved.hintsSeen];
  return hints.slice(0, Math.min(saved.hintsShown ?? 0, hints.length)).map((h) => h.id);
}

/** The language of a learner's file, for its hints: undefined for one in neither. */
export function languageOfFile(file: string): HintLanguage | undefined {
  if (/\.py$/i.test(file)) return "python";
  if (/\.(m|c)?[jt]s$/i.test(file)) return "javascript";
  return undefined;
}
