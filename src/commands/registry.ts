/**
 * Every command, with what `--help` says about it. Each module is imported only
 * when its command runs, so `--version`, `--help` and `list` stay light.
 */
import { t } from "../text/catalog.js";

export interface CommandModule {
  run(argv: string[]): Promise<number>;
}

export interface CommandInfo {
  name: string;
  usage: string;
  /** One line for the command list, in the learner's language. */
  readonly summary: string;
  load: () => Promise<CommandModule>;
}

/** A command whose summary is read from the catalog when shown (after the language is chosen). */
function command(name: string, usage: string, summary: () => string, load: () => Promise<CommandModule>): CommandInfo {
  return {
    name,
    usage,
    get summary() {
      return summary();
    },
    load,
  };
}

export const COMMANDS: readonly CommandInfo[] = [
  command("start", "start", () => t("help.start.summary"), () => import("./start.js")),
  command("list", "list", () => t("help.list.summary"), () => import("./list.js")),
  command("show", "show <lesson>", () => t("help.show.summary"), () => import("./show.js")),
  command("lesson", "lesson <lesson>", () => t("help.lesson.summary"), () => import("./lesson.js")),
  command("demo", "demo <lesson> [<demo>]", () => t("help.demo.summary"), () => import("./demo.js")),
  command("progress", "progress", () => t("help.progress.summary"), () => import("./progress.js")),
  command("reset", "reset [<lesson>]", () => t("help.reset.summary"), () => import("./reset.js")),
  command("exercise", "exercise [<exercise>]", () => t("help.exercise.summary"), () => import("./exercise.js")),
  command("verify", "verify <exercise> <file>", () => t("help.verify.summary"), () => import("./verify.js")),
  command("hint", "hint <exercise>", () => t("help.hint.summary"), () => import("./hint.js")),
  command("solution", "solution <exercise>", () => t("help.solution.summary"), () => import("./solution.js")),
  command("doctor", "doctor", () => t("help.doctor.summary"), () => import("./doctor.js")),
];

export function findCommand(name: string): CommandInfo | undefined {
  return COMMANDS.find((c) => c.name === name);
}
