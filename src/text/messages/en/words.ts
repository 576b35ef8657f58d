/** `socket-tutor glossary`, `socket-tutor search`, and the glossary screen of the lesson prompt. */
export const words = {
  // Under a term: its other names, joined by ", ".
  "words.also": "Also: {names}",
  // Where a glossary term is shown: a lesson, and the step in it.
  "words.shownIn": "Shown in lesson {order}, {title}: step {step}, {stepTitle}",
  "words.listTitle": "{n, plural, one {# word} other {# words}} the lessons use:",
  "words.listMore": "One in full: {command}",
  // {suggestion} is " Did you mean …?" or nothing.
  "words.noEntry": "no glossary entry for '{word}'.{suggestion} Search the lessons for it: {command}",
  "words.noGlossary": "this lessons folder has no glossary ({file})",
  // `search`.
  "words.searchTitle": "Lessons and steps that mention '{query}', best first:",
  "words.searchLesson": "Lesson {order}: {title}",
  "words.searchStep": "step {step}: {title}",
  // Before the glossary terms that match the search; {terms} is a list joined by ", ".
  "words.searchGlossary": "In the glossary: {terms}. Its definition:",
  "words.searchNothing": "nothing in the lessons mentions '{query}'",
  // The command that opens a lesson follows on the next line.
  "words.searchOpen": "Open a lesson:",
  "words.searchWhich": "search for what? For example: {example}",
  // The glossary screen opened from a lesson's step prompt.
  "words.tool": "Look up a word (glossary)",
  "words.toolDescription": "fd, backlog, Recv-Q, TIME_WAIT, ECONNRESET…: a short definition and the lesson that shows it.",
  "words.toolPrompt": "Type a word, or choose one:",
  "words.toolTitle": "Glossary",
  "words.toolNext": "What now?",
  "words.toolAnother": "Look up another word",
  "words.toolBack": "Back to the lesson",
} as const;
