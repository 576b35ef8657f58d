import type { Block, CodeFile, Lesson, Quiz } from "../lessons/types.js";
import { t } from "../text/catalog.js";
import { displayWidth } from "../text/width.js";
import { tutor } from "../util/invocation.js";
import { expandTutor } from "../lessons/tokens.js";
import { makeStyle } from "../util/style.js";
import { wrap } from "../text/wrap.js";
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
  const where = t("render.where", { order: lesson.meta.order, title: lesson.meta.title });
  const count = t("render.stepCount", { step: index + 1, steps: lesson.steps.length });
  // Columns, not code units: a title in Chinese takes two columns a character.
  const used = displayWidth(where) + displayWidth(count);
  const gap = Math.max(2, opts.width - used);
  const top = used + 2 <= opts.width ? `${s.dim(where)}${" ".repeat(gap)}${s.dim(count)}` : `${s.dim(where)}\n${s.dim(count)}`;
  return `${top}\n${s.bold(s.cyan(lesson.steps[index]!.title))}`;
}

export function quizAsMarkdown(quiz: Quiz, withAnswers: boolean): string {
  const letters = "abcdefghij";
  const lines = [t("render.quiz", { question: quiz.question }), ""];
  quiz.choices.forEach((c, i) => {
    lines.push(`${letters[i]}) ${c.text}${withAnswers && c.correct ? ` ${t("render.correct")}` : ""}`);
    if (withAnswers) lines.push(`   ${c.explanation}`);
    lines.push("");
  });
  return lines.join("\n");
}

/** One block as Markdown, for rendering. Quizzes in interactive mode are asked, not printed. */
export function blockAsMarkdown(block: Block, lesson: Lesson, opts: LessonRenderOptions & { answers?: boolean }): string {
  switch (block.kind) {
    case "markdown":
      return expandTutor(block.text);
    case "code": {
      const shown = codeFilesToShow(block.files, opts.codeLanguage);
      const parts: string[] = [];
      if (block.text) parts.push(expandTutor(block.text));
      for (const f of shown) parts.push(`*${f.path}*\n\n${fenced(f)}`);
      const others = block.files.filter((f) => !shown.includes(f));
      if (others.length) {
        const files = others.map((f) => (f.language === "python" ? t("render.alsoInPython", { file: f.path }) : t("render.alsoInJavaScript", { file: f.path })));
        parts.push(t("render.alsoIn", { files: files.join(", ") }));
      }
      return parts.join("\n\n");
    }
    case "quiz":
      return quizAsMarkdown(block.quiz, opts.answers === true);
    case "demo":
      return [t("render.demo", { demo: block.demo }), expandTutor(block.text), t("render.demoRun", { command: tutor(`demo ${lesson.meta.id} ${block.demo}`) })].filter(Boolean).join("\n\n");
    case "exercise":
      return [
        t("render.exercise", { exercise: block.exercise }),
        expandTutor(block.text),
        t("render.exerciseRun", { start: tutor(`exercise ${block.exercise}`), verify: tutor(`verify ${block.exercise} <file>`) }),
      ]
        .filter(Boolean)
        .join("\n\n");
  }
}

/** The whole lesson as text, for `show`: every step, no prompts. */
export async function renderLessonText(lesson: Lesson, opts: LessonRenderOptions & { answers?: boolean }): Promise<string> {
  const s = makeStyle(opts.colour);
  const out: string[] = [
    s.bold(s.magenta(wrap(t("render.lessonTitle", { order: lesson.meta.order, title: lesson.meta.title }), opts.width))),
    s.dim(wrap(t("render.lessonSubtitle", { chapter: lesson.meta.chapter, summary: lesson.meta.summary }), opts.width)),
    "",
  ];
  for (let i = 0; i < lesson.steps.length; i++) {
    out.push(stepHeader(lesson, i, opts), "");
    for (const block of lesson.steps[i]!.blocks) out.push(await renderMarkdown(blockAsMarkdown(block, lesson, opts), opts), "");
  }
  return out.join("\n").replace(/\n{3,}/g, "\n\n");
}
