import { renderLessonText } from "../render/lesson.js";
import { colourEnabled, readingWidth } from "../util/style.js";
import { parseCommandArgs } from "./args.js";
import { loadContext, requireLesson } from "./context.js";
import { commandHelp } from "./registry.js";
import { t } from "../text/catalog.js";
import { tutor } from "../util/invocation.js";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("show", argv, { answers: { type: "boolean" } });
  if (values.help) {
    process.stdout.write(
      commandHelp("show", t("help.show.text"), [t("help.lesson.which", { list: tutor("list") }), t("help.show.answers")]),
    );
    return 0;
  }
  const { lessons } = loadContext();
  const lesson = requireLesson(lessons, positionals[0], "show");
  const text = await renderLessonText(lesson, { width: readingWidth(), colour: colourEnabled(), answers: values.answers === true });
  process.stdout.write(text + "\n");
  return 0;
}
