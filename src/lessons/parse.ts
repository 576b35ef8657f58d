import type { Block, CodeFile, Lesson, LessonMeta, LessonProblem, Quiz, QuizChoice, Step } from "./types.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { truncate } from "../text/width.js";
import { TOKENS, unknownTokens } from "./tokens.js";
import { frontMatterKeys, LESSON_FRONT_MATTER } from "./front-matter-schema.js";
import { patternOf } from "./json-schema.js";
import { listOf } from "../text/list.js";

/**
 * The lesson format, in one place (the README documents the same rules):
 *
 *   ---                      front matter: `key: value` lines
 *   id: address-families     kebab-case, unique across lessons
 *   title: ...
 *   chapter: ...
 *   order: 3                 position in the menu
 *   summary: ...
 *   ---
 *   ## Step title            every `## ` heading starts a step
 *   Markdown ...
 *   ::: quiz                 directives: `::: name args` ... `:::`
 *   ::: demo <id>
 *   ::: exercise <id>
 *   ::: code <file> [<file> ...]
 */

export const DIRECTIVES = ["quiz", "demo", "exercise", "code"] as const;
type DirectiveName = (typeof DIRECTIVES)[number];

// From the one definition that schemas/lesson.schema.json publishes.
const META_KEYS = frontMatterKeys(LESSON_FRONT_MATTER);
const ID_PATTERN = patternOf(LESSON_FRONT_MATTER.properties?.id);

export interface ParseOptions {
  /**
   * Reads a file beside the lesson (for `::: code`): its text, undefined if it does not
   * exist, or why it cannot be used ("is a folder, not a file").
   */
  readFile?: (relativePath: string) => string | undefined | { problem: string; missing: boolean };
}

export interface ParseResult {
  lesson?: Omit<Lesson, "folder" | "dir">;
  problems: LessonProblem[];
}

export function parseLesson(text: string, file: string, options: ParseOptions = {}): ParseResult {
  const problems: LessonProblem[] = [];
  const problem = (line: number, message: string): void => {
    problems.push({ file, line, message });
  };
  const lines = text.replace(/\r\n?/g, "\n").split("\n");

  const front = parseFrontMatter(lines, problem);
  if (!front) return { problems };
  const meta = front.meta;
  const steps = parseBody(lines, front.bodyStart, problem, options);
  if (steps.length === 0 && problems.length === 0) problem(front.bodyStart + 1, t("lessons.parse.noSteps"));
  if (problems.length > 0 || !meta) return { problems };
  return { lesson: { meta, file, steps }, problems };
}

/** A lesson's body (after its front matter): its steps, every problem reported. Shared by lessons and their translations. */
export function parseBody(lines: string[], bodyStart: number, problem: (line: number, message: string) => void, options: ParseOptions = {}): Step[] {
  const steps = parseSteps(lines, bodyStart, problem, options);
  for (const u of unknownTokens(lines.slice(bodyStart).join("\n"), bodyStart + 1)) problem(u.line, tokenProblem(u.name));
  return steps;
}

/** "unknown placeholder '{{x}}' (known: {{tutor}})". Shared by lessons, tasks and hints. */
export function tokenProblem(name: string): string {
  return t("lessons.parse.unknownToken", { name: quoted(name), tokens: listOf(TOKENS.map((k) => `{{${k}}}`)) });
}

function parseFrontMatter(
  lines: string[],
  problem: (line: number, message: string) => void,
): { meta?: LessonMeta; bodyStart: number } | undefined {
  const front = readFrontMatter(lines, META_KEYS.required, problem, META_KEYS.optional);
  if (!front) return undefined;
  const { values, bodyStart } = front;
  let ok = front.ok;
  const id = values.get("id");
  if (id && id.value && !ID_PATTERN.test(id.value)) {
    problem(id.line, t("lessons.parse.idNotKebab", { id: quoted(id.value) }));
    ok = false;
  }
  const order = values.get("order");
  if (order && order.value && !/^\d+$/.test(order.value)) {
    problem(order.line, t("lessons.parse.orderNotNumber", { value: quoted(order.value) }));
    ok = false;
  }
  if (!ok) return { bodyStart };
  return {
    meta: {
      id: values.get("id")!.value,
      title: values.get("title")!.value,
      chapter: values.get("chapter")!.value,
      order: Number(values.get("order")!.value),
      summary: values.get("summary")!.value,
    },
    bodyStart,
  };
}

export interface FrontMatter {
  values: Map<string, { value: string; line: number }>;
  /** Index (0-based) of the first line after the closing '---'. */
  bodyStart: number;
  /** False when a required key is missing or empty. */
  ok: boolean;
}

/**
 * `---`, then `key: value` lines, then `---`. Shared by lessons and exercises.
 * Unknown keys are reported, so a typo ('tilte') does not pass silently.
 */
export function readFrontMatter(
  lines: string[],
  known: readonly string[],
  problem: (line: number, message: string) => void,
  optional: readonly string[] = [],
): FrontMatter | undefined {
  if (lines[0]?.trim() !== "---") {
    problem(1, t("lessons.parse.noFrontMatter", { keys: listOf(known) }));
    return undefined;
  }
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === "---");
  if (end < 0) {
    // Every line after it would otherwise be read as a bad 'key: value' line: say the cause once.
    problem(1, t("lessons.parse.frontNotClosed"));
    return undefined;
  }
  const leak = bodyInFrontMatter(lines, end);
  if (leak !== undefined) {
    // The '---' that "closed" it is a rule further down the body: the real closing line is missing.
    problem(1, t("lessons.parse.frontNotClosedBefore", { line: leak + 1, text: clipped(lines[leak]!.trim()) }));
    return undefined;
  }
  const values = new Map<string, { value: string; line: number }>();
  for (let i = 1; i < end; i++) {
    const raw = lines[i]!;
    if (isBlankOrComment(raw)) continue;
    const m = KEY_VALUE.exec(raw);
    if (!m) {
      problem(i + 1, t("lessons.parse.notKeyValue", { text: clipped(raw.trim()) }));
      continue;
    }
    const key = m[1]!;
    if (values.has(key)) problem(i + 1, t("lessons.parse.keyTwice", { key }));
    values.set(key, { value: unquote(m[2]!.trim()), line: i + 1 });
  }
  let ok = true;
  for (const key of known) {
    const v = values.get(key);
    if (!v || v.value === "") {
      problem(v?.line ?? 1, t("lessons.parse.keyNeeded", { key }));
      ok = false;
    }
  }
  const all = [...known, ...optional];
  for (const [key, v] of values) {
    if (!all.includes(key)) problem(v.line, t("lessons.parse.unknownKey", { key, keys: listOf(all) }));
  }
  return { values, bodyStart: end + 1, ok };
}

const KEY_VALUE = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/;

function isBlankOrComment(raw: string): boolean {
  const t = raw.trimStart();
  // '## Title' is a step heading, not a comment: the body has begun.
  return t === "" || (t.startsWith("#") && !/^##\s/.test(t));
}

/**
 * The index of the first body line between the opening '---' and `end`, if the
 * lines there look like a lesson body rather than front matter with a typo: a step
 * heading, a directive or a code fence, or three or more lines that are not
 * 'key: value'. One or two such lines are typos and are reported one by one.
 */
function bodyInFrontMatter(lines: string[], end: number): number | undefined {
  const bad: number[] = [];
  for (let i = 1; i < end; i++) {
    const raw = lines[i]!;
    if (/^##\s/.test(raw.trimStart()) || /^:::/.test(raw) || /^\s{0,3}(`{3,}|~{3,})/.test(raw)) return bad[0] ?? i;
    if (!isBlankOrComment(raw) && !KEY_VALUE.test(raw)) bad.push(i);
  }
  return bad.length >= 3 ? bad[0] : undefined;
}

/** Text from the lesson file, quoted in a problem: escaped, since it may hold anything a terminal would obey. */
function quoted(s: string): string {
  return escapeTerminal(s);
}

/** A whole line of the lesson file, quoted: escaped and cut to `max` columns, so one long line cannot fill the screen. */
function clipped(s: string, max = 60): string {
  return truncate(escapeTerminal(s), max);
}

function unquote(s: string): string {
  if (s.length >= 2 && ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'")))) return s.slice(1, -1);
  return s;
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const DIRECTIVE_OPEN = /^:::\s*([A-Za-z][\w-]*)\s*(.*?)\s*$/;
const DIRECTIVE_CLOSE = /^:::\s*$/;

function parseSteps(
  lines: string[],
  start: number,
  problem: (line: number, message: string) => void,
  options: ParseOptions,
): Step[] {
  const steps: Step[] = [];
  let step: Step | undefined;
  let prose: { start: number; lines: string[] } | undefined;
  let fence: string | undefined;
  let directive: { name: string; args: string; line: number; body: string[] } | undefined;
  // Steps whose only content is a broken directive already have a problem reported.
  const attempted = new Set<Step>();

  const flushProse = (): void => {
    if (!prose || !step) {
      prose = undefined;
      return;
    }
    const text = prose.lines.join("\n").trim();
    if (text) step.blocks.push({ kind: "markdown", line: prose.start, text });
    prose = undefined;
  };

  for (let i = start; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineNo = i + 1;

    if (directive) {
      if (DIRECTIVE_CLOSE.test(raw)) {
        const block = buildDirective(directive, problem, options);
        if (block && step) step.blocks.push(block);
        if (step) attempted.add(step);
        directive = undefined;
      } else {
        if (DIRECTIVE_OPEN.test(raw)) problem(lineNo, t("lessons.parse.nested", { name: directive.name, line: directive.line }));
        if (/^##\s/.test(raw)) problem(lineNo, t("lessons.parse.headingInDirective", { name: directive.name, line: directive.line }));
        directive.body.push(raw);
      }
      continue;
    }

    const fenceMatch = FENCE.exec(raw);
    if (fence) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length && raw.trim() === fenceMatch[1]) fence = undefined;
      prose?.lines.push(raw);
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      if (!step) problem(lineNo, t("lessons.parse.textBeforeStep"));
      prose ??= { start: lineNo, lines: [] };
      prose.lines.push(raw);
      continue;
    }

    const heading = /^##\s+(.*?)\s*#*\s*$/.exec(raw);
    if (heading) {
      flushProse();
      if (!heading[1]) problem(lineNo, t("lessons.parse.headingNoTitle"));
      step = { title: heading[1] ?? "", line: lineNo, blocks: [] };
      steps.push(step);
      continue;
    }

    const open = DIRECTIVE_OPEN.exec(raw);
    if (open) {
      flushProse();
      if (!step) problem(lineNo, t("lessons.parse.directiveBeforeStep"));
      directive = { name: open[1]!, args: open[2] ?? "", line: lineNo, body: [] };
      continue;
    }
    if (DIRECTIVE_CLOSE.test(raw)) {
      problem(lineNo, t("lessons.parse.strayClose"));
      continue;
    }

    if (!step) {
      if (raw.trim() !== "") problem(lineNo, t("lessons.parse.textBeforeStep"));
      continue;
    }
    prose ??= { start: lineNo, lines: [] };
    prose.lines.push(raw);
  }

  if (fence) problem(lines.length, t("lessons.parse.fenceNotClosed"));
  if (directive) problem(directive.line, t("lessons.parse.directiveNotClosed", { name: directive.name }));
  flushProse();
  for (const s of steps) {
    if (s.blocks.length === 0 && !attempted.has(s)) problem(s.line, t("lessons.parse.emptyStep", { title: quoted(s.title) }));
  }
  return steps;
}

function buildDirective(
  d: { name: string; args: string; line: number; body: string[] },
  problem: (line: number, message: string) => void,
  options: ParseOptions,
): Block | undefined {
  if (!(DIRECTIVES as readonly string[]).includes(d.name)) {
    problem(d.line, t("lessons.parse.unknownDirective", { name: d.name, names: listOf(DIRECTIVES) }));
    return undefined;
  }
  const name = d.name as DirectiveName;
  const text = d.body.join("\n").trim();
  const args = d.args.split(/\s+/).filter(Boolean);
  switch (name) {
    case "quiz": {
      if (args.length) problem(d.line, t("lessons.parse.quizArgs"));
      const quiz = parseQuiz(d.body, d.line + 1, problem);
      return quiz ? { kind: "quiz", line: d.line, quiz } : undefined;
    }
    case "demo":
    case "exercise": {
      if (args.length !== 1 || !ID_PATTERN.test(args[0]!)) {
        problem(d.line, name === "demo" ? t("lessons.parse.demoArgs") : t("lessons.parse.exerciseArgs"));
        return undefined;
      }
      return name === "demo"
        ? { kind: "demo", line: d.line, demo: args[0]!, text }
        : { kind: "exercise", line: d.line, exercise: args[0]!, text };
    }
    case "code": {
      if (args.length === 0) {
        problem(d.line, t("lessons.parse.codeArgs"));
        return undefined;
      }
      const files: CodeFile[] = [];
      for (const p of args) {
        if (p.startsWith("/") || p.split("/").includes("..")) {
          problem(d.line, t("lessons.parse.codeOutside", { file: quoted(p) }));
          continue;
        }
        const source = options.readFile?.(p);
        if (source === undefined || (typeof source === "object" && source.missing)) {
          problem(d.line, t("lessons.parse.codeMissing", { file: quoted(p) }));
          continue;
        }
        if (typeof source === "object") {
          problem(d.line, t("lessons.file.quotedReason", { file: quoted(p), reason: source.problem }));
          continue;
        }
        files.push({ path: p, language: languageOf(p), source });
      }
      return files.length === args.length ? { kind: "code", line: d.line, files, text } : undefined;
    }
  }
}

export function languageOf(p: string): CodeFile["language"] {
  if (p.endsWith(".py")) return "python";
  if (/\.(m|c)?js$/.test(p) || p.endsWith(".ts")) return "javascript";
  if (p.endsWith(".c") || p.endsWith(".h")) return "c";
  return "text";
}

/**
 * A quiz body: the question (Markdown), then choices as a task list. Each choice
 * is followed by indented lines that explain it; the one marked [x] is correct.
 *
 *   What does bind() set?
 *
 *   - [ ] The client's address
 *     No: ...
 *   - [x] The local address of the socket it is called on
 *     Yes: ...
 */
function parseQuiz(body: string[], firstLine: number, problem: (line: number, message: string) => void): Quiz | undefined {
  const question: string[] = [];
  const choices: (QuizChoice & { line: number })[] = [];
  let ok = true;
  body.forEach((raw, idx) => {
    const lineNo = firstLine + idx;
    const choice = /^\s*[-*]\s+\[( |x|X)\]\s+(.*)$/.exec(raw);
    if (choice) {
      choices.push({ text: choice[2]!.trim(), correct: choice[1] !== " ", explanation: "", line: lineNo });
      return;
    }
    const last = choices[choices.length - 1];
    if (last) {
      if (raw.trim() === "") {
        if (last.explanation) last.explanation += "\n";
        return;
      }
      if (!/^\s+/.test(raw)) {
        problem(lineNo, t("lessons.parse.quizLine"));
        ok = false;
        return;
      }
      last.explanation += (last.explanation && !last.explanation.endsWith("\n") ? " " : "") + raw.trim();
      return;
    }
    question.push(raw);
  });
  const q = question.join("\n").trim();
  if (!q) {
    problem(firstLine - 1, t("lessons.parse.quizNoQuestion"));
    ok = false;
  }
  if (choices.length < 2) {
    problem(firstLine - 1, t("lessons.parse.quizFewChoices"));
    ok = false;
  }
  const correct = choices.filter((c) => c.correct).length;
  if (choices.length >= 2 && correct !== 1) {
    problem(firstLine - 1, t("lessons.parse.quizCorrect", { n: correct }));
    ok = false;
  }
  for (const c of choices) {
    c.explanation = c.explanation.trim();
    if (!c.explanation) {
      problem(c.line, t(c.correct ? "lessons.parse.quizNoExplanationRight" : "lessons.parse.quizNoExplanationWrong", { choice: quoted(c.text) }));
      ok = false;
    }
  }
  if (!ok) return undefined;
  return { question: q, choices: choices.map(({ text, correct: isRight, explanation }) => ({ text, correct: isRight, explanation })) };
}
