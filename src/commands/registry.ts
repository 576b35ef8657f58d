/**
 * Every command: its name, its syntax, how many arguments it takes, and what the
 * command list says of it. The one place a command's usage is written: `--help`,
 * the command list and the usage errors all read it from here. Each module is
 * imported only when its command runs, so `--version`, `--help` and `list` stay light.
 */
import { t } from "../text/catalog.js";
import { wrap, wrapColumns } from "../text/wrap.js";
import { displayWidth } from "../text/width.js";
import { terminalWidth } from "../util/style.js";

export interface CommandModule {
  run(argv: string[]): Promise<number>;
}

export interface CommandInfo {
  name: string;
  /** The short form, for the command list: "hint <exercise>". */
  usage: string;
  /** The full syntax, one line per form, for --help and usage errors: "hint <exercise> [--seen]". */
  syntax: readonly string[];
  /** How many plain arguments (not options) it takes at most. */
  maxArgs: number;
  /** One line for the command list, in the learner's language. */
  readonly summary: string;
  load: () => Promise<CommandModule>;
}

/** A command whose summary is read from the catalog when shown (after the language is chosen). */
function command(name: string, usage: string, syntax: readonly string[], maxArgs: number, summary: () => string, load: () => Promise<CommandModule>): CommandInfo {
  return {
    name,
    usage,
    syntax,
    maxArgs,
    get summary() {
      return summary();
    },
    load,
  };
}

export const COMMANDS: readonly CommandInfo[] = [
  command("start", "start", ["start"], 0, () => t("help.start.summary"), () => import("./start.js")),
  command("list", "list", ["list"], 0, () => t("help.list.summary"), () => import("./list.js")),
  command("show", "show <lesson>", ["show <lesson> [--answers]"], 1, () => t("help.show.summary"), () => import("./show.js")),
  command("lesson", "lesson <lesson>", ["lesson <lesson>"], 1, () => t("help.lesson.summary"), () => import("./lesson.js")),
  command("demo", "demo <lesson> [<demo>]", ["demo <lesson> [<demo>] [--plain] [--runtime python|node] [--step] [--slow] [--syscalls] [--packets] [--port N]"], 2, () => t("help.demo.summary"), () => import("./demo.js")),
  command(
    "trace",
    "trace <file>",
    ["trace <file> [--plain] [--packets] [--step] [--port N] [-- args...]", "trace [--plain] [--packets] [--step] [--port N] -- <command> [args...]"],
    1,
    () => t("help.trace.summary"),
    () => import("./trace.js"),
  ),
  command("progress", "progress", ["progress"], 0, () => t("help.progress.summary"), () => import("./progress.js")),
  command("reset", "reset [<lesson>]", ["reset [<lesson>] [--yes]"], 1, () => t("help.reset.summary"), () => import("./reset.js")),
  command("exercise", "exercise [<exercise>]", ["exercise [<exercise>]"], 1, () => t("help.exercise.summary"), () => import("./exercise.js")),
  command(
    "verify",
    "verify <exercise> <file>",
    ["verify <exercise> <file> [--watch] [--json] [--live] [--seed N]", "verify <exercise> [--json] [--seed N] -- <command> [args...]"],
    2,
    () => t("help.verify.summary"),
    () => import("./verify.js"),
  ),
  command("hint", "hint <exercise>", ["hint <exercise> [<file>] [--seen]"], 2, () => t("help.hint.summary"), () => import("./hint.js")),
  command("solution", "solution <exercise>", ["solution <exercise> [--yes]"], 1, () => t("help.solution.summary"), () => import("./solution.js")),
  command("glossary", "glossary [<word>]", ["glossary [<word>]"], 4, () => t("help.glossary.summary"), () => import("./glossary.js")),
  command("search", "search <words>", ["search <words...>"], 8, () => t("help.search.summary"), () => import("./search.js")),
  command("doctor", "doctor", ["doctor"], 0, () => t("help.doctor.summary"), () => import("./doctor.js")),
];

export function findCommand(name: string): CommandInfo | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** A command's --help: its syntax from the registry, then what it does and the details. */
export function commandHelp(name: string, text: string, details: readonly string[] = []): string {
  const syntax = findCommand(name)?.syntax ?? [name];
  const width = terminalWidth();
  // A usage line too long for the terminal continues under the command, after "Usage: socket-tutor ".
  const hang = " ".repeat(displayWidth(t("cli.usageLine", { usage: "" })));
  const usage = syntax.map((s, i) => wrap(i === 0 ? t("cli.usageLine", { usage: s }) : t("cli.usageMore", { usage: s }), width, hang));
  return [...usage, "", wrapColumns([text, ...(details.length ? ["", ...details] : [])].join("\n"), width)].join("\n") + "\n";
}
