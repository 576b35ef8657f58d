/**
 * The exercise, hint and solution commands, and writing the starter files.
 * {command}, {verify}, {hint}… are commands the learner can run, as printed; exercise ids and file names stay as they are.
 */
export const exercise = {
  // Finding the exercise the learner named.
  "exercise.noneFound": "no exercises were found in {dir}",
  "exercise.noneFoundChosen": "no exercises were found in {dir} (SOCKET_TUTOR_LESSONS chose that lessons folder)",
  // {ids} is the exercise ids, joined by ", ".
  "exercise.which": "which exercise? One of: {ids}. '{list}' shows them with your status.",
  // {suggestion} is " Did you mean …?" or nothing.
  "exercise.unknown": "no exercise '{query}'.{suggestion} Exercises: {ids}.",
  // {problems} is one or more "file:line: problem" lines, indented.
  "exercise.cannotUse": "the exercise '{id}' cannot be used:\n{problems}",

  // Writing the starters into ./socket-tutor-exercises/<exercise>/. {names} is file names joined by ", ".
  "exercise.noStarters": "the exercise '{id}' has no starter files ({names} are missing in {dir})",
  "exercise.notAFolder": "cannot write to {folder}: {name} is there already and is not a folder",
  // {why} is one of exercise.why.*.
  "exercise.cannotWrite": "cannot write to {folder}: {why}",
  "exercise.cannotWriteOwnFolder": "cannot write to {folder}: {why}. Run it in a folder of your own (your home folder, for example).",
  // Why a folder cannot be written, completing exercise.cannotWrite.
  "exercise.why.denied": "permission denied",
  "exercise.why.readOnly": "the file system is read-only",
  "exercise.why.diskFull": "the disk is full",
  "exercise.why.quota": "your disk quota is used up",
  "exercise.why.notDir": "a part of that path is a file, not a folder",
  "exercise.why.nameTooLong": "the path is too long",
  "exercise.why.loop": "a symbolic link in that path loops",
  "exercise.why.io": "the disk reported an input/output error",
  // {code} is the system's error code (EBUSY), {message} its own words.
  "exercise.why.other": "{code}: {message}",
  "exercise.why.unknown": "error: {message}",

  // `socket-tutor exercise`. "wrote" and "kept" start lines that end with a file name; they are padded to one width.
  "exercise.wrote": "wrote",
  "exercise.kept": "kept",
  "exercise.keptWhy": "(it already exists; not overwritten)",
  // {what} is one of lessons.code.*; {file} is the learner's file that was not written.
  "exercise.starterMissing": "{what} ({name}) is missing, so {file} was not written",
  // What to do next; the commands to run follow on their own lines.
  // Above the list of starter files written; {folder} is a full path.
  "exercise.where": "The starter files are in {folder}",
  "exercise.next.check": "Next: edit one of them (the TODOs say what goes where), then check it from this folder:",
  "exercise.next.watch": "Add --watch to check again each time you save.",
  "exercise.next.hints": "Hints one at a time: {command}",
  // {command} starts the tutor's menu, where the exercise can be checked and watched without another terminal.
  "exercise.next.inTutor": "Or do it all inside the tutor: {command}, then choose the exercise.",
  "exercise.list.title": "Exercises:",
  "exercise.list.start": "Start one: {command}",

  // Problems in an exercise's hints.md, shown as "hints.md:12: <problem>" to the author of the exercise.
  "exercise.hints.noId": "the hint '{title}' has no id: end its heading with one, like '## {title} \\{#recv-loop\\}'",
  "exercise.hints.badId": "the hint id '{id}' is not kebab-case (lower-case letters, digits and single hyphens, like recv-loop)",
  "exercise.hints.duplicateId": "the hint id '{id}' is used twice (first on line {line})",
  "exercise.hints.beforeFirst": "text before the first hint: every hint starts with a '## Title \\{#id\\}' line",
  "exercise.hints.empty": "the hint '{title}' has no text",
  "exercise.hints.unknownBlock": "unknown block '::: {name}' in a hint (known: python, javascript)",
  "exercise.hints.blockArgs": "'::: {name}' takes nothing after the language",
  "exercise.hints.blockTwice": "this hint has a '::: {language}' block already",
  "exercise.hints.nested": "a '::: block' inside another (opened on line {line}): close that one with ':::' first",
  "exercise.hints.blockNotClosed": "the '::: {language}' block opened here is never closed with ':::'",
  "exercise.hints.strayClose": "':::' closes nothing here",

  // `socket-tutor hint`.
  "exercise.hint.fileLanguage": "hints come in Python and JavaScript: '{file}' is neither (.py, .js, .mjs, .cjs or .ts)",
  "exercise.hint.none": "the exercise '{id}' has no hints (its hints.md is missing or empty)",
  "exercise.hint.title": "Hint {n} of {total}: {title}",
  "exercise.hint.noneSeen": "No hints seen yet for {id}. Get the first: {command}",
  "exercise.hint.wasLast": "That was the last hint. All of them: {seen}. The reference solutions: {solution}",
  "exercise.hint.more": "{left, plural, one {# more hint} other {# more hints}}: run '{command}' again when you need the next.",
  "exercise.hint.last": "That was the last hint.",

  // `socket-tutor solution`.
  "exercise.solution.notPassed": "you have not passed '{id}' yet, so its solutions are not shown without asking. To see them anyway: {command}",
  // A yes/no question; the learner answers y or yes (in English) to see the solutions.
  "exercise.solution.ask": "You have not passed {id} yet. Reading the solution now takes away the puzzle; a hint may be enough ({hint}). Show the solutions? [y/N] ",
  "exercise.solution.notShown": "Not shown. A hint: {command}",
  "exercise.solution.none": "the exercise '{id}' has no reference solutions (this is a bug in socket-tutor)",
  // The heading above each solution file.
  "exercise.solution.headerPython": "── {id}: {file} (Python) ──",
  "exercise.solution.headerJavaScript": "── {id}: {file} (JavaScript) ──",
  "exercise.solution.headerC": "── {id}: {file} (C) ──",
  "exercise.solution.check": "Run one through the checks: {command}",
} as const;
