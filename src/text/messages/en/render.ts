/**
 * A lesson printed as text: `socket-tutor show`, and the header of every step in the
 * interactive lesson. Texts with ** and ` are Markdown: keep the marks around the same words.
 */
export const render = {
  // The step header: the lesson on the left, the step count on the right.
  "render.where": "Lesson {order} · {title}",
  "render.stepCount": "step {step} of {steps}",
  // The step count ({step}, render.stepCount), then the course's progress ({course}, render.courseBar).
  "render.stepAndCourse": "{step} · course {course}",
  // {bar} is a row of marks, one for each lesson, filled for the lessons done.
  "render.courseBar": "{bar} {done}/{total}",
  // The top of a printed lesson.
  "render.lessonTitle": "Lesson {order}: {title}",
  "render.lessonSubtitle": "{chapter} · {summary}",
  "render.quizHeading": "Quiz",
  // After the right choice of a quiz, with --answers.
  "render.correct": "**(correct)**",
  // Before the explanation of the right choice and of a wrong one, with --answers (one column each).
  "render.rightMark": "✓",
  "render.wrongMark": "✗",
  // Under a code listing: the same program in the other language. {files} is a list of render.alsoInPython/JavaScript, joined by ", ".
  "render.alsoIn": "*Also in {files}*",
  "render.alsoInPython": "Python: {file}",
  "render.alsoInJavaScript": "JavaScript: {file}",
  "render.demo": "**Live demo: `{demo}`**",
  "render.demoRun": "Run it: `{command}`",
  "render.exercise": "**Exercise: `{exercise}`**",
  "render.exerciseRun": "Start it: `{start}`, check it: `{verify}`",
} as const;
