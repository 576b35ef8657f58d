import { parseCommandArgs } from "./args.js";
import { loadContext } from "./context.js";
import { commandHelp } from "./registry.js";
import { t } from "../text/catalog.js";
import { tutor } from "../util/invocation.js";

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs("start", argv, {});
  if (values.help) {
    process.stdout.write(
      commandHelp("start", t("help.start.text"), [t("help.start.needsTerminal", { list: tutor("list"), show: tutor("show <lesson>") })]),
    );
    return 0;
  }
  const { requireInteractiveTerminal } = await import("../ui/terminal.js");
  requireInteractiveTerminal("start");
  const ctx = loadContext();
  const { runMenu } = await import("../ui/session.js");
  return runMenu(ctx);
}
