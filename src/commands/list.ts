import { loadExercises } from "../exercises/catalog.js";
import { exerciseStatus, lessonStatus, type LessonStatus, type Progress } from "../progress/store.js";
import { passedBeforeChecksChanged } from "../progress/checks.js";
import type { Lesson } from "../lessons/types.js";
import { colourEnabled, makeStyle, terminalWidth, type Styler } from "../util/style.js";
import { wrap } from "../text/wrap.js";
import { parseCommandArgs } from "./args.js";
import { loadContext } from "./context.js";
import { translationReports } from "../course/translations.js";
import { formatProblem } from "../lessons/load.js";
import { envValue } from "../paths.js";
import { commandHelp } from "./registry.js";
import { t } from "../text/catalog.js";
import { displayWidth, padEnd } from "../text/width.js";
import { tutor } from "../util/invocation.js";
import { labelled } from "../text/label.js";

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs("list", argv, {});
  if (values.help) {
    process.stdout.write(commandHelp("list", t("list.help")));
    return 0;
  }
  const { lessons, progress } = loadContext();
  const { exercises } = loadExercises();
  // For lesson authors (the lessons come from their own folder): translations that no longer match their English.
  if (envValue("SOCKET_TUTOR_LESSONS") !== undefined) reportTranslations();
  process.stdout.write(formatList(lessons, exercises, progress, terminalWidth(), makeStyle(colourEnabled())));
  return 0;
}

function reportTranslations(): void {
  const s = makeStyle(colourEnabled(process.stderr));
  for (const r of translationReports()) {
    if (!r.notes.length) continue;
    const stale = r.notes.filter((n) => n.kind === "stale").length;
    process.stderr.write(`${labelled(t("common.warning"), t("list.translations", { language: r.language, stale, broken: r.notes.length - stale, script: "npm run i18n:stale" }), s.yellow)}\n`);
    for (const n of r.notes) process.stderr.write(`  ${formatProblem(n)}\n`);
  }
}

function statusWord(status: LessonStatus, s: Styler): string {
  if (status === "done") return s.green(t("list.done"));
  if (status === "in progress") return s.yellow(t("list.inProgress"));
  return s.dim(t("list.new"));
}

export function formatList(
  lessons: readonly Lesson[],
  exercises: readonly { id: string; title: string; lesson: string }[],
  progress: Progress,
  width: number,
  s: Styler,
): string {
  const out: string[] = [];
  const done = lessons.filter((l) => lessonStatus(progress, l.meta.id) === "done").length;
  out.push(s.bold(t("list.lessons", { done, total: lessons.length })));
  const idWidth = Math.max(0, ...lessons.map((l) => displayWidth(l.meta.id)));
  const titleWidth = Math.max(0, ...lessons.map((l) => displayWidth(l.meta.title)));
  let chapter: string | undefined;
  for (const l of lessons) {
    if (l.meta.chapter !== chapter) {
      chapter = l.meta.chapter;
      out.push(`  ${s.cyan(chapter)}`);
    }
    const status = lessonStatus(progress, l.meta.id);
    const lp = progress.lessons[l.meta.id];
    const detail = status === "in progress" && lp ? t("list.step", { step: Math.min(lp.step + 1, l.steps.length), steps: l.steps.length }) : "";
    const num = String(l.meta.order).padStart(3);
    const line = `${num}. ${l.meta.title} [${statusWord(status, s)}${detail}]`;
    // Wide terminals get an id column to copy from; narrow ones get the id on its own line.
    if (width >= idWidth + titleWidth + 24) out.push(`  ${num}  ${padEnd(l.meta.id, idWidth)}  ${padEnd(l.meta.title, titleWidth)}  ${statusWord(status, s)}${detail}`);
    else out.push(wrap(`  ${line}`, width, "       "), `       ${s.dim(l.meta.id)}`);
  }
  if (exercises.length) {
    const passed = exercises.filter((e) => exerciseStatus(progress, e.id) === "done").length;
    out.push("", s.bold(t("list.exercises", { passed, total: exercises.length })));
    const exWidth = Math.max(...exercises.map((e) => displayWidth(e.id)));
    const exTitle = Math.max(...exercises.map((e) => displayWidth(e.title)));
    for (const e of exercises) {
      const status = exerciseStatus(progress, e.id);
      const word = passedBeforeChecksChanged(progress, e.id)
        ? s.yellow(t("list.passedBefore"))
        : status === "done"
          ? s.green(t("list.passed"))
          : status === "in progress"
            ? s.yellow(t("list.tried"))
            : s.dim(t("list.new"));
      if (width >= exWidth + exTitle + 16) out.push(`  ${padEnd(e.id, exWidth)}  ${padEnd(e.title, exTitle)}  ${word}`);
      else out.push(wrap(`  ${e.id}: ${e.title} [${word}]`, width, "    "));
    }
  }
  out.push("", wrap(s.dim(t("list.open", { lesson: tutor("lesson <id or number>"), start: tutor("start") })), width));
  return out.join("\n") + "\n";
}
