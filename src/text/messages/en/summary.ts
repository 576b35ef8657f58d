/** The screen after a lesson's last step: what it showed, the quiz score, the course so far, what is next. */
export const summary = {
  "summary.done": "✓ Lesson {order}, {title}, is done.",
  // A heading; the lesson's one-line summary follows on the next line.
  "summary.showed": "What it showed",
  // {steps} is the lesson's step titles, joined by " · ".
  "summary.steps": "Its steps: {steps}",
  // Labels at the start of a line; what follows is one of the messages below.
  "summary.quizLabel": "Quiz:",
  "summary.quiz": "{right} of {total} right at the first try{missed, plural, =0 {} other { (# not answered)}}.",
  "summary.exerciseLabel": "Exercise:",
  "summary.exercisePassed": "{id}, passed.",
  "summary.exerciseTried": "{id}, tried, not passed yet.",
  "summary.exerciseNew": "{id}, not started.",
  "summary.courseLabel": "Course:",
  // {bar} is render.courseBar: marks for the lessons, then "done/total".
  "summary.course": "{bar} lessons done.",
  "summary.next": "Next: lesson {order}, {title}.",
  "summary.allDone": "That was the last lesson: every lesson is done. Well played.",
  // The prompt and its choices.
  "summary.prompt": "What now?",
  "summary.nextLesson": "▶ Next lesson: {order}. {title}",
  "summary.exercise": "✎ Do the exercise: {id}",
  "summary.menu": "Back to the menu",
} as const;
