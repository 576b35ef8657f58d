/** The lesson menu and the interactive session around it. */
export const menu = {
  "menu.title": "socket-tutor",
  "menu.tagline": "learn sockets by watching real ones work",
  // {bar} is render.courseBar: one mark a lesson, then "done/total".
  "menu.status": "{bar} lessons done · ↑↓ to move, Enter to open · Ctrl-C quits",
  "menu.problems": "{files, plural, one {# lesson file has problems and is not listed} other {# lesson files have problems and are not listed}}: run '{tutor} list' to see them.",
  "menu.prompt": "Choose a lesson",
  "menu.noLessons": "socket-tutor: no lessons could be loaded (see the messages above).",
  // {why} says why progress was not saved this run (a sentence of its own).
  "menu.goodbyeUnsaved": "Bye. {why}",
  "menu.goodbye": "Bye. Your place in each lesson is saved; '{tutor} start' picks up where you left off.",
  // A chapter heading in the menu.
  "menu.chapter": "── {chapter} ──",
  "menu.exercisesChapter": "── Exercises ──",
  "menu.rule": "──────",
  "menu.lesson.done": "done",
  "menu.lesson.inProgress": "in progress, step {step} of {steps}",
  "menu.lesson.new": "new",
  "menu.exercise.passed": "passed",
  "menu.exercise.passedBefore": "passed before the checks changed: run verify again",
  "menu.exercise.tried": "tried",
  "menu.exercise.new": "new",
  "menu.exercise.description": "{summary} Its screen writes the starter files, checks them, and watches them as you save.",
  "menu.progress": "  Your progress",
  "menu.progressDescription": "Lessons done, exercises passed, and where progress is stored.",
  // The title of the "Your progress" screen, and its way back.
  "menu.progressTitle": "Your progress",
  "menu.back": "Back to the menu",
  // "Language / 语言" stays bilingual in every language: it is how a learner finds their own. {name} is the language's own name ("English", "简体中文").
  "menu.language": "  Language / 语言: {name}",
  "menu.languageDescription": "The language of the menus, lessons and checks. Saved with your progress (--lang and SOCKET_TUTOR_LANG come first).",
  "menu.languagePrompt": "Language / 语言",
  "menu.languageSaved": "Language: {name}. Saved with your progress.",
  // The words of the key line under every list prompt: "↑↓ navigate • ⏎ select".
  "menu.keys.navigate": "navigate",
  "menu.keys.select": "select",
  "menu.quit": "  Quit",
  "menu.quitDescription": "Your place in each lesson is saved.",
  // Before a full-screen command starts.
  "menu.needsTerminal": "'socket-tutor {command}' needs an interactive terminal, and this {what, select, output {output is} other {input is}} not one.\nWithout one, '{tutor} list' lists the lessons and '{tutor} show <lesson>' prints one.",
  "menu.terminalTooSmall": "this terminal is {cols}x{rows}; socket-tutor needs at least {minCols}x{minRows}. Make the window larger, or read a lesson with '{tutor} show <lesson>'.",
} as const;
