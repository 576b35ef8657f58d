/**
 * The progress store's notices. A "why" text completes the sentence
 * "Your progress file <file> …" (progress.refused, progress.corrupt…).
 */
export const progress = {
  "progress.why.unreadable": "could not be read ({error})",
  "progress.why.notRegular": "is not a regular file (it is {kind})",
  "progress.why.tooLarge": "is larger than {cap} ({size}), more than a progress file ever needs",
  "progress.why.grewTooLarge": "is larger than {cap}, more than a progress file ever needs",
  "progress.why.notJson": "is not valid JSON",
  "progress.why.notOurs": "is not a socket-tutor progress file",
  "progress.kind.fifo": "a FIFO",
  "progress.kind.charDevice": "a character device",
  "progress.kind.blockDevice": "a block device",
  "progress.kind.folder": "a folder",
  "progress.kind.socket": "a socket",
  "progress.kind.other": "not a file",
  "progress.refused": "Your progress file {file} {why}. It is left as it is, and your progress is not saved this run. To save again, fix or move that file.",
  "progress.movedAside": "Your progress file {why}. It was moved to {backup}; starting with fresh progress.",
  "progress.cannotMoveAside": "Your progress file {file} {why}, and could not be moved aside ({error}); it is left as it is, and progress is not saved.",
  "progress.cannotMoveAsideNow": "Your progress file {file} {why}, and could not be moved aside ({error}); it is ignored for now.",
  "progress.wrongTypes": "Some values in your progress file {file} have the wrong type and are ignored: {fields}.",
  "progress.wrongTypesKept": "Some values in your progress file had the wrong type and were left out: {fields}. The file as it was is kept in {copy}.",
  "progress.wrongTypesNoCopy": "Your progress was not saved: some values in {file} have the wrong type ({fields}), and a copy could not be kept ({error}).",
  "progress.lockBusy": "Your progress was not saved: for {seconds} s, another socket-tutor process{holder, select, none {} other { (pid {holder})}} held the lock {lock}. If no other socket-tutor is running, delete that file.",
  "progress.lockHeld": "the lock file {lock} is held{holder, select, none {} other { by process {holder}}}; waited {seconds} s",
  // A list of field names, cut after six: "a, b, c, d, e, f and 3 more".
  "progress.fieldsMore": "{shown} and {n} more",
  "progress.cannotSave": "Could not save progress to {file} ({error}).",
  "progress.tooLargeToSave": "Your progress was not saved: it would be larger than {cap}, the most socket-tutor reads.",
  // The `progress` command and the menu's "Your progress".
  "progress.report.lessons": "Lessons:",
  "progress.report.lessonsDone": "{done} of {total} done",
  "progress.report.inProgressCount": ", {n} in progress",
  // Ends the lessons line ("Lessons: 3 of 11 done, 1 in progress.").
  "progress.report.end": ".",
  "progress.report.done": "done",
  "progress.report.inProgress": "in progress",
  "progress.report.lessonLine": "{order}. {title}",
  "progress.report.lessonStep": "{order}. {title} (step {step} of {steps})",
  "progress.report.exercises": "Exercises:",
  "progress.report.exercisesPassed": "{passed} of {total} passed.",
  "progress.report.passed": "passed",
  "progress.report.tried": "tried",
  // After an exercise's line, when its pass was recorded under older checks.
  "progress.report.passedBefore": "(passed before the checks changed: run verify again)",
  "progress.report.exerciseLine": "{id} ({attempts, plural, one {# attempt} other {# attempts}}{hints, plural, =0 {} one {, # hint} other {, # hints}})",
  "progress.report.next": "Next: lesson {order}, {title} ('{command}').",
  "progress.report.allDone": "Every lesson is done. Well played.",
  "progress.report.stored": "Stored in {file}",
} as const;
