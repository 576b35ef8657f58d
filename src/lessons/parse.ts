import type { Block, CodeFile, Lesson, LessonMeta, LessonProblem, Quiz, QuizChoice, Step } from "./types.js";

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

const REQUIRED_META = ["id", "title", "chapter", "order", "summary"] as const;
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

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
  const steps = parseSteps(lines, front.bodyStart, problem, options);
  if (steps.length === 0 && problems.length === 0) problem(front.bodyStart + 1, "the lesson has no steps: start each step with a '## Title' line");
  if (problems.length > 0 || !meta) return { problems };
  return { lesson: { meta, file, steps }, problems };
}

function parseFrontMatter(
  lines: string[],
  problem: (line: number, message: string) => void,
): { meta?: LessonMeta; bodyStart: number } | undefined {
  const front = readFrontMatter(lines, REQUIRED_META, problem);
  if (!front) return undefined;
  const { values, bodyStart } = front;
  let ok = front.ok;
  const id = values.get("id");
  if (id && id.value && !ID_PATTERN.test(id.value)) {
    problem(id.line, `id '${id.value}' must be kebab-case: lower-case letters, digits and single dashes`);
    ok = false;
  }
  const order = values.get("order");
  if (order && order.value && !/^\d+$/.test(order.value)) {
    problem(order.line, `order must be a whole number, got '${order.value}'`);
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
    problem(1, `missing front matter: the file must start with a '---' line, then ${known.join(", ")}`);
    return undefined;
  }
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === "---");
  if (end < 0) {
    // Every line after it would otherwise be read as a bad 'key: value' line: say the cause once.
    problem(1, "the front matter opened here is never closed with '---': add a '---' line after its last 'key: value' line");
    return undefined;
  }
  const leak = bodyInFrontMatter(lines, end);
  if (leak !== undefined) {
    // The '---' that "closed" it is a rule further down the body: the real closing line is missing.
    problem(1, `the front matter opened here is not closed before line ${leak + 1} ('${clip(lines[leak]!.trim())}'): add a '---' line after its last 'key: value' line`);
    return undefined;
  }
  const values = new Map<string, { value: string; line: number }>();
  for (let i = 1; i < end; i++) {
    const raw = lines[i]!;
    if (isBlankOrComment(raw)) continue;
    const m = KEY_VALUE.exec(raw);
    if (!m) {
      problem(i + 1, `front matter lines are 'key: value', got '${clip(raw.trim())}'`);
      continue;
    }
    const key = m[1]!;
    if (values.has(key)) problem(i + 1, `'${key}' is given twice in the front matter`);
    values.set(key, { value: unquote(m[2]!.trim()), line: i + 1 });
  }
  let ok = true;
  for (const key of known) {
    const v = values.get(key);
    if (!v || v.value === "") {
      problem(v?.line ?? 1, `front matter needs '${key}'`);
      ok = false;
    }
  }
  const all = [...known, ...optional];
  for (const [key, v] of values) {
    if (!all.includes(key)) problem(v.line, `unknown front matter key '${key}' (known: ${all.join(", ")})`);
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

function clip(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
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
        if (DIRECTIVE_OPEN.test(raw)) problem(lineNo, `directives cannot be nested: close '::: ${directive.name}' (line ${directive.line}) with ':::' first`);
        if (/^##\s/.test(raw)) problem(lineNo, `a step heading inside '::: ${directive.name}' (line ${directive.line}): is its closing ':::' missing?`);
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
      if (!step) problem(lineNo, "text before the first step: start the lesson body with a '## Title' line");
      prose ??= { start: lineNo, lines: [] };
      prose.lines.push(raw);
      continue;
    }

    const heading = /^##\s+(.*?)\s*#*\s*$/.exec(raw);
    if (heading) {
      flushProse();
      if (!heading[1]) problem(lineNo, "a step heading needs a title");
      step = { title: heading[1] ?? "", line: lineNo, blocks: [] };
      steps.push(step);
      continue;
    }

    const open = DIRECTIVE_OPEN.exec(raw);
    if (open) {
      flushProse();
      if (!step) problem(lineNo, "a directive before the first step: start the lesson body with a '## Title' line");
      directive = { name: open[1]!, args: open[2] ?? "", line: lineNo, body: [] };
      continue;
    }
    if (DIRECTIVE_CLOSE.test(raw)) {
      problem(lineNo, "a closing ':::' without an opening directive");
      continue;
    }

    if (!step) {
      if (raw.trim() !== "") problem(lineNo, "text before the first step: start the lesson body with a '## Title' line");
      continue;
    }
    prose ??= { start: lineNo, lines: [] };
    prose.lines.push(raw);
  }

  if (fence) problem(lines.length, "a code block (```) is not closed");
  if (directive) problem(directive.line, `'::: ${directive.name}' is not closed: add a ':::' line after its content`);
  flushProse();
  for (const s of steps) {
    if (s.blocks.length === 0 && !attempted.has(s)) problem(s.line, `step '${s.title}' is empty`);
  }
  return steps;
}

function buildDirective(
  d: { name: string; args: string; line: number; body: string[] },
  problem: (line: number, message: string) => void,
  options: ParseOptions,
): Block | undefined {
  if (!(DIRECTIVES as readonly string[]).includes(d.name)) {
    problem(d.line, `unknown directive '::: ${d.name}' (known: ${DIRECTIVES.join(", ")})`);
    return undefined;
  }
  const name = d.name as DirectiveName;
  const text = d.body.join("\n").trim();
  const args = d.args.split(/\s+/).filter(Boolean);
  switch (name) {
    case "quiz": {
      if (args.length) problem(d.line, "'::: quiz' takes no arguments");
      const quiz = parseQuiz(d.body, d.line + 1, problem);
      return quiz ? { kind: "quiz", line: d.line, quiz } : undefined;
    }
    case "demo":
    case "exercise": {
      if (args.length !== 1 || !ID_PATTERN.test(args[0]!)) {
        problem(d.line, `'::: ${name}' takes one ${name} id (kebab-case), e.g. '::: ${name} ${name === "demo" ? "tcp-step-by-step" : "tcp-echo"}'`);
        return undefined;
      }
      return name === "demo"
        ? { kind: "demo", line: d.line, demo: args[0]!, text }
        : { kind: "exercise", line: d.line, exercise: args[0]!, text };
    }
    case "code": {
      if (args.length === 0) {
        problem(d.line, "'::: code' needs at least one file path, relative to the lesson folder");
        return undefined;
      }
      const files: CodeFile[] = [];
      for (const p of args) {
        if (p.startsWith("/") || p.split("/").includes("..")) {
          problem(d.line, `'${p}': code files must be inside the lesson folder`);
          continue;
        }
        const source = options.readFile?.(p);
        if (source === undefined || (typeof source === "object" && source.missing)) {
          problem(d.line, `'${p}' does not exist beside the lesson`);
          continue;
        }
        if (typeof source === "object") {
          problem(d.line, `'${p}' ${source.problem}`);
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
        problem(lineNo, "after the first choice, each line is either a choice ('- [ ] ...' or '- [x] ...') or an indented explanation");
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
    problem(firstLine - 1, "the quiz has no question: write it before the choices");
    ok = false;
  }
  if (choices.length < 2) {
    problem(firstLine - 1, "a quiz needs at least two choices, written '- [ ] wrong' and '- [x] right'");
    ok = false;
  }
  const correct = choices.filter((c) => c.correct).length;
  if (choices.length >= 2 && correct !== 1) {
    problem(firstLine - 1, `a quiz needs exactly one correct choice marked '[x]', found ${correct}`);
    ok = false;
  }
  for (const c of choices) {
    c.explanation = c.explanation.trim();
    if (!c.explanation) {
      problem(c.line, `choice '${c.text}' has no explanation: add an indented line under it saying why it is ${c.correct ? "right" : "wrong"}`);
      ok = false;
    }
  }
  if (!ok) return undefined;
  return { question: q, choices: choices.map(({ text, correct: isRight, explanation }) => ({ text, correct: isRight, explanation })) };
}
