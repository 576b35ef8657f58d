/**
 * A lesson printed as text: `socket-tutor show`, and the header of every step in the
 * interactive lesson. Texts with ** and ` are Markdown: keep the marks around the same words.
 */
export const render = {
  // The step header: the lesson on the left, the step count on the right.
  "render.where": "Lesson {order} · {title}",
  "render.stepCount": "step {step} of {steps}",
  // The top of a printed lesson.
  "render.lessonTitle": "Lesson {order}: {title}",
  "render.lessonSubtitle": "{chapter} · {summary}",
  "render.quiz": "**Quiz.** {question}",
  // After the right choice of a quiz, with --answers.
  "render.correct": "**(correct)**",
  // Under a code listing: the same program in the other language. {files} is a list of render.alsoInPython/JavaScript, joined by ", ".
  "render.alsoIn": "*Also in {files}*",
  "render.alsoInPython": "Python: {file}",
  "render.alsoInJavaScript": "JavaScript: {file}",
  "render.demo": "**Live demo: `{demo}`**",
  "render.demoRun": "Run it: `{command}`",
  "render.exercise": "**Exercise: `{exercise}`**",
  "render.exerciseRun": "Start it: `{start}`, check it: `{verify}`",
} as const;
