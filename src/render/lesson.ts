import type { Block, CodeFile, Lesson, Quiz } from "../lessons/types.js";
import { t } from "../text/catalog.js";
import { displayWidth } from "../text/width.js";
import { tutor } from "../util/invocation.js";
import { expandTutor } from "../lessons/tokens.js";
import { makeStyle } from "../util/style.js";
import { wrap } from "../text/wrap.js";
import { renderMarkdown, type RenderOptions } from "./markdown.js";
import { LETTERS, renderQuizText } from "./quiz.js";
import { listOf } from "../text/list.js";

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

/** How far the learner is in the whole course, for the lesson header: lessons done of all. */
export interface CourseProgress {
  done: number;
  total: number;
}

/** "▰▰▰▱▱▱▱▱▱▱▱ 3/11": one mark a lesson (at most 20 marks, so a long course still fits). */
export function progressBar(p: CourseProgress): string {
  const marks = Math.min(p.total, 20);
  const full = p.total === 0 ? 0 : Math.round((p.done / p.total) * marks);
  return t("render.courseBar", { bar: "▰".repeat(full) + "▱".repeat(marks - full), done: p.done, total: p.total });
}

export function stepHeader(lesson: Lesson, index: number, opts: RenderOptions, course?: CourseProgress): string {
  const s = makeStyle(opts.colour);
  const where = t("render.where", { order: lesson.meta.order, title: lesson.meta.title });
  const step = t("render.stepCount", { step: index + 1, steps: lesson.steps.length });
  // The course's progress beside the step count when the line has room for both, else the step alone.
  const withCourse = course ? t("render.stepAndCourse", { step, course: progressBar(course) }) : step;
  const fits = (right: string): boolean => displayWidth(where) + displayWidth(right) + 2 <= opts.width;
  const count = fits(withCourse) ? withCourse : step;
  // Columns, not code units: a title in Chinese takes two columns a character.
  const used = displayWidth(where) + displayWidth(count);
  const gap = Math.max(2, opts.width - used);
  const top = used + 2 <= opts.width ? `${s.dim(where)}${" ".repeat(gap)}${s.dim(count)}` : `${s.dim(where)}\n${s.dim(count)}`;
  // A translation older than its English is still shown, but says so on every step.
  const stale = lesson.translation?.stale ? `\n${s.yellow(t("lessons.translation.staleMark"))}` : "";
  return `${top}\n${s.bold(s.cyan(lesson.steps[index]!.title))}${stale}`;
}

/** A quiz as plain Markdown (its question and choices), for what reads a quiz as text. */
export function quizAsMarkdown(quiz: Quiz): string {
  return [quiz.question, "", ...quiz.choices.map((c, i) => `${LETTERS[i]}) ${c.text}`)].join("\n");
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
        parts.push(t("render.alsoIn", { files: listOf(files) }));
      }
      return parts.join("\n\n");
    }
    case "quiz":
      return quizAsMarkdown(block.quiz);
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
    for (const block of lesson.steps[i]!.blocks) {
      out.push(block.kind === "quiz" ? await renderQuizText(block.quiz, opts, opts.answers === true) : await renderMarkdown(blockAsMarkdown(block, lesson, opts), opts), "");
    }
  }
  return out.join("\n").replace(/\n{3,}/g, "\n\n");
}
