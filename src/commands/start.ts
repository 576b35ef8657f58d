import { parseCommandArgs } from "./args.js";
import { helpText, loadContext } from "./context.js";

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs("start", argv, {}, false);
  if (values.help) {
    process.stdout.write(
      helpText("start", "Open the lesson menu. Choose a lesson with the arrow keys and Enter; your place in each lesson is saved.", [
        "Needs an interactive terminal. Without one: 'socket-tutor list' and 'socket-tutor show <lesson>'.",
      ]),
    );
    return 0;
  }
  const { requireInteractiveTerminal } = await import("../ui/terminal.js");
  requireInteractiveTerminal("start");
  const ctx = loadContext();
  const { runMenu } = await import("../ui/session.js");
  return runMenu(ctx);
}
