import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { readFrontMatter } from "../lessons/parse.js";
import type { LessonProblem } from "../lessons/types.js";
import { lessonsDir } from "../paths.js";

/**
 * An exercise is a folder under lessons/exercises/<id>/ holding task.md
 * (front matter + the task text), hints.md, starters and reference solutions.
 * Only the metadata is read here, so `list` stays cheap.
 */
export interface ExerciseInfo {
  id: string;
  title: string;
  /** The lesson that teaches what the exercise needs. */
  lesson: string;
  order: number;
  summary: string;
  dir: string;
  /** The task text (Markdown), after the front matter. */
  task: string;
}

const REQUIRED = ["id", "title", "lesson", "order", "summary"] as const;

export function exercisesDir(): string {
  return path.join(lessonsDir(), "exercises");
}

export function loadExercises(dir: string = exercisesDir()): { exercises: ExerciseInfo[]; problems: LessonProblem[] } {
  const problems: LessonProblem[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => e.name);
  } catch {
    return { exercises: [], problems };
  }
  const exercises: ExerciseInfo[] = [];
  for (const name of entries.sort()) {
    const file = path.join(dir, name, "task.md");
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      problems.push({ file, line: 0, message: "this exercise folder has no task.md" });
      continue;
    }
    const lines = text.replace(/\r\n?/g, "\n").split("\n");
    const before = problems.length;
    const front = readFrontMatter(lines, REQUIRED, (line, message) => problems.push({ file, line, message }));
    if (!front || !front.ok || problems.length > before) continue;
    const v = (k: string): string => front.values.get(k)!.value;
    if (v("id") !== name) {
      problems.push({ file, line: front.values.get("id")!.line, message: `id '${v("id")}' must match the folder name '${name}'` });
      continue;
    }
    exercises.push({
      id: v("id"),
      title: v("title"),
      lesson: v("lesson"),
      order: Number(v("order")) || 0,
      summary: v("summary"),
      dir: path.join(dir, name),
      task: lines.slice(front.bodyStart).join("\n").trim(),
    });
  }
  exercises.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { exercises, problems };
}
