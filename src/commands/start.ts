import { parseCommandArgs } from "./args.js";
import { helpText, loadContext } from "./context.js";
import { t } from "../text/catalog.js";
import { tutor } from "../util/invocation.js";

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs("start", argv, {}, false);
  if (values.help) {
    process.stdout.write(
      helpText("start", t("help.start.text"), [t("help.start.needsTerminal", { list: tutor("list"), show: tutor("show <lesson>") })]),
    );
    return 0;
  }
  const { requireInteractiveTerminal } = await import("../ui/terminal.js");
  requireInteractiveTerminal("start");
  const ctx = loadContext();
  const { runMenu } = await import("../ui/session.js");
  return runMenu(ctx);
}
