#!/usr/bin/env node
import { COMMANDS, findCommand } from "./commands/registry.js";
import { UsageError, UserError } from "./util/errors.js";
import { didYouMean } from "./util/suggest.js";
import { packageVersion } from "./paths.js";
import { terminalWidth } from "./util/style.js";
import { wrap, wrapColumns } from "./text/wrap.js";
import { setLanguage, t } from "./text/catalog.js";
import { chooseLanguage, extractLangFlag, LANGUAGES } from "./text/language.js";
import { savedLanguage } from "./progress/store.js";
import { escapeTerminal } from "./text/escape.js";
import { displayWidth, padEnd } from "./text/width.js";
import { tutor } from "./util/invocation.js";
import { listOf } from "./text/list.js";
import { labelled } from "./text/label.js";

function topHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => displayWidth(c.usage)));
  return wrapColumns([
    t("cli.tagline"),
    "",
    t("cli.usage"),
    "",
    t("cli.commands"),
    ...COMMANDS.map((c) => `  ${padEnd(c.usage, width)}  ${c.summary}`),
    "",
    t("cli.options"),
    t("cli.helpOption"),
    t("cli.langOption"),
    t("cli.versionOption"),
    "",
    t("cli.startHere", { command: tutor("start") }),
  ].join("\n"), terminalWidth());
}

// `socket-tutor list | head` closes the pipe early; that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
}

/** Messages wrap at word boundaries on a terminal, however narrow. */
function fit(message: string): string {
  return process.stderr.isTTY ? wrap(message, terminalWidth(process.stderr)) : message;
}

/**
 * `--lang` (any command), SOCKET_TUTOR_LANG, the menu's saved choice, the locale:
 * text/language.ts says the order. Chosen before anything is printed.
 */
function chooseUiLanguage(argv: string[]): string[] {
  const { argv: rest, lang, missingValue } = extractLangFlag(argv);
  if (missingValue) throw new UsageError(t("cli.langNeedsValue", { languages: listOf(LANGUAGES) }));
  const choice = chooseLanguage({ ...(lang !== undefined ? { flag: lang } : {}), saved: savedLanguage() });
  if (!choice.ok) {
    if (choice.from === "flag") throw new UsageError(t("cli.unknownLanguage", { value: escapeTerminal(choice.value), languages: listOf(LANGUAGES) }));
    process.stderr.write(`${labelled(t("common.note"), t("cli.unknownLanguageEnv", { value: escapeTerminal(choice.value), languages: listOf(LANGUAGES) }))}\n`);
    const other = chooseLanguage({ env: { ...process.env, SOCKET_TUTOR_LANG: undefined }, saved: savedLanguage() });
    if (other.ok) setLanguage(other.language);
    return rest;
  }
  setLanguage(choice.language);
  // The tutor's own child processes (a verify the menu starts, a test harness) speak the same language.
  if (choice.from === "flag") process.env.SOCKET_TUTOR_LANG = choice.language;
  return rest;
}

async function main(all: string[]): Promise<number> {
  const argv = chooseUiLanguage(all);
  const [first, ...rest] = argv;
  if (first === undefined) {
    process.stdout.write(topHelp() + "\n");
    return 0;
  }
  if (first === "--version" || first === "-v" || first === "version") {
    process.stdout.write(packageVersion() + "\n");
    return 0;
  }
  if (first === "--help" || first === "-h" || first === "help") {
    const sub = rest[0] ? findCommand(rest[0]) : undefined;
    if (sub) return (await sub.load()).run(["--help"]);
    if (rest[0]) throw new UsageError(t("cli.unknownCommand", { name: escapeTerminal(rest[0]), suggestion: didYouMean(rest[0], COMMANDS.map((c) => c.name)) }));
    process.stdout.write(topHelp() + "\n");
    return 0;
  }
  if (first.startsWith("-")) throw new UsageError(t("cli.unknownOption", { name: escapeTerminal(first) }));
  const command = findCommand(first);
  if (!command) throw new UsageError(t("cli.unknownCommand", { name: escapeTerminal(first), suggestion: didYouMean(first, COMMANDS.map((c) => c.name)) }));
  return (await command.load()).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(fit(`socket-tutor: ${escapeTerminal(err.message, { keepNewlines: true })}`) + "\n");
      process.stderr.write(t("cli.seeHelp", { command: tutor(err.command ? `${err.command} --help` : "--help") }) + "\n");
      process.exitCode = 2;
      return;
    }
    if (err instanceof UserError) {
      process.stderr.write(fit(`socket-tutor: ${escapeTerminal(err.message, { keepNewlines: true })}`) + "\n");
      process.exitCode = err.exitCode;
      return;
    }
    const e = err instanceof Error ? err : new Error(String(err));
    process.stderr.write(t("cli.unexpected", { message: escapeTerminal(e.message) }) + "\n");
    if (process.env.SOCKET_TUTOR_DEBUG) process.stderr.write(`${e.stack ?? ""}\n`);
    else process.stderr.write(t("cli.bug") + "\n");
    process.exitCode = 1;
  },
);
