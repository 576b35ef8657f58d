/**
 * `socket-tutor verify`: its usage errors, starting the learner's program, the lines
 * printed while the checks run, the report at the end, --watch, and the live view's
 * checker pane. Options (--watch, --json, --live, --) and <placeholders> stay as they are.
 * {command} is a command line the learner can run.
 */
export const verify = {
  "verify.usage.fileAndCommand": "give either a file ('{file}') or a command after --, not both",
  "verify.usage.whichProgram": "which program? e.g. '{example}', or a command after --",
  // Follows the usual "too many arguments" error.
  "verify.usage.oneFile": "One file at a time; to pass arguments to your program, use: {command}",
  "verify.usage.watchJson": "--watch and --json do not go together: --json prints one report and exits",
  "verify.usage.watchNeedsFile": "--watch needs a file to watch: {command}",
  "verify.usage.liveNeedsFile": "--live needs your program's file: {command}",
  "verify.usage.liveAlone": "--live does not go with --json or --watch",
  "verify.usage.seed": "--seed takes a whole number from 0 to {max} (the seed a failed run printed), not '{value}'",
  "verify.usage.seedLive": "--seed does not go with --live: replay a seed without --live, where the checks print what they sent",
  "verify.usage.liveLanguages": "--live traces Python (.py) and JavaScript (.js, .mjs, .cjs) programs; check '{file}' without --live",
  "verify.liveNoPython": "--live traces Python programs with python3 3.8 or newer, which was not found. Run the checks without --live.",
  // {module} is src/check/exercises/<id>.ts, the file that is missing.
  "verify.noChecker": "the exercise '{exercise}' has no checker: {module} is missing (see CONTRIBUTING.md)",
  // A checker module that is there but cannot be used: mistakes of a lesson author. {module} is src/check/exercises/<id>.ts.
  "verify.checkerNotBuilt": "{module} is not compiled yet: run 'npm run build'",
  "verify.checkerNoExport": "{module} does not export 'checker' (an ExerciseChecker)",
  "verify.checkerWrongId": "{module} exports a checker for '{id}': its id must be the module's name",

  // How the learner's file is run, and why it cannot be.
  // {more} is empty, or a sentence that follows: verify.launch.noFolder, verify.launch.filesHere, or " Did you mean …?".
  "verify.launch.noFile": "no file '{file}' here ({cwd}).{more}",
  "verify.launch.noFolder": " (the folder {folder} does not exist either)",
  "verify.launch.filesHere": " Files here: {files}.",
  "verify.launch.notAFile": "'{file}' is not a file. Give the program's file, e.g. 'echo.py'.",
  "verify.launch.noPython": "python3 was not found on your PATH, so a .py file cannot run. Install Python 3 (3.8 or newer), or run it with your own interpreter: {command}",
  "verify.launch.noTsx": "cannot find tsx (a dependency of socket-tutor) to run a .ts file; reinstall socket-tutor, or compile to .js and verify that",
  "verify.launch.notExecutable": "'{file}' is not executable, and socket-tutor runs only .py, .js/.mjs/.cjs and .ts files by their extension. Make it executable (chmod +x {file}, with a #! line), or give the command after --: {command}",
  "verify.launch.nothingAfterDashes": "nothing after '--': give the command that runs your program, e.g. '{example}'",
  "verify.launch.notExecutableChmod": "'{command}' is not an executable file (try chmod +x)",
  "verify.launch.noSuchFile": "'{command}' is not an executable file (no such file in {cwd})",
  "verify.launch.notOnPath": "command '{command}' was not found on your PATH",
  // A .c file without a compiler. {install} is one of verify.build.install*.
  "verify.launch.noCompiler": "no C compiler (cc, gcc or clang) was found on your PATH, so {file} cannot be built. {install} Or build it yourself and check the program: {command}",

  // Building a .c file before the checks (cc -std=c11 -Wall -Wextra -O2).
  "verify.build.installMac": "Install Xcode's command line tools: {command}",
  "verify.build.installWith": "Install one with: {command}",
  "verify.build.installAny": "Install a C compiler (gcc or clang), so that cc is on your PATH.",
  // {output} is the compiler's first lines, indented; verify.build.more may follow them.
  "verify.build.failed": "{file} did not compile:\n{output}",
  "verify.build.more": "  … and {n, plural, one {# more line} other {# more lines}}; to see them all, run: {command}",
  "verify.build.timedOut": "building {file} took longer than {seconds} s, so it was stopped",
  "verify.build.warnings": "the compiler warned about {file} (the checks ran anyway):\n{output}",

  // The first line of a run: {heading} is verify.checkingHeading (in bold), {title} the exercise's title.
  "verify.checking": "{heading}: {title}",
  "verify.checkingHeading": "Checking {exercise}",
  // After the live view closes.
  "verify.checkedLive": "{heading} in the live view: {title}",
  "verify.checkedHeading": "Checked {exercise}",
  "verify.liveUnfinished": "The checks did not finish (the view was closed first): nothing was recorded.",

  // While the checks run: "Running python3 echo.py in /home/me/ex" (the word and the folder are dimmed), then the variables.
  // The program the checks start, and the folder it runs in.
  "verify.console.runningIn": "Running {command} in {folder}",
  "verify.console.with": "with {variables}",
  "verify.console.noVariables": "(no variables)",
  // The program started again (a client, once per seed; a chat server, for a second client).
  "verify.console.again": "Running {command} again",
  // In front of each line the learner's program printed.
  "verify.programPrefix": "[your program]",
  // Ctrl-C: {cancelled} is verify.cancelledWord, highlighted.
  "verify.cancelled": "{cancelled}: the checks were stopped before the end; nothing was recorded.",
  "verify.cancelledWord": "Cancelled",

  // The report.
  "verify.passed": "{total, plural, one {Passed: # check.} other {Passed: all # checks.}}",
  "verify.markedPassed": "{exercise} is marked as passed.",
  "verify.notYet": "Not yet: {passed} of {total} checks passed.",
  "verify.report.compare": "Compare with the reference solutions: {command}",
  "verify.report.fixFirst": "Fix the first failure, then run the same command again (add --watch to re-run on every save). Stuck? {command} gives the hint for the first failure.",
  // Under --watch: the checks run again by themselves.
  "verify.report.fixFirstWatching": "Fix the first failure and save: the checks run again. Stuck? {command} gives the hint for the first failure.",
  "verify.report.note": "Note: {note}",
  // {seed} is a number; {command} runs the checks again with exactly the same traffic.
  // The command to run follows on a line of its own.
  "verify.report.replay": "This failure came with the checker's traffic for seed {seed}. To send exactly the same again, run:",
  // {size} is like "4.8 MiB"; the line starts with verify.programPrefix.
  "verify.report.moreOutput": "… {size} more output not shown",
  // A check that did not run: its name, then why in brackets ("not run: an earlier check failed").
  "verify.report.skipped": "{name} ({why})",
  // Replaces an excerpt of the program's stderr that was already printed; {prefix} is verify.programPrefix.
  "verify.report.stderrAbove": "Its stderr is shown above (the {prefix} lines).",
  // In the JSON report, after a failed check's detail.
  "verify.report.hint": "Hint: {hint}.",

  // --watch.
  "verify.watch.watching": "Watching {file}: save it to check again (Ctrl-C to stop).",
  "verify.watch.changed": "{time}: {file} changed, checking again",
  "verify.watch.stopped": "Stopped watching.",

  // verify --live: the two panes' names (the learner's program, the checker) and the checker's pane.
  "verify.live.yourProgram": "your program",
  "verify.live.checker": "checker",
  "verify.live.title": "Checking {exercise}: {file}",
  "verify.live.specTitle": "Checking {exercise}",
  // In place of the checker's source file name.
  "verify.live.whatChecksDo": "what the checks do",
  // Shown as comments above the list of checks in the checker's pane.
  // What to look at in verify --live (the help's first paragraph).
  "verify.live.focus": "The checker's pane (right) says each check as it runs: ✓ passed, ✗ failed with what went wrong. A failed check stays in view; ↑/↓ select the checker's calls and o opens one in full.",
  "verify.live.checkerIntro": "The checker: real sockets, each check with a deadline.",
  "verify.live.checksInOutput": "Its checks are listed in its output as they run.",
  "verify.live.starting": "starting {command} with {variables}",
  "verify.live.checkOf": "check {index} of {total}: {name}",
  "verify.live.notYet": "Not yet: {passed} of {total} checks passed (the details stay on screen when you press q).",
  // The view's title line says ENDED: and then this.
  "verify.live.failed": "{failed} of {total} checks failed",
  "verify.live.couldNotRun": "the checker could not run: {message}",
  "verify.live.tooManyEvents": "Your program reported calls faster than the view shows them: some are left out here (the checks do not use them).",
} as const;
