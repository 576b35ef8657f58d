/** A lesson is data: front matter, then steps made of blocks. The engine never renders. */

export interface LessonMeta {
  id: string;
  title: string;
  chapter: string;
  order: number;
  summary: string;
}

export interface QuizChoice {
  text: string;
  correct: boolean;
  /** Why this choice is right or wrong: shown after the learner answers. */
  explanation: string;
}

export interface Quiz {
  question: string;
  choices: QuizChoice[];
}

export type Block =
  | { kind: "markdown"; line: number; text: string }
  | { kind: "quiz"; line: number; quiz: Quiz }
  /** A live demo; `text` is what to watch for, shown before it runs. */
  | { kind: "demo"; line: number; demo: string; text: string }
  /** An exercise the learner solves and `verify`s; `text` introduces it. */
  | { kind: "exercise"; line: number; exercise: string; text: string }
  /** Source files shown exactly as they run, one per language. */
  | { kind: "code"; line: number; files: CodeFile[]; text: string };

export interface CodeFile {
  /** Path relative to the lesson folder, as written in the directive. */
  path: string;
  language: "python" | "javascript" | "c" | "text";
  source: string;
}

export interface Step {
  title: string;
  line: number;
  blocks: Block[];
}

export interface Lesson {
  meta: LessonMeta;
  /** Folder name, e.g. 03-address-families. */
  folder: string;
  dir: string;
  file: string;
  steps: Step[];
  /** Set when the lesson is shown from a translation (lesson.<language>.md) instead of lesson.md. */
  translation?: { language: string; file: string; stale: boolean };
}

export interface LessonProblem {
  file: string;
  line: number;
  message: string;
}
