import type { Block, Lesson } from "./types.js";

/**
 * `search <words>`: the steps that mention the words, best first. Pure, over the loaded
 * lessons, so the ranking is tested without a terminal.
 *
 * A word matches at the start of a word in the text (`recv` finds recv() and recvfrom(),
 * `port` does not find "support"), ignoring case, and `_` and `-` count as spaces
 * (`time wait` finds TIME_WAIT). A step ranks by: how many of the words it has (all of
 * them first), the whole phrase as written, the words in its title, then how often
 * they occur (a few times count, a hundred times do not count more).
 */

export interface StepHit {
  lesson: Lesson;
  /** Index of the step in the lesson. */
  step: number;
  score: number;
  /** How many of the query's words the step has. */
  words: number;
  /** A line of the step's text where the first word matches (Markdown marks removed). */
  context: string;
  /** Where the match is in `context` (code units), for cutting the line around it. */
  at: number;
}

/** Text the way it is compared: lower case, `_` and `-` as spaces. Same length as the input, so indexes carry over. */
function fold(s: string): string {
  return s.toLowerCase().replace(/[_-]/g, " ");
}

export function queryWords(query: string): string[] {
  return [...new Set(fold(query).split(/[^\p{L}\p{N}.()'/:]+/u).map((w) => w.replace(/[().'/:]+$/g, "").replace(/^[().'/:]+/g, "")).filter((w) => w.length > 0))];
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The words a step is made of, for searching: its title and every block's text. */
function blockText(b: Block): string {
  switch (b.kind) {
    case "markdown":
      return b.text;
    case "code":
      return b.text;
    case "quiz":
      return [b.quiz.question, ...b.quiz.choices.flatMap((c) => [c.text, c.explanation])].join("\n");
    case "demo":
      return `${b.demo}\n\n${b.text}`;
    case "exercise":
      return `${b.exercise}\n\n${b.text}`;
  }
}

/** A line as the learner reads it: no Markdown marks, no leading list bullets. */
function plainLine(line: string): string {
  return line
    .replace(/`+/g, "")
    .replace(/\*\*|__|\*(?=\S)|(?<=\S)\*/g, "")
    .replace(/^\s*(?:[-*+]\s+\[[ xX]\]\s+|[-*+]\s+|\d+\.\s+|#+\s+)/, "")
    .trim();
}

/**
 * A step's text in units the learner reads: prose as sentences (a paragraph's lines joined
 * first: lesson files are wrapped by hand), each line of a code block on its own.
 */
function sentences(text: string): string[] {
  const out: string[] = [];
  let para: string[] = [];
  let fence = false;
  const flush = (): void => {
    const joined = para.join(" ").trim();
    if (joined) out.push(...joined.split(/(?<=[.!?])\s+(?=[\p{Lu}`(*])/u));
    para = [];
  };
  for (const raw of text.split("\n")) {
    if (/^\s{0,3}(`{3,}|~{3,})/.test(raw)) {
      flush();
      fence = !fence;
      continue;
    }
    if (fence) {
      if (raw.trim()) out.push(raw.trim());
      continue;
    }
    const line = plainLine(raw);
    // A list item or a heading starts a unit of its own.
    if (!line || /^\s*(?:[-*+]\s|\d+\.\s|#)/.test(raw)) flush();
    if (line) para.push(line);
  }
  flush();
  return out.map((x) => x.replace(/\s+/g, " "));
}

export function searchSteps(lessons: readonly Lesson[], query: string): StepHit[] {
  const words = queryWords(query);
  if (words.length === 0) return [];
  const start = (w: string): string => `(?<![\\p{L}\\p{N}])${escapeRe(w)}`;
  const prefix = words.map((w) => new RegExp(start(w), "gu"));
  const whole = words.map((w) => new RegExp(`${start(w)}(?![\\p{L}\\p{N}])`, "gu"));
  const phrase = words.length > 1 ? new RegExp(`(?<![\\p{L}\\p{N}])${words.map(escapeRe).join("\\s+")}`, "u") : undefined;
  const count = (re: RegExp, text: string): number => (text.match(re) ?? []).length;
  const hits: StepHit[] = [];
  for (const lesson of lessons) {
    lesson.steps.forEach((step, index) => {
      const units = sentences(step.blocks.map(blockText).join("\n\n"));
      const body = fold(units.join("\n"));
      const title = fold(step.title);
      let have = 0;
      let score = 0;
      words.forEach((_, i) => {
        const exact = count(whole[i]!, title) + count(whole[i]!, body);
        const starts = count(prefix[i]!, title) + count(prefix[i]!, body);
        if (starts === 0) return;
        have++;
        // The word itself counts for more than a longer word it starts (recv() before recvfrom()).
        score += exact > 0 ? 100 : 50;
        score += 10 * Math.min(count(prefix[i]!, title), 1) + Math.min(exact, 5) + Math.min(starts - exact, 3) / 2;
      });
      if (have === 0) return;
      if (phrase && (phrase.test(title) || phrase.test(body))) score += 40;
      // The context: the sentence with the phrase, else the one with the most words.
      let best = { line: step.title, at: 0, n: 0 };
      for (const unit of units) {
        const f = fold(unit);
        const n = prefix.filter((re) => new RegExp(re.source, "u").test(f)).length + (phrase?.test(f) ? words.length : 0);
        if (n > best.n) {
          const first = prefix.map((re) => f.search(new RegExp(re.source, "u"))).filter((i) => i >= 0);
          best = { line: unit, at: Math.min(...first), n };
        }
      }
      hits.push({ lesson, step: index, score, words: have, context: best.line, at: best.at });
    });
  }
  // Best first; a tie goes to the earlier lesson and step (the order the learner meets them).
  return hits.sort((a, b) => b.score - a.score || a.lesson.meta.order - b.lesson.meta.order || a.step - b.step);
}

/**
 * The hits by lesson, lessons in the order of their best step. A lesson shows its steps
 * that come close to its best (at most `perLesson`); lessons far below the best hit are left out.
 */
export function groupByLesson(hits: readonly StepHit[], perLesson = 3, lessons = 6): { lesson: Lesson; steps: StepHit[] }[] {
  const groups: { lesson: Lesson; steps: StepHit[] }[] = [];
  const top = hits[0]?.score ?? 0;
  for (const h of hits) {
    let g = groups.find((x) => x.lesson === h.lesson);
    if (!g) {
      if (groups.length >= lessons || h.score < top / 2) continue;
      groups.push((g = { lesson: h.lesson, steps: [] }));
    }
    const best = g.steps[0];
    if (!best || (g.steps.length < perLesson && h.score >= best.score * 0.7)) g.steps.push(h);
  }
  return groups;
}

/** The step of a lesson that best shows a term: its title names it, else its text does; else the first step. */
export function stepShowing(lesson: Lesson, names: readonly string[]): number {
  let best = { step: 0, score: 0 };
  for (const name of names) {
    for (const h of searchSteps([lesson], name)) {
      if (h.words === queryWords(name).length && h.score > best.score) best = { step: h.step, score: h.score };
    }
  }
  return best.step;
}
