import { parseCommandArgs } from "./args.js";
import { loadContext, requireLesson } from "./context.js";
import { commandHelp } from "./registry.js";
import { t } from "../text/catalog.js";
import { tutor } from "../util/invocation.js";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("lesson", argv, {});
  if (values.help) {
    process.stdout.write(
      commandHelp("lesson", t("help.lesson.text"), [t("help.lesson.which", { list: tutor("list") })]),
    );
    return 0;
  }
  const ctx = loadContext();
  const lesson = requireLesson(ctx.lessons, positionals[0], "lesson");
  const { requireInteractiveTerminal } = await import("../ui/terminal.js");
  requireInteractiveTerminal("lesson");
  const { runSingleLesson } = await import("../ui/session.js");
  return runSingleLesson(lesson, ctx);
}
