import { loadExercises } from "../exercises/catalog.js";
import { formatProgress } from "../progress/report.js";
import { progressFile } from "../progress/store.js";
import { colourEnabled, makeStyle } from "../util/style.js";
import { parseCommandArgs } from "./args.js";
import { loadContext } from "./context.js";
import { commandHelp } from "./registry.js";
import { t } from "../text/catalog.js";

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs("progress", argv, {});
  if (values.help) {
    process.stdout.write(commandHelp("progress", t("help.progress.text")));
    return 0;
  }
  const { lessons, progress } = loadContext();
  const { exercises } = loadExercises();
  process.stdout.write(formatProgress(lessons, exercises, progress, progressFile(), makeStyle(colourEnabled())));
  return 0;
}
