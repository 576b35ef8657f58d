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
  "lesson.quiz.right": "✓ Right.",
  "lesson.quiz.wrong": "✗ Not quite.",
  "lesson.quiz.answer": "The answer:",
  // The right choice's text, then why it is right.
  "lesson.quiz.answerText": "{answer}. {why}",
  // The pager of a long step.
  "lesson.more": "More of this step below",
  "lesson.moreContinue": "↓ Continue reading",
  // Actions on a demo or exercise step.
  "lesson.demo.run": "▶ Run the live demo: {demo}",
  "lesson.demo.runDescription": "Real processes, step by step: space runs the next call, q comes back here.",
  "lesson.exercise.start": "✎ Start the exercise: {id}",
  "lesson.exercise.back": "✎ Back to the exercise: {id}",
  "lesson.exercise.again": "✎ Open the exercise again (passed): {id}",
  "lesson.exercise.description": "Shows the task and writes starter files (Python and JavaScript) into ./socket-tutor-exercises/.",
  // The exercise screen opened from a lesson or the menu.
  "lesson.exercise.title": "Exercise: {title}",
  "lesson.exercise.wrote": "wrote",
  "lesson.exercise.kept": "kept",
  "lesson.exercise.keptWhy": "(it already exists: your work is not overwritten)",
  // Above the reason (exercise.cannotWrite…), when the starter files could not be written.
  "lesson.exercise.notWritten": "The starter files were not written:",
  "lesson.exercise.next": "**Next**, in another terminal:",
  "lesson.exercise.hintLine": "`{hint}` gives a hint at a time; `--watch` re-checks each time you save.",
  "lesson.exercise.leave": "Back",
} as const;
