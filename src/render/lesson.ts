import type { Block, CodeFile, Lesson, Quiz } from "../lessons/types.js";
import { makeStyle, wrap } from "../util/style.js";
import { renderMarkdown, type RenderOptions } from "./markdown.js";

export type CodePreference = "python" | "javascript";

export interface LessonRenderOptions extends RenderOptions {
  /** Interactive runs show one language; print mode shows every file. */
  codeLanguage?: CodePreference;
}

const FENCE_LANG: Record<CodeFile["language"], string> = { python: "python", javascript: "javascript", c: "c", text: "" };

export function codeFilesToShow(files: CodeFile[], preferred?: CodePreference): CodeFile[] {
  if (!preferred) return files;
  const match = files.filter((f) => f.language === preferred);
  return match.length ? match : files;
}

function fenced(file: CodeFile): string {
  const longest = Math.max(2, ...[...file.source.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${FENCE_LANG[file.language]}\n${file.source.replace(/\s+$/, "")}\n${fence}`;
}

export function stepHeader(lesson: Lesson, index: number, opts: RenderOptions): string {
  const s = makeStyle(opts.colour);
  const where = `Lesson ${lesson.meta.order} · ${lesson.meta.title}`;
  const count = `step ${index + 1} of ${lesson.steps.length}`;
  const gap = Math.max(2, opts.width - where.length - count.length);
  const top = where.length + count.length + 2 <= opts.width ? `${s.dim(where)}${" ".repeat(gap)}${s.dim(count)}` : `${s.dim(where)}\n${s.dim(count)}`;
  return `${top}\n${s.bold(s.cyan(lesson.steps[index]!.title))}`;
}

export function quizAsMarkdown(quiz: Quiz, withAnswers: boolean): string {
  const letters = "abcdefghij";
  const lines = [`**Quiz.** ${quiz.question}`, ""];
  quiz.choices.forEach((c, i) => {
    lines.push(`${letters[i]}) ${c.text}${withAnswers && c.correct ? " **(correct)**" : ""}`);
    if (withAnswers) lines.push(`   ${c.explanation}`);
    lines.push("");
  });
  return lines.join("\n");
}

/** One block as Markdown, for rendering. Quizzes in interactive mode are asked, not printed. */
export function blockAsMarkdown(block: Block, lesson: Lesson, opts: LessonRenderOptions & { answers?: boolean }): string {
  switch (block.kind) {
    case "markdown":
      return block.text;
    case "code": {
      const shown = codeFilesToShow(block.files, opts.codeLanguage);
      const parts: string[] = [];
      if (block.text) parts.push(block.text);
      for (const f of shown) parts.push(`*${f.path}*\n\n${fenced(f)}`);
      const others = block.files.filter((f) => !shown.includes(f));
      if (others.length) parts.push(`*Also in ${others.map((f) => `${f.language === "python" ? "Python" : "JavaScript"}: ${f.path}`).join(", ")}*`);
      return parts.join("\n\n");
    }
    case "quiz":
      return quizAsMarkdown(block.quiz, opts.answers === true);
    case "demo":
      return [`**Live demo: \`${block.demo}\`**`, block.text, `Run it: \`socket-tutor demo ${lesson.meta.id} ${block.demo}\``].filter(Boolean).join("\n\n");
    case "exercise":
      return [`**Exercise: \`${block.exercise}\`**`, block.text, `Start it: \`socket-tutor exercise ${block.exercise}\`, check it: \`socket-tutor verify ${block.exercise} <file>\``]
        .filter(Boolean)
        .join("\n\n");
  }
}

/** The whole lesson as text, for `show`: every step, no prompts. */
export async function renderLessonText(lesson: Lesson, opts: LessonRenderOptions & { answers?: boolean }): Promise<string> {
  const s = makeStyle(opts.colour);
  const out: string[] = [
    s.bold(s.magenta(wrap(`Lesson ${lesson.meta.order}: ${lesson.meta.title}`, opts.width))),
    s.dim(wrap(`${lesson.meta.chapter} · ${lesson.meta.summary}`, opts.width)),
    "",
  ];
  for (let i = 0; i < lesson.steps.length; i++) {
    out.push(stepHeader(lesson, i, opts), "");
    for (const block of lesson.steps[i]!.blocks) out.push(await renderMarkdown(blockAsMarkdown(block, lesson, opts), opts), "");
  }
  return out.join("\n").replace(/\n{3,}/g, "\n\n");
}
