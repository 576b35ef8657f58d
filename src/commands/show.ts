import { renderLessonText } from "../render/lesson.js";
import { colourEnabled, readingWidth } from "../util/style.js";
import { parseCommandArgs } from "./args.js";
import { helpText, loadContext, requireLesson } from "./context.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { tutor } from "../util/invocation.js";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("show", argv, { answers: { type: "boolean" } });
  if (values.help) {
    process.stdout.write(
      helpText("show <lesson> [--answers]", t("help.show.text"), [t("help.lesson.which", { list: tutor("list") }), t("help.show.answers")]),
    );
    return 0;
  }
  const { lessons } = loadContext();
  const lesson = requireLesson(lessons, positionals[0], "show");
  if (positionals.length > 1) {
    const extra = positionals.slice(1).map((a) => escapeTerminal(a)).join(" ");
    process.stderr.write(`socket-tutor: ${t("render.onlyFirst", { lesson: escapeTerminal(positionals[0]!), extra })}\n`);
  }
  const text = await renderLessonText(lesson, { width: readingWidth(), colour: colourEnabled(), answers: values.answers === true });
  process.stdout.write(text + "\n");
  return 0;
}
