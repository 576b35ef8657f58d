/**
 * Problems in the lesson tree (lesson.md, code files, demo.json and its programs,
 * an exercise's task.md), for lesson authors. Each is printed after "file:line: ",
 * so a message starts in lower case. Quoted names ('tcp-echo', 'x.py', '::: quiz',
 * front matter keys, JSON field names and values in double quotes) stay as they are.
 */
export const lessons = {
  // Why a file cannot be used. Each completes a sentence that starts with the file's name: "'x.py' is a folder, not a file".
  "lessons.reason.missing": "does not exist",
  "lessons.reason.loop": "is a symbolic link that loops",
  "lessons.reason.denied": "cannot be read: permission denied",
  "lessons.reason.folder": "is a folder, not a file",
  "lessons.reason.notDir": "cannot be reached: a part of its path is a file, not a folder",
  "lessons.reason.nameTooLong": "has a name that is too long",
  "lessons.reason.tooManyOpen": "cannot be opened: too many files are open",
  "lessons.reason.io": "cannot be read: the disk reported an input/output error",
  // {error} is the system's error code or message.
  "lessons.reason.other": "cannot be read ({error})",
  "lessons.reason.dangling": "is a symbolic link to something that does not exist",
  // {reason} is one of the lessons.reason texts, about the folder.
  "lessons.reason.folderUnchecked": "cannot be checked: its folder {reason}",
  // {root} is one of the lessons.root texts.
  "lessons.reason.outside": "is a link to {target}, outside {root}",
  "lessons.reason.notRegular": "is not a regular file (a pipe, a device or a socket)",
  // {kind} is one of the lessons.kind texts; {size} and {max} are sizes ("2.3 MiB").
  "lessons.reason.tooBig": "is too big ({size}; {kind} may be at most {max})",
  "lessons.reason.grewTooBig": "is too big ({kind} may be at most {max})",
  // {where} is lessons.where.thisLine, or lessons.where.line when the file:line in front names another file.
  "lessons.reason.notUtf8": "is not UTF-8 text: {where} holds a byte that is not UTF-8 (save the file as UTF-8)",
  "lessons.reason.control": "is not a text file: {where} holds the control character U+{code}",
  "lessons.where.thisLine": "this line",
  "lessons.where.line": "line {line}",
  // The folder a file must stay inside, in lessons.reason.outside.
  "lessons.root.lesson": "the lesson folder",
  "lessons.root.exercise": "the exercise folder",
  "lessons.root.demo": "the demo folder",
  "lessons.root.lessons": "the lessons folder",
  // What a file is, in lessons.reason.tooBig: "a lesson file may be at most 1 MiB".
  "lessons.kind.lesson": "a lesson file",
  "lessons.kind.code": "a code file",
  "lessons.kind.task": "a task.md",
  "lessons.kind.demoProgram": "a demo program",
  "lessons.kind.demoJson": "a demo.json",
  "lessons.kind.exerciseFile": "an exercise's {name}",
  "lessons.kind.any": "such a file",
  "lessons.kind.glossary": "the glossary",
  // A file and why it cannot be used: "lesson.md is not UTF-8 text: …"; {reason} is a lessons.reason text.
  "lessons.file.reason": "{file} {reason}",
  "lessons.file.quotedReason": "'{file}' {reason}",

  // The lessons folder and its lesson folders.
  "lessons.load.cannotReadFolder": "cannot read the lessons folder: {reason}",
  // Why the lessons folder cannot be listed, in lessons.load.cannotReadFolder.
  "lessons.folder.missing": "it does not exist",
  "lessons.folder.notFolder": "it is a file, not a folder",
  "lessons.folder.denied": "permission denied",
  // {reason} is a lessons.reason text.
  "lessons.folder.other": "it {reason}",
  "lessons.load.danglingFolder": "this lesson folder is a symbolic link to something that does not exist",
  "lessons.load.noLessonMd": "this lesson folder has no lesson.md",
  "lessons.load.moreProblems": "{n, plural, one {# more problem} other {# more problems}} in this file (fix the ones above first)",
  "lessons.load.duplicateId": "id '{id}' is already used by {file}",

  // lesson.md: front matter ({keys} is the list of keys, joined by ", ").
  "lessons.parse.noSteps": "the lesson has no steps: start each step with a '## Title' line",
  "lessons.parse.idNotKebab": "id '{id}' must be kebab-case: lower-case letters, digits and single dashes",
  "lessons.parse.orderNotNumber": "order must be a whole number, got '{value}'",
  "lessons.parse.noFrontMatter": "missing front matter: the file must start with a '---' line, then {keys}",
  "lessons.parse.frontNotClosed": "the front matter opened here is never closed with '---': add a '---' line after its last 'key: value' line",
  "lessons.parse.frontNotClosedBefore": "the front matter opened here is not closed before line {line} ('{text}'): add a '---' line after its last 'key: value' line",
  "lessons.parse.notKeyValue": "front matter lines are 'key: value', got '{text}'",
  "lessons.parse.keyTwice": "'{key}' is given twice in the front matter",
  "lessons.parse.keyNeeded": "front matter needs '{key}'",
  "lessons.parse.unknownKey": "unknown front matter key '{key}' (known: {keys})",
  // lesson.md: steps and directives.
  "lessons.parse.nested": "directives cannot be nested: close '::: {name}' (line {line}) with ':::' first",
  "lessons.parse.headingInDirective": "a step heading inside '::: {name}' (line {line}): is its closing ':::' missing?",
  "lessons.parse.textBeforeStep": "text before the first step: start the lesson body with a '## Title' line",
  "lessons.parse.headingNoTitle": "a step heading needs a title",
  "lessons.parse.directiveBeforeStep": "a directive before the first step: start the lesson body with a '## Title' line",
  "lessons.parse.strayClose": "a closing ':::' without an opening directive",
  "lessons.parse.fenceNotClosed": "a code block (```) is not closed",
  "lessons.parse.directiveNotClosed": "'::: {name}' is not closed: add a ':::' line after its content",
  "lessons.parse.emptyStep": "step '{title}' is empty",
  // Problems in lessons/glossary.md: "glossary.md:12: <problem>".
  "lessons.glossary.noTerm": "a glossary heading needs its term: '## TIME_WAIT'",
  "lessons.glossary.beforeFirst": "text before the first term: every entry starts with a '## term' line",
  "lessons.glossary.unknownKey": "unknown key '{key}:' in a glossary entry (known: {keys})",
  "lessons.glossary.noText": "the term '{term}' has no definition",
  "lessons.glossary.twice": "'{term}' is in the glossary twice (first on line {line})",
  "lessons.glossary.noLesson": "the term '{term}' names the lesson '{lesson}', which does not exist",
  // A `{{name}}` placeholder in lesson text that the tutor does not replace. {tokens} lists the known ones.
  "lessons.parse.unknownToken": "unknown placeholder '\\{\\{{name}\\}\\}' (known: {tokens})",
  "lessons.parse.unknownDirective": "unknown directive '::: {name}' (known: {names})",
  "lessons.parse.quizArgs": "'::: quiz' takes no arguments",
  "lessons.parse.demoArgs": "'::: demo' takes one demo id (kebab-case), e.g. '::: demo tcp-step-by-step'",
  "lessons.parse.exerciseArgs": "'::: exercise' takes one exercise id (kebab-case), e.g. '::: exercise tcp-echo'",
  "lessons.parse.codeArgs": "'::: code' needs at least one file path, relative to the lesson folder",
  "lessons.parse.codeOutside": "'{file}': code files must be inside the lesson folder",
  "lessons.parse.codeMissing": "'{file}' does not exist beside the lesson",
  // Quizzes.
  "lessons.parse.quizLine": "after the first choice, each line is either a choice ('- [ ] ...' or '- [x] ...') or an indented explanation",
  "lessons.parse.quizNoQuestion": "the quiz has no question: write it before the choices",
  "lessons.parse.quizFewChoices": "a quiz needs at least two choices, written '- [ ] wrong' and '- [x] right'",
  "lessons.parse.quizCorrect": "a quiz needs exactly one correct choice marked '[x]', found {n}",
  "lessons.parse.quizNoExplanationRight": "choice '{choice}' has no explanation: add an indented line under it saying why it is right",
  "lessons.parse.quizNoExplanationWrong": "choice '{choice}' has no explanation: add an indented line under it saying why it is wrong",

  // A lesson's ::: demo and ::: exercise that name something broken or missing. {suggestion} is " Did you mean …?" or nothing.
  "lessons.ref.brokenDemo": "the demo '{demo}' has problems (its demo.json, listed above), so this lesson is skipped",
  "lessons.ref.noDemo": "no demo '{demo}' (a demos/<id>/demo.json under some lesson).{suggestion}",
  "lessons.ref.brokenExercise": "the exercise '{exercise}' has problems (its task.md, listed above), so this lesson is skipped",
  "lessons.ref.noExercise": "no exercise '{exercise}' (a folder under lessons/exercises/).{suggestion}",

  // An exercise folder (lessons/exercises/<id>/).
  "lessons.exercise.noTask": "this exercise folder has no task.md",
  "lessons.exercise.idNotFolder": "id '{id}' must match the folder name '{folder}'",
  // {what} is one of lessons.code.*.
  "lessons.exercise.codeMissing": "{what} ({name}) is missing",
  // Exercises are found by convention: a folder lessons/exercises/<id>/ and a module src/check/exercises/<id>.ts. {module} is that path.
  "lessons.exercise.noChecker": "this exercise has no checker: add {module}, exporting 'checker' (see CONTRIBUTING.md)",
  // {folder} is lessons/exercises/<id>/.
  "lessons.exercise.checkerWithoutFolder": "this checker has no exercise folder {folder}: add the folder, or move a helper shared by checkers to src/check/common/",
  "lessons.code.pythonStarter": "the Python starter",
  "lessons.code.javascriptStarter": "the JavaScript starter",
  "lessons.code.pythonSolution": "the Python solution",
  "lessons.code.javascriptSolution": "the JavaScript solution",
  "lessons.code.cStarter": "the C starter",
  "lessons.code.cSolution": "the C solution",

  // demo.json. Each follows "file: field: ", e.g. "demo.json: processes[0].side: must be one of …".
  "lessons.demo.noDemoJson": "this demo folder has no demo.json",
  "lessons.demo.notJson": "is not valid JSON: {error}",
  "lessons.demo.idUsed": "'{id}' is already used by {file}",
  "lessons.demo.notObjectList": "must hold one JSON object \\{ ... \\}, not a list",
  "lessons.demo.notObjectNull": "must hold one JSON object \\{ ... \\}, not null",
  // {type} is a JavaScript type name (string, number, boolean).
  "lessons.demo.notObjectType": "must hold one JSON object \\{ ... \\}, not a {type}",
  // {fields} is the list of known field names, joined by ", ".
  "lessons.demo.unknownField": "unknown field (known: {fields})",
  "lessons.demo.stringRequired": "is required (a string)",
  "lessons.demo.nonEmptyString": "must be a non-empty string",
  "lessons.demo.boolean": "must be true or false",
  "lessons.demo.milliseconds": "must be a number of milliseconds from {min} to {max}",
  // {values} is the allowed values, each in double quotes, joined by ", ".
  "lessons.demo.oneOf": "must be one of {values}",
  "lessons.demo.idNotKebab": "'{id}' must be kebab-case (lower-case letters, digits and dashes)",
  "lessons.demo.idNotFolder": "'{id}' must match its folder name '{folder}'",
  "lessons.demo.port": "must be a whole number from 1 to 65535",
  "lessons.demo.privateAndShared": "cannot be set with noPrivateNetwork: a demo runs either only in a private network or only outside one",
  "lessons.demo.privateAndUnprivileged": "cannot be set with an unprivileged process: such a process never runs in a private network",
  "lessons.demo.ports": "must be a whole number of ports from {min} to {max}",
  "lessons.demo.notesObject": "must be an object like \\{ \"node\": \"...\" \\}",
  "lessons.demo.notesRuntime": "unknown runtime (use \"python\" or \"node\")",
  "lessons.demo.processes": "must be a non-empty list of processes",
  "lessons.demo.object": "must be an object",
  "lessons.demo.nameUsed": "'{name}' is used by another process of this demo",
  "lessons.demo.sideRequired": "is required (\"left\" for servers, \"right\" for clients)",
  "lessons.demo.programOutside": "'{program}' must be a file beside demo.json or in another demo of this lesson",
  "lessons.demo.programMissing": "'{program}' does not exist in {dir}",
  "lessons.demo.notPython": "'{program}' should be a .py file",
  "lessons.demo.notNode": "'{program}' should be a .mjs, .cjs or .js file",
  "lessons.demo.stringList": "must be a list of strings",
  "lessons.demo.nul": "must not hold a NUL character",
  "lessons.demo.envObject": "must be an object of strings",
  "lessons.demo.string": "must be a string",
  "lessons.demo.envReserved": "is set by the tutor (it picks the port and path)",
  // {names} is the list of allowed variable names, joined by ", ". Keep the variable names as they are.
  "lessons.demo.envNotAllowed": "is not allowed: a demo may set only {names} (a variable such as LD_PRELOAD, PYTHONPATH or NODE_OPTIONS would change how the program is loaded, and the program shown would not be the one that runs)",
  "lessons.demo.inputList": "must be a list like [\\{ \"text\": \"hello\" \\}]",
  "lessons.demo.inputObject": "must be an object like \\{ \"text\": \"hello\" \\}",
  "lessons.demo.textRequired": "is required (a string, without the newline)",
  "lessons.demo.oneLine": "must be one line (the tutor adds the newline)",
  "lessons.demo.afterObject": "must be an object like \\{ \"process\": \"server\", \"call\": \"listen\" \\}",
  "lessons.demo.afterProcess": "is required: the name of another process of this demo",
  // {names} is the demo's process names, joined by ", ".
  "lessons.demo.notAProcess": "'{process}' is not a process of this demo ({names})",
  "lessons.demo.waitsForItself": "a process cannot wait for itself to start",
  "lessons.demo.afterCall": "is required: a call name such as \"listen\"",
  // demo.json "focus": what the lesson points at in the live view.
  "lessons.demo.focusList": "must be a list of objects",
  "lessons.demo.focusHold": "must be an object like \\{ \"server\": \"accept\" \\}: the process, and the call it is left paused before",
  "lessons.demo.focusRowEmpty": "must name a state, a proto or an owner",
  "lessons.demo.focusTableRows": "must be a whole number of rows from 1 to 40",
  "lessons.demo.focusReach": "must be \"end\", \"run\" or an object like \\{ \"hold\": [\"server\"] \\}",
  "lessons.demo.phase": "must be \"start\" or \"end\"",
  // demo.json "outcome": what the lesson says happens, checked at the end of a run.
  "lessons.demo.outcomeExpect": "must be a list of at least one object like \\{ \"process\": \"client\", \"output\": \"reply\" \\}",
  "lessons.demo.outcomeOneOf": "must name exactly one of output, notOutput, call and oneAtATime",
  "lessons.demo.outcomeCallOnly": "goes with call only",
  "lessons.demo.outcomeCount": "must be a whole number from 1 to 1000",
  "lessons.demo.outcomeBefore": "must be an object like \\{ \"process\": \"server\", \"call\": \"accept\" \\}",
  // {timers} is the known kernel timers, joined by ", ".
  "lessons.demo.outcomeTimer": "must be one of {timers}",
  // {chain} is process names joined by " -> ".
  "lessons.demo.cycle": "the 'after' conditions form a cycle ({chain}): no process would start",
  // Translations (lesson.zh-CN.md, task.zh-CN.md, hints.zh-CN.md, demo.zh-CN.json), for the translator. {english} is the English file's name.
  "lessons.translation.stale": "out of date: {english} changed since this translation was made (its 'source:' is not the English file's hash); the tutor still shows it, marked",
  "lessons.translation.stepCount": "this translation has {translated, plural, one {# step} other {# steps}}, the English has {english}: a translation keeps every step, in the same order (the English is shown instead)",
  // {english} and {translated} list the step's directives ("demo first-socket; quiz: 3 choices, right answer 1").
  "lessons.translation.directives": "step {step} ('{title}') has other directives than the English: English {english}, here {translated} (the English is shown instead)",
  // A quiz as the comparison names it: how many choices, and the number of the right one.
  "lessons.translation.quizSignature": "quiz ({choices} choices, right answer {right})",
  // {english} and {translated} list the glossary's terms, each with its lessons.
  "lessons.translation.glossaryTerms": "the terms here are not the English ones in the English order (each with the same lessons): English {english}; here {translated} (the English glossary is used instead)",
  "lessons.translation.hintIds": "the hints here are {translated}, the English has {english}: a translation keeps every hint id, in the same order (the English hints are given instead)",
  "lessons.translation.demoField": "\"{field}\" is not a text field of demo.json: a translation holds only \"source\" and the texts (title, summary, notes, focus.what, outcome.what, noPrivateNetwork) the English has",
  "lessons.translation.noSource": "a translation starts with 'source: <hash>', the git hash of the English file it translates ('git hash-object {english}')",
  "lessons.translation.notJson": "is not valid JSON ({error})",
  // Shown in a lesson's header when its translation is older than the English.
  "lessons.translation.staleMark": "translation out of date",
} as const;
