/** `socket-tutor list`. */
export const list = {
  "list.help": "List lessons and exercises with your status (done, in progress, new). Plain text; works without a terminal.",
  "list.lessons": "Lessons ({done} of {total} done)",
  "list.done": "done",
  "list.inProgress": "in progress",
  "list.new": "new",
  "list.step": " (step {step} of {steps})",
  "list.exercises": "Exercises ({passed} of {total} passed)",
  "list.passed": "passed",
  "list.passedBefore": "passed before the checks changed: run verify again",
  "list.tried": "tried",
  "list.open": "Open one with '{lesson}', or all of them with '{start}'.",
} as const;
