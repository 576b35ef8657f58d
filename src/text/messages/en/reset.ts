/** `socket-tutor reset`: forgetting progress. */
export const reset = {
  // Said when the reason was given just above (a note about the progress file).
  "reset.notSaved": "nothing was reset: your progress file cannot be used this run (see the note above).",
  "reset.lessonDone": "Progress in lesson {order}, {title}, is reset.",
  "reset.needsConfirmation": "resetting all progress needs a confirmation: run it in a terminal, or add --yes.",
  // The learner must type {word} (reset.confirmWord) to confirm.
  "reset.ask": "Erase all progress (every lesson and exercise) in {file}? Type '{word}' to confirm: ",
  // The word to type; "yes" in English is always accepted too.
  "reset.confirmWord": "yes",
  "reset.nothingErased": "Nothing was erased.",
  "reset.allDone": "All progress is erased. Your settings are kept.",
} as const;
