import { findLesson } from "../lessons/load.js";
import type { Lesson } from "../lessons/types.js";
import { didYouMean } from "../util/suggest.js";
import { UsageError } from "../util/errors.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { tutor } from "../util/invocation.js";

export { loadContext, type Context } from "../course/context.js";

export function requireLesson(lessons: readonly Lesson[], query: string | undefined, command: string): Lesson {
  if (!query) throw new UsageError(t("cli.whichLesson", { example: tutor(`${command} ${lessons[0]?.meta.id ?? "1"}`), list: tutor("list") }), command);
  const lesson = findLesson(lessons, query);
  if (!lesson) throw new UsageError(t("cli.noLesson", { query: escapeTerminal(query), suggestion: didYouMean(query, lessons.map((l) => l.meta.id)), list: tutor("list") }), command);
  return lesson;
}
