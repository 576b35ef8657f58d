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
  // For lesson authors (under SOCKET_TUTOR_LESSONS): {language} is a code such as zh-CN; {script} the command that shows the English diffs.
  "list.translations": "{language} translations: {stale} out of date, {broken} not used (they do not match the English). '{script}' shows what changed in the English:",
} as const;
