/** Walking through a lesson: the step prompt, quizzes, paging, and the actions a step offers. */
export const lesson = {
  "lesson.finish": "Finish the lesson ✓",
  "lesson.next": "Next: {title}",
  "lesson.back": "Back: {title}",
  "lesson.showPython": "Show the code in Python",
  "lesson.showJavaScript": "Show the code in JavaScript",
  "lesson.menu": "Menu (your place is saved)",
  "lesson.continued": "  (continued)",
  "lesson.stepOf": "Step {step} of {steps}",
  "lesson.done": "Lesson {order}, {title}, is done.",
  "lesson.note": "note:",
  // Quizzes.
  "lesson.quiz": "Quiz",
  "lesson.quiz.prompt": "Your answer:",
  // After a wrong answer: the same question, with the choices not tried yet.
  "lesson.quiz.again": "Try again:",
  "lesson.quiz.showAnswer": "Show me the answer",
  // Before the chosen answer (a) …), then why it is right or wrong on the next lines.
  "lesson.quiz.right": "✓ Right:",
  "lesson.quiz.wrong": "✗ Not right:",
  // Before the right choice, when the learner asked for it.
  "lesson.quiz.answer": "The answer:",
  // The pager of a long step.
  "lesson.more": "More of this step below",
  // The same, on a screen that is not a lesson step (an exercise, Your progress).
  "lesson.moreBelow": "More below",
  "lesson.moreContinue": "↓ Continue reading",
  // Actions on a demo or exercise step.
  "lesson.demo.run": "▶ Run the live demo: {demo}",
  "lesson.demo.runDescription": "Real processes, step by step: space runs the next call, q comes back here.",
  "lesson.exercise.start": "✎ Start the exercise: {id}",
  "lesson.exercise.back": "✎ Back to the exercise: {id}",
  "lesson.exercise.again": "✎ Open the exercise again (passed): {id}",
  "lesson.exercise.description": "Its screen writes the starter files into your folder, checks your program and watches it as you save: no other terminal needed.",
  // The exercise screen opened from a lesson or the menu.
  "lesson.exercise.title": "Exercise: {title}",
  "lesson.exercise.statusPassed": "✓ passed",
  "lesson.exercise.statusNotYet": "not passed yet",
  "lesson.exercise.statusAttempts": "{n, plural, one {# check run} other {# check runs}}",
  "lesson.exercise.statusHints": "{seen} of {total} hints seen",
  // {folder} is a full path; the files written there follow, one a line.
  "lesson.exercise.where": "Your files are in {folder}",
  "lesson.exercise.wrote": "wrote",
  "lesson.exercise.kept": "kept",
  "lesson.exercise.keptWhy": "(it already exists: your work is not overwritten)",
  // After the file that Check and Watch run.
  "lesson.exercise.checked": "← checked",
  "lesson.exercise.how": "Open it in your editor. Check runs the checks here; Watch runs them again each time you save.",
  // Above the reason (exercise.cannotWrite…), when the starter files could not be written.
  "lesson.exercise.notWritten": "The starter files were not written:",
  "lesson.exercise.prompt": "What now?",
  "lesson.exercise.check": "▶ Check {file}",
  "lesson.exercise.checkDescription": "Runs the checks once, over real sockets, with the report the verify command prints.",
  "lesson.exercise.watch": "⟳ Watch {file}: check again on every save",
  "lesson.exercise.watchDescription": "Edit and save in your editor: the checks run again by themselves, each run on a fresh screen.",
  "lesson.exercise.hint": "? Next hint ({left} left)",
  "lesson.exercise.hintsAgain": "? The hints again (all {n} seen)",
  "lesson.exercise.hintForFailure": "This hint is about the first check that failed in your last run.",
  "lesson.exercise.allHintsSeen": "You have seen every hint. Here they are again:",
  "lesson.exercise.solution": "★ The reference solution",
  "lesson.exercise.solutionDescription": "Compare it with yours: there is more than one good answer.",
  // {file} is the other language's solution (a full path).
  "lesson.exercise.solutionOther": "The other language's solution: {file}",
  "lesson.exercise.useJavaScript": "⇄ Check {file} (JavaScript) instead",
  "lesson.exercise.usePython": "⇄ Check {file} (Python) instead",
  "lesson.exercise.task": "Read the task again",
  "lesson.exercise.leave": "Back",
  // While the checks run on the exercise screen.
  "lesson.exercise.running": "q or Esc stops the checks; Ctrl-C quits the tutor.",
  "lesson.exercise.stopped": "Stopped: the checks did not finish, and nothing was recorded.",
  // Watching the file.
  "lesson.exercise.watching": "Watching {file}: save it in your editor to check again.",
  "lesson.exercise.watchPrompt": "Waiting for you to save {file}",
  "lesson.exercise.watchHint": "? A hint",
  "lesson.exercise.watchAgain": "▶ Check again now",
  "lesson.exercise.watchStop": "Stop watching",
} as const;
