/** The command line: top-level help, usage errors, and what every command shares. */
export const cli = {
  "cli.tagline": "socket-tutor: learn socket programming by watching real sockets work.",
  "cli.usage": "Usage: socket-tutor <command> [options]",
  "cli.commands": "Commands:",
  "cli.options": "Options:",
  "cli.langOption": "  --lang <code>  The language: en or zh-CN (also SOCKET_TUTOR_LANG)",
  "cli.helpOption": "  -h, --help     Show help (also: socket-tutor <command> --help)",
  "cli.versionOption": "  -v, --version  Show the version",
  "cli.startHere": "Start here: {command}",
  "cli.usageLine": "Usage: socket-tutor {usage}",
  // A second form of the same command, aligned under the first.
  "cli.usageMore": "       socket-tutor {usage}",
  // Arguments a command does not take; {extra} is the quoted arguments.
  "cli.noArgs": "'{command}' takes no arguments: {extra}",
  "cli.tooManyArgs": "too many arguments: {extra} (usage: socket-tutor {usage})",
  "cli.unknownCommand": "unknown command '{name}'.{suggestion}",
  "cli.unknownOption": "unknown option '{name}'. Options come after the command, e.g. 'socket-tutor list --help'.",
  "cli.seeHelp": "Run '{command}' for usage.",
  "cli.unexpected": "socket-tutor: unexpected error: {message}",
  "cli.bug": "This is a bug in socket-tutor. Run again with SOCKET_TUTOR_DEBUG=1 for details.",
  // " Did you mean 'a' or 'b'?" follows a sentence; {names} is the quoted names joined by "or" (Intl.ListFormat: "'a' or 'b'", "'a', 'b', or 'c'").
  "cli.didYouMean": " Did you mean {names}?",
  // Loading lessons and progress.
  "cli.problems": "{files, plural, one {a lesson, demo or exercise file has problems (what is broken is skipped):} other {# lesson, demo or exercise files have problems (what is broken is skipped):}}",
  "cli.whichLesson": "which lesson? Give its id or number, e.g. '{example}'. '{list}' shows them all.",
  "cli.noLesson": "no lesson '{query}'.{suggestion} '{list}' shows them all.",
  // The language options; {languages} is the list of codes, "en, zh-CN".
  "cli.langNeedsValue": "--lang needs a language: {languages}",
  "cli.unknownLanguage": "socket-tutor has no language '{value}'. Languages: {languages}.",
  "cli.unknownLanguageEnv": "SOCKET_TUTOR_LANG is '{value}', a language socket-tutor does not have ({languages}); using the other settings.",
} as const;
