/**
 * The chat-bye exercise's checks: a chat server with line framing; one client (the
 * checker) stays connected through all checks. b'…' excerpts are data (\n in them is
 * a newline byte; in a message it is written \\n). {time} is a duration.
 */
export const chatBye = {
  // The checker's client, in the live view.
  "chatBye.label": "the client",

  // Check names.
  "chatBye.check.twoLines": "answers two lines that arrive in one segment",
  "chatBye.check.split": "answers a line that arrives in two pieces",
  "chatBye.check.bye": "answers bye with bye, then closes the connection",
  "chatBye.check.exit": "exits with status 0 after bye",

  // {sent} is one of chatBye.sent.*, which complete "The client …".
  "chatBye.clientSent": "The client {sent}.",
  "chatBye.sent.twoLines": "sent b'hello\\nworld\\n' in one send (two lines, one segment)",
  "chatBye.sent.split": "sent b'spl', paused {ms} ms, then sent b'it\\n'",
  // {expected} and {got} are excerpts; {end} says how the read ended ("then the connection closed").
  "chatBye.gotNothing": "It waited {time} for {expected} and got nothing.",
  "chatBye.gotNothingThen": "It waited {time} for {expected} and got nothing ({end}).",
  "chatBye.gotOther": "Expected {expected}, got {got} ({end}).",

  "chatBye.help.wholeRecv": "Your server answered the whole recv() as if it were one line. One recv() can return several lines at once: split what arrives at each \\n, answer every complete line, and keep the rest for the next recv().",
  "chatBye.early": "The client sent b'spl' (no newline yet) and paused {ms} ms; your server already answered {got}.",
  "chatBye.help.early": "A line is complete only when its \\n arrives. Keep the bytes received so far in a buffer, and answer when the newline comes (the rest of this line, b'it\\n', was about to be sent).",
  "chatBye.help.lostPiece": "Your server answered only the second piece: the first one (b'spl') was lost. Keep partial lines in a buffer between recv() calls.",

  "chatBye.byeStaysOpen": "The client sent b'bye\\n' and got b'bye\\n', but the connection stayed open for {time}: after answering bye, close the connection.",
  "chatBye.byeWrong": "The client sent b'bye\\n'; expected b'bye\\n' and then the connection closing; got {got}, {end}.",
  "chatBye.help.byeEchoed": "Your server answered bye like any other line: compare the line (without its \\n) with b'bye' first.",

  "chatBye.stillRunning": "Your program was still running {time} after the client said bye. The chat ends on bye: close the connection and the listening socket, and exit with status 0 (Python: return from main or sys.exit(0); Node.js: server.close(), or process.exit(0)).",
  // {exit} completes "Your program …" ("exited with code 1").
  "chatBye.exitStatus": "Your program {exit}, not with status 0.",
} as const;
