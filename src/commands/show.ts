import { renderLessonText } from "../render/lesson.js";
import { colourEnabled, readingWidth } from "../util/style.js";
import { parseCommandArgs } from "./args.js";
import { helpText, loadContext, requireLesson } from "./context.js";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("show", argv, { answers: { type: "boolean" } });
  if (values.help) {
    process.stdout.write(
      helpText("show <lesson> [--answers]", "Print a lesson's text without prompts: for pipes, screen readers and reading ahead.", [
        "<lesson> is a lesson id, folder name or number (see 'socket-tutor list').",
        "--answers  also print each quiz's correct answer and the explanations.",
      ]),
    );
    return 0;
  }
  const { lessons } = loadContext();
  const lesson = requireLesson(lessons, positionals[0], "show");
  if (positionals.length > 1) process.stderr.write(`socket-tutor: showing only '${positionals[0]}'; extra arguments ignored: ${positionals.slice(1).join(" ")}\n`);
  const text = await renderLessonText(lesson, { width: readingWidth(), colour: colourEnabled(), answers: values.answers === true });
  process.stdout.write(text + "\n");
  return 0;
}
